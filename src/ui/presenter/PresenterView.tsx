/**
 * The presenter's window: the current step (live, as the audience sees it), the next step, the speaker
 * notes, the elapsed time (paused while the screen is black) and the clock. Keys work here too; both
 * windows stay in step through the presenter channel.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { CommandButton } from '../CommandButton';
import { deckCommand } from '../player/commands';
import { sceneAt } from '../store/deck-scenes';
import { deckStore, placeAfter } from '../store/deck-store';
import { usePlace, usePlayerState } from '../store/hooks';
import { CurrentStage } from '../views/CurrentStage';
import { PresenterMetrics } from '../views/metrics/CurrentMetrics';

function useElapsed(paused: boolean): number {
  const [elapsedMs, setElapsed] = useState(0);
  useEffect(() => {
    if (paused) return;
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      setElapsed((e) => e + (now - last));
      last = now;
    }, 250);
    return () => window.clearInterval(id);
  }, [paused]);
  return elapsedMs;
}

function useClock(): string {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const mmss = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export function PresenterView() {
  const { scene, step, sceneIndex } = usePlace();
  const { black } = usePlayerState();
  const notice = useStore(deckStore, (s) => s.notice);
  const elapsed = useElapsed(black);
  const clock = useClock();
  const current = scene.steps[step]!;
  const nextPlace = placeAfter({ ...deckStore.getState(), sceneIndex, step });
  const nextScene = nextPlace ? sceneAt(nextPlace.sceneIndex) : null;
  const next = nextPlace && nextScene ? nextScene.steps[nextPlace.step]! : null;
  useEffect(() => {
    document.body.dataset.scene = scene.id;
    document.body.dataset.step = String(step);
    document.title = `Presenter · ${scene.title} · Kafka Stage`;
  }, [scene, step]);
  return (
    <div className="presenter" data-testid="presenter">
      <header className="presenter-bar">
        <span className="brand">Presenter</span>
        <span data-testid="presenter-place">
          {scene.title} · step {step + 1}/{scene.steps.length}
        </span>
        <span className="timer" data-testid="elapsed" title="Elapsed time">
          {mmss(elapsed)}
          {black ? ' (paused: screen black)' : ''}
        </span>
        <span className="clock">{clock}</span>
      </header>
      <section className="presenter-current" aria-label="Current step">
        <h2>{current.title}</h2>
        <div className="presenter-stage">
          <CurrentStage />
        </div>
      </section>
      <PresenterMetrics />
      <section className="presenter-notes" aria-label="Speaker notes" data-testid="speaker-notes">
        <h2>Notes</h2>
        <p>{current.notes}</p>
        {current.predict && <p className="predict-note">Ask first: {current.predict}</p>}
      </section>
      <section className="presenter-next" aria-label="Next step" data-testid="next-step">
        <h2>Next</h2>
        {next && nextScene ? (
          <p>
            {nextScene !== scene ? `${nextScene.title}: ` : ''}
            <strong>{next.title}</strong> — {next.narration}
          </p>
        ) : (
          <p>End of the deck.</p>
        )}
      </section>
      <nav className="controls" aria-label="Presenter controls">
        <CommandButton command={deckCommand('previous-step')} />
        <CommandButton command={deckCommand('next-step')} />
        <CommandButton command={deckCommand('black')} />
        {notice && <output className="notice">{notice}</output>}
      </nav>
    </div>
  );
}

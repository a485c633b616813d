/**
 * The presenter's window: the current step (live, as the audience sees it), the next step's picture and
 * narration, the speaker notes (their size on `[` and `]`), the elapsed time of the talk and of the current
 * scene (paused while the screen is black) and the clock. Keys and overlays work here too (help, overview,
 * Live panel); both windows stay in step through the presenter channel. Each part is its own component in
 * the grid's named areas, so another panel can take an area of its own beside them.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { CommandButton } from '../CommandButton';
import { HelpOverlay } from '../overlays/HelpOverlay';
import { Miniature } from '../overlays/Miniature';
import { Overview } from '../overlays/Overview';
import { deckCommand } from '../player/commands';
import { sceneAt } from '../store/deck-scenes';
import { deckStore, placeAfter } from '../store/deck-store';
import { usePlace, usePlayerState, useStepFrame } from '../store/hooks';
import { notesSizeStore } from '../store/notes-size';
import { CurrentStage } from '../views/CurrentStage';
import { PresenterMetrics } from '../views/metrics/CurrentMetrics';
import { useClock, useElapsed } from './clock';

const LivePanel = lazy(() => import('../views/LivePanel').then((m) => ({ default: m.LivePanel })));

const mmss = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

function PresenterBar() {
  const { scene, step, sceneIndex } = usePlace();
  const { black } = usePlayerState();
  // Wall time lives here, in the UI, never in the engine: the talk's clock and the scene's (reset on a new scene).
  const talk = useElapsed(black, 'talk');
  const inScene = useElapsed(black, sceneIndex);
  const clock = useClock();
  return (
    <header className="presenter-bar">
      <span className="brand">Presenter</span>
      <span data-testid="presenter-place">
        {scene.title} · step {step + 1}/{scene.steps.length}
      </span>
      <span className="timer" data-testid="elapsed" title="Elapsed time of the talk">
        talk {mmss(talk)}
        {black ? ' (paused: screen black)' : ''}
      </span>
      <span className="timer scene-timer" data-testid="scene-elapsed" title="Time in this scene">
        scene {mmss(inScene)}
      </span>
      <span className="clock">{clock}</span>
    </header>
  );
}

function PresenterNotes() {
  const { scene, step } = usePlace();
  const rem = useStore(notesSizeStore, (s) => s.rem);
  const current = scene.steps[step]!;
  return (
    <section
      className="presenter-notes"
      aria-label="Speaker notes"
      data-testid="speaker-notes"
      style={{ fontSize: `${rem}rem` }}
      // Long notes (or the metrics panel sharing the column) make it scroll: a scrolling region is reachable
      // by keyboard (axe: scrollable-region-focusable).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region itself takes the focus, to scroll
      tabIndex={0}
    >
      <h2>Notes</h2>
      <p>{current.notes}</p>
      {current.predict && <p className="predict-note">Ask first: {current.predict}</p>}
    </section>
  );
}

function PresenterNext() {
  const { sceneIndex, step } = usePlace();
  const nextPlace = placeAfter({ ...deckStore.getState(), sceneIndex, step });
  const nextScene = nextPlace ? sceneAt(nextPlace.sceneIndex) : null;
  const next = nextPlace && nextScene ? nextScene.steps[nextPlace.step]! : null;
  return (
    <section className="presenter-next" aria-label="Next step" data-testid="next-step">
      <h2>Next</h2>
      {next && nextScene && nextPlace ? (
        <div className="presenter-next-body">
          <Miniature sceneIndex={nextPlace.sceneIndex} step={nextPlace.step} />
          <p>
            {nextScene !== sceneAt(sceneIndex) ? `${nextScene.title}: ` : ''}
            <strong>{next.title}</strong> — {next.narration}
          </p>
        </div>
      ) : (
        <p>End of the deck.</p>
      )}
    </section>
  );
}

export function PresenterView() {
  const { scene, step } = usePlace();
  const { overlay, livePanelOpen } = usePlayerState();
  const { frame } = useStepFrame();
  const notice = useStore(deckStore, (s) => s.notice);
  const current = scene.steps[step]!;
  useEffect(() => {
    document.body.dataset.scene = scene.id;
    document.body.dataset.step = String(step);
    document.title = `Presenter · ${scene.title} · Kafka Stage`;
  }, [scene, step]);
  return (
    <div className={livePanelOpen ? 'presenter with-live' : 'presenter'} data-testid="presenter">
      <PresenterBar />
      <section className="presenter-current" aria-label="Current step">
        <h2>{current.title}</h2>
        <div className="presenter-stage">
          <CurrentStage />
        </div>
      </section>
      <PresenterMetrics />
      <PresenterNotes />
      <PresenterNext />
      <nav className="controls" aria-label="Presenter controls">
        <CommandButton command={deckCommand('previous-step')} />
        <CommandButton command={deckCommand('next-step')} />
        <CommandButton command={deckCommand('black')} />
        <CommandButton command={deckCommand('live-panel')} />
        <CommandButton command={deckCommand('help')} />
        {notice && <output className="notice">{notice}</output>}
      </nav>
      {livePanelOpen && frame && (
        <Suspense fallback={<p className="live-panel">Loading the live controls…</p>}>
          <LivePanel scene={scene} state={frame.state} />
        </Suspense>
      )}
      {overlay === 'help' && <HelpOverlay />}
      {overlay === 'overview' && <Overview />}
    </div>
  );
}

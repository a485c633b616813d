/**
 * The deck's frame: header with the place, the stage, the narration, and the step controls. It renders the
 * store; every change goes through the player machine.
 */
import { useMachine } from '@xstate/react';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { scenes } from '../scenarios/registry';
import { installKeys } from './player/keys';
import { playerMachine, STEP_ANIMATION_MS } from './player/machine';
import { installUrlSync } from './player/url-sync';
import { deckStore } from './store/deck-store';
import { frameAt } from './store/frames';
import { Decision } from './views/Decision';
import { TopicView } from './views/TopicView';

const prefersReducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function App() {
  const [, send] = useMachine(playerMachine, {
    input: { durationMs: prefersReducedMotion() ? 0 : STEP_ANIMATION_MS },
  });
  const sceneIndex = useStore(deckStore, (s) => s.sceneIndex);
  const step = useStore(deckStore, (s) => s.step);
  const live = useStore(deckStore, (s) => s.live);
  const progress = useStore(deckStore, (s) => s.progress);
  const notice = useStore(deckStore, (s) => s.notice);
  const scene = scenes[sceneIndex]!;
  const current = scene.steps[step]!;
  const frame = frameAt(sceneIndex, step, live[scene.id] ?? []);
  const playheadMs = frame.fromMs + progress * (frame.toMs - frame.fromMs);

  useEffect(() => installKeys(send), [send]);
  useEffect(() => installUrlSync(send), [send]);
  useEffect(() => {
    document.body.dataset.scene = scene.id;
    document.body.dataset.step = String(step);
    document.title = `${scene.title} · step ${step + 1} · Kafka Stage`;
  }, [scene, step]);

  return (
    <div className="deck">
      <header className="deck-header">
        <span className="brand">Kafka Stage</span>
        <h1 className="scene-title">{scene.title}</h1>
        <span className="place" aria-live="polite">
          Step {step + 1} of {scene.steps.length} · slides {scene.slides.join('–')}
        </span>
      </header>
      <main className="stage" aria-label="Stage">
        {scene.view.kind === 'topic' && (
          <TopicView
            frame={frame}
            playheadMs={playheadMs}
            topic={scene.view.topic}
            producers={scene.view.producers}
          />
        )}
      </main>
      <section
        className={`narration${current.predict ? ' predict' : ''}`}
        aria-live="polite"
        data-testid="narration"
      >
        <h2 className="step-title">{current.title}</h2>
        <p>{current.narration}</p>
        <Decision frame={frame} playheadMs={playheadMs} />
      </section>
      <nav className="controls" aria-label="Step controls">
        <button type="button" onClick={() => send({ type: 'PREV' })} aria-label="Previous step">
          ◀ Back
        </button>
        <button type="button" onClick={() => send({ type: 'NEXT' })} aria-label="Next step">
          Next ▶
        </button>
        {notice && (
          <output className="notice" data-testid="notice">
            {notice}
          </output>
        )}
      </nav>
    </div>
  );
}

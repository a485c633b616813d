/**
 * The audience view: header with the place, the stage, the narration, and the controls. It renders the
 * store; every change goes through the player machine or a store action.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { scenes } from '../scenarios/registry';
import { CommandButton } from './CommandButton';
import { HandoutOnPrint } from './handout/Handout';
import { Blackout } from './overlays/Blackout';
import { HelpOverlay } from './overlays/HelpOverlay';
import { Overview } from './overlays/Overview';
import { deckCommand } from './player/commands';
import { realityStore } from './reality/reality-store';
import { ReplayControl } from './reality/replay/ReplayControl';
import { deckStore } from './store/deck-store';
import { usePlace, usePlayerState, useStepFrame } from './store/hooks';
import { CurrentStage } from './views/CurrentStage';
import { CurrentDecision } from './views/Decision';
import { RealCommands } from './views/RealCommands';

// The live controls load when first opened: most of a talk never opens them.
const LivePanel = lazy(() => import('./views/LivePanel').then((m) => ({ default: m.LivePanel })));
// Reality mode (a bridge beside a real cluster) loads when first entered: the static build never does.
const RealityDeck = lazy(() => import('./reality/RealityDeck').then((m) => ({ default: m.RealityDeck })));

export function App() {
  const { sceneIndex, step, scene } = usePlace();
  // Not the playhead: the header, narration and controls change once per step, not once per painted frame.
  const { frame } = useStepFrame();
  const { overlay, black, livePanelOpen } = usePlayerState();
  const notice = useStore(deckStore, (s) => s.notice);
  const reality = useStore(realityStore, (s) => s.active);
  const bridge = useStore(realityStore, (s) => s.bridge !== null);
  const current = scene.steps[step]!;

  useEffect(() => {
    // For the bench: the first frame painted after the deck's first render.
    requestAnimationFrame(() => setTimeout(() => performance.mark('kafka-stage:first-paint'), 0));
  }, []);

  useEffect(() => {
    document.body.dataset.scene = scene.id;
    document.body.dataset.step = String(step);
    // The logical time at the start and the end of what is shown: the bench adds these up to say how much
    // time it played. Absent while the scene waits for the ksql engine.
    if (frame) {
      document.body.dataset.modelFromMs = String(frame.fromMs);
      document.body.dataset.modelTimeMs = String(frame.state.now);
    } else {
      delete document.body.dataset.modelFromMs;
      delete document.body.dataset.modelTimeMs;
    }
    document.title = `${scene.title} · step ${step + 1} · Kafka Stage`;
  }, [scene, step, frame]);

  const overlays = (
    <>
      {overlay === 'help' && <HelpOverlay />}
      {overlay === 'overview' && <Overview />}
      {black && <Blackout />}
    </>
  );
  if (reality)
    return (
      <Suspense fallback={<p className="stage-empty">Loading reality mode…</p>}>
        <RealityDeck>{overlays}</RealityDeck>
      </Suspense>
    );

  return (
    <div className={livePanelOpen ? 'deck with-live' : 'deck'}>
      <header className="deck-header">
        <span className="brand">Kafka Stage</span>
        <h1 className="scene-title">{scene.title}</h1>
        <span className="place">
          Scene {sceneIndex + 1}/{scenes.length} · step {step + 1}/{scene.steps.length}
          {scene.slides.length > 0 ? ` · slides ${scene.slides.join('–')}` : ''}
        </span>
      </header>
      <main className="stage" aria-label="Stage">
        <CurrentStage />
      </main>
      <section
        className={`narration${current.predict ? ' predict' : ''}`}
        aria-live="polite"
        data-testid="narration"
      >
        <h2 className="step-title">{current.predict ? `Predict: ${current.title}` : current.title}</h2>
        <p>{current.narration}</p>
        {/* The partitioner's line speaks only where the scene is about partitioning: the produce scenes. */}
        {scene.view.kind === 'topic' && <CurrentDecision />}
      </section>
      <nav className="controls" aria-label="Deck controls">
        <CommandButton command={deckCommand('previous-step')} />
        <CommandButton command={deckCommand('next-step')} />
        <CommandButton command={deckCommand('play')} />
        <CommandButton command={deckCommand('live-panel')} />
        <CommandButton command={deckCommand('metrics')} />
        <RealCommands scene={scene} open={overlay === 'real'} />
        <ReplayControl />
        {bridge && <CommandButton command={deckCommand('reality')} />}
        <CommandButton command={deckCommand('help')} />
        {notice && (
          <output className="notice" data-testid="notice">
            {notice}
          </output>
        )}
      </nav>
      {livePanelOpen && frame && (
        <Suspense fallback={<p className="live-panel">Loading the live controls…</p>}>
          {/* Docked in the deck's grid beside the stage and the narration, never over them. */}
          <LivePanel scene={scene} state={frame.state} />
        </Suspense>
      )}
      {overlays}
      <HandoutOnPrint />
    </div>
  );
}

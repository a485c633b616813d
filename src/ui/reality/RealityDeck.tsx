/**
 * The deck in reality mode: the stage drawn from the real cluster the bridge watches, its live controls
 * where the narration goes, and the controls to switch pictures, show the metrics and go back to the deck.
 * Loaded only when reality mode is first entered (the static build never loads it).
 */
import { type ReactNode, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { CommandButton } from '../CommandButton';
import { send } from '../player/actor';
import { deckCommand } from '../player/commands';
import { realityCommands } from '../player/reality-commands';
import { deckStore } from '../store/deck-store';
import type { MetricsHistory } from '../store/metrics-history';
import { MetricsPanel } from '../views/metrics/MetricsPanel';
import { RealControls } from './RealControls';
import { RealStage, shownTopic } from './RealStage';
import { REAL_VIEW_TITLES, REAL_VIEWS, realityStore } from './reality-store';

/** Wall-clock seconds, so a picture with no news turns stale on screen without a new snapshot. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function RealMetrics() {
  const metrics = useStore(realityStore, (s) => s.metrics);
  const pollMs = useStore(realityStore, (s) => s.bridge?.pollMs ?? 1000);
  const history: MetricsHistory = {
    rows: metrics.rows,
    previous: metrics.previous,
    samples: metrics.samples,
    windowMs: pollMs,
  };
  return <MetricsPanel history={history} unavailable={metrics.unavailable} />;
}

function LiveRealStage() {
  const snapshot = useStore(realityStore, (s) => s.snapshot);
  const view = useStore(realityStore, (s) => s.view);
  const topic = useStore(realityStore, (s) => s.topic);
  const link = useStore(realityStore, (s) => s.link);
  const pollMs = useStore(realityStore, (s) => s.bridge?.pollMs ?? 1000);
  const metricsShown = useStore(realityStore, (s) => s.metricsShown);
  const taken = useStore(realityStore, (s) => s.actions.filter((a) => a.action.kind === 'produce').at(-1));
  const now = useNow();
  return (
    <RealStage
      snapshot={snapshot}
      view={view}
      topic={topic}
      link={link}
      now={now}
      pollMs={pollMs}
      taken={taken}
      beside={metricsShown ? <RealMetrics /> : undefined}
    />
  );
}

export function RealityDeck({ children }: { children: ReactNode }) {
  const view = useStore(realityStore, (s) => s.view);
  const snapshot = useStore(realityStore, (s) => s.snapshot);
  const wanted = useStore(realityStore, (s) => s.topic);
  const notice = useStore(deckStore, (s) => s.notice);
  const topic = shownTopic(snapshot, wanted)?.name ?? null;
  useEffect(() => {
    document.body.dataset.reality = view;
    document.title = `Real cluster · ${REAL_VIEW_TITLES[view]} · Kafka Stage`;
    return () => {
      delete document.body.dataset.reality;
    };
  }, [view]);
  return (
    <div className="deck reality" data-testid="reality-deck">
      <header className="deck-header">
        <span className="brand">Kafka Stage</span>
        <h1 className="scene-title">Real cluster: {REAL_VIEW_TITLES[view]}</h1>
        <span className="place">not a simulation</span>
      </header>
      <main className="stage" aria-label="Stage">
        <LiveRealStage />
      </main>
      <RealControls topic={topic} />
      <nav className="controls" aria-label="Reality mode controls">
        <span className="real-tabs">
          {REAL_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={v === view}
              data-command={realityCommands.view.id}
              data-testid={`real-view-${v}`}
              title={realityCommands.view.label}
              onClick={() => realityCommands.view.run(send, v)}
            >
              {REAL_VIEW_TITLES[v]}
            </button>
          ))}
        </span>
        {view === 'brokers' && <CommandButton command={deckCommand('metrics')} />}
        <CommandButton command={deckCommand('reality')} />
        <CommandButton command={deckCommand('help')} />
        {notice && (
          <output className="notice" data-testid="notice">
            {notice}
          </output>
        )}
      </nav>
      {children}
    </div>
  );
}

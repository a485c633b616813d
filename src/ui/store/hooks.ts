/** Small selectors for components: each takes the smallest value it needs. */
import { useSelector } from '@xstate/react';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { EngineEvent } from '../../engine';
import { DEFAULT_RATE_WINDOW_MS } from '../../engine';
import { player } from '../player/actor';
import { overlayOf } from '../player/machine';
import { sceneAt } from './deck-scenes';
import { deckStore, metricsShownIn } from './deck-store';
import { type Frame, frameAt, NO_LIVE } from './frames';
import { sceneNeedsKsql, useKsqlEngine } from './ksql-loader';
import { type LagHistory, lagHistory } from './lag-history';
import { type MetricsHistory, metricsHistory } from './metrics-history';
import { runEventsUpTo } from './run-events';

export function usePlace() {
  const sceneIndex = useStore(deckStore, (s) => s.sceneIndex);
  const step = useStore(deckStore, (s) => s.step);
  return { sceneIndex, step, scene: sceneAt(sceneIndex) };
}

/**
 * The current step's frame, without the playhead: for what changes once per step rather than once per
 * painted frame of its animation. `frame` is null while the ksql engine a scene needs is loading (`engine`
 * says so, for the stage to show it).
 */
export function useStepFrame(): { frame: Frame | null; engine: ReturnType<typeof useKsqlEngine> } {
  const { sceneIndex, step, scene } = usePlace();
  const live = useStore(deckStore, (s) => s.live[scene.id] ?? NO_LIVE);
  const focus = useStore(deckStore, (s) => s.liveFocus);
  const engine = useKsqlEngine(sceneNeedsKsql(scene, live));
  if (engine !== 'ready') return { frame: null, engine };
  return { frame: frameAt(sceneIndex, step, live, focus), engine };
}

/** The current frame and the playhead: a component using this renders on every frame of an animation. */
export function useFrame(): {
  frame: Frame | null;
  playheadMs: number;
  engine: ReturnType<typeof useKsqlEngine>;
} {
  const { frame, engine } = useStepFrame();
  const progress = useStore(deckStore, (s) => s.progress);
  if (!frame) return { frame, playheadMs: 0, engine };
  return { frame, playheadMs: frame.fromMs + progress * (frame.toMs - frame.fromMs), engine };
}

export function usePlayerState() {
  const actor = player();
  const overlay = useSelector(actor, overlayOf);
  const black = useSelector(actor, (s) => s.matches({ screen: 'black' }));
  const playing = useSelector(actor, (s) => s.matches({ playback: 'playing' }));
  const livePanelOpen = useSelector(actor, (s) => s.matches({ panel: 'open' }));
  const overviewSelection = useSelector(actor, (s) => s.context.overviewSelection);
  return { overlay, black, playing, livePanelOpen, overviewSelection };
}

/** Every group's lag from the start of a scene to the end of a step, with the scene's live actions. */
export function useLagHistory(sceneIndex: number, step: number): LagHistory {
  const live = useStore(deckStore, (s) => s.live[sceneAt(sceneIndex).id] ?? NO_LIVE);
  return useMemo(() => lagHistory(sceneIndex, step, live), [sceneIndex, step, live]);
}

/** Whether the metrics panel is on in a scene (the M key, or the scene's default). */
export function useMetricsShown(sceneIndex: number): boolean {
  return useStore(deckStore, (s) => metricsShownIn(s, sceneIndex));
}

/** The operator metrics from the start of a scene to the end of a step, with the scene's live actions. */
export function useMetricsHistory(sceneIndex: number, step: number): MetricsHistory {
  const scene = sceneAt(sceneIndex);
  const live = useStore(deckStore, (s) => s.live[scene.id] ?? NO_LIVE);
  const windowMs =
    (scene.view.kind === 'brokers' && scene.view.metrics?.rateWindowMs) || DEFAULT_RATE_WINDOW_MS;
  return useMemo(() => metricsHistory(sceneIndex, step, live, windowMs), [sceneIndex, step, live, windowMs]);
}

/** Every event of a scene's run up to the end of a step (with the scene's live actions), oldest first. */
export function useRunEvents(sceneIndex: number, step: number): readonly EngineEvent[] {
  const live = useStore(deckStore, (s) => s.live[sceneAt(sceneIndex).id] ?? NO_LIVE);
  return useMemo(() => runEventsUpTo(sceneIndex, step, live), [sceneIndex, step, live]);
}

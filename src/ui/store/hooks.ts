/** Small selectors for components: each takes the smallest value it needs. */
import { useSelector } from '@xstate/react';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { scenes } from '../../scenarios/registry';
import { player } from '../player/actor';
import { deckStore } from './deck-store';
import { type Frame, frameAt, NO_LIVE } from './frames';
import { sceneNeedsKsql, useKsqlEngine } from './ksql-loader';
import { type LagHistory, lagHistory } from './lag-history';

export function usePlace() {
  const sceneIndex = useStore(deckStore, (s) => s.sceneIndex);
  const step = useStore(deckStore, (s) => s.step);
  return { sceneIndex, step, scene: scenes[sceneIndex]! };
}

/**
 * The current frame and playhead; `frame` is null while the ksql engine a scene needs is loading (`engine`
 * says so, for the stage to show it).
 */
export function useFrame(): {
  frame: Frame | null;
  playheadMs: number;
  engine: ReturnType<typeof useKsqlEngine>;
} {
  const { sceneIndex, step, scene } = usePlace();
  const live = useStore(deckStore, (s) => s.live[scene.id] ?? NO_LIVE);
  const focus = useStore(deckStore, (s) => s.liveFocus);
  const progress = useStore(deckStore, (s) => s.progress);
  const engine = useKsqlEngine(sceneNeedsKsql(scene, live));
  if (engine !== 'ready') return { frame: null, playheadMs: 0, engine };
  const frame = frameAt(sceneIndex, step, live, focus);
  return { frame, playheadMs: frame.fromMs + progress * (frame.toMs - frame.fromMs), engine };
}

export function usePlayerState() {
  const actor = player();
  const overlay = useSelector(actor, (s) =>
    s.matches({ overlay: 'help' }) ? 'help' : s.matches({ overlay: 'overview' }) ? 'overview' : 'none',
  );
  const black = useSelector(actor, (s) => s.matches({ screen: 'black' }));
  const playing = useSelector(actor, (s) => s.matches({ playback: 'playing' }));
  return { overlay, black, playing };
}

/** Every group's lag from the start of a scene to the end of a step, with the scene's live actions. */
export function useLagHistory(sceneIndex: number, step: number): LagHistory {
  const live = useStore(deckStore, (s) => s.live[scenes[sceneIndex]?.id ?? ''] ?? NO_LIVE);
  return useMemo(() => lagHistory(sceneIndex, step, live), [sceneIndex, step, live]);
}

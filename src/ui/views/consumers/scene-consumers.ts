/**
 * Every consumer a consumers scene will have, per group, read from the engine state at the scene's last
 * step (live actions included): boxes are laid out for all of them from the first step, so no box moves
 * or shrinks when another joins later (a consumer, killed or closed, stays in the engine's state).
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { EngineState } from '../../../engine';
import { sceneAt } from '../../store/deck-scenes';
import { deckStore } from '../../store/deck-store';
import { NO_LIVE, stateAtStep } from '../../store/frames';

export function useSceneEndState(sceneIndex: number): EngineState {
  const scene = sceneAt(sceneIndex);
  const live = useStore(deckStore, (s) => s.live[scene.id] ?? NO_LIVE);
  return useMemo(
    () => stateAtStep(sceneIndex, scene.steps.length - 1, live),
    [sceneIndex, scene.steps.length, live],
  );
}

/** The consumers of a group in either state (the step's, the scene's end), sorted by id. */
export function consumersOf(group: string, ...states: readonly EngineState[]): string[] {
  const ids = new Set<string>();
  for (const s of states)
    for (const c of Object.values(s.groups.consumers)) if (c.group === group) ids.add(c.id);
  return [...ids].sort();
}

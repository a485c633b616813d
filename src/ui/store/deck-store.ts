/**
 * The app's one store (zustand): where the deck is, what the presenter did live, and how far the current
 * step's animation has played. Actions are module-level functions, so the player machine, the key handler,
 * the URL sync and tests call them without hooks. Engine states are derived (frames.ts), never stored.
 */
import { createStore } from 'zustand/vanilla';
import { scenes } from '../../scenarios/registry';
import type { LiveAction } from '../../scenarios/run';

export interface DeckState {
  readonly sceneIndex: number;
  readonly step: number;
  /** Live actions per scene id, in the order they were taken. */
  readonly live: Readonly<Record<string, readonly LiveAction[]>>;
  /** How far the current step's animation has played, 0..1 (1 = the step's final state). */
  readonly progress: number;
  /** A quiet message for the presenter (a bad link corrected, the end of the deck). */
  readonly notice: string | null;
}

export const deckStore = createStore<DeckState>(() => ({
  sceneIndex: 0,
  step: 0,
  live: {},
  progress: 1,
  notice: null,
}));

export const lastStepOf = (sceneIndex: number): number => (scenes[sceneIndex]?.steps.length ?? 1) - 1;

/** Moves to a place, clamped to the deck; animate=false shows the step's final state at once. */
export function goTo(sceneIndex: number, step: number, animate = false): void {
  const s = Math.max(0, Math.min(sceneIndex, scenes.length - 1));
  const k = Math.max(0, Math.min(step, lastStepOf(s)));
  const cur = deckStore.getState();
  if (cur.sceneIndex === s && cur.step === k) {
    if (!animate) deckStore.setState({ progress: 1 });
    return;
  }
  deckStore.setState({ sceneIndex: s, step: k, progress: animate ? 0 : 1 });
}

/** The place after the current one: the next step, or the first step of the next scene. */
export function placeAfter(
  state: DeckState = deckStore.getState(),
): { sceneIndex: number; step: number } | null {
  if (state.step < lastStepOf(state.sceneIndex))
    return { sceneIndex: state.sceneIndex, step: state.step + 1 };
  if (state.sceneIndex < scenes.length - 1) return { sceneIndex: state.sceneIndex + 1, step: 0 };
  return null;
}

export function placeBefore(
  state: DeckState = deckStore.getState(),
): { sceneIndex: number; step: number } | null {
  if (state.step > 0) return { sceneIndex: state.sceneIndex, step: state.step - 1 };
  if (state.sceneIndex > 0)
    return { sceneIndex: state.sceneIndex - 1, step: lastStepOf(state.sceneIndex - 1) };
  return null;
}

export function setProgress(progress: number): void {
  deckStore.setState({ progress: Math.max(0, Math.min(1, progress)) });
}

export function showNotice(notice: string | null): void {
  deckStore.setState({ notice });
}

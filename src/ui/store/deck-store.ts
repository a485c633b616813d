/**
 * The app's one store (zustand): where the deck is, what the presenter did live, settings, and how far the
 * current animation has played. Actions are module-level functions, so the player machine, the key handler,
 * the URL sync, the presenter channel and tests call them without hooks. Engine states are derived
 * (frames.ts), never stored.
 */
import { createStore } from 'zustand/vanilla';
import type { Command } from '../../engine';
import { scenes } from '../../scenarios/registry';
import type { LiveAction } from '../../scenarios/run';
import { sceneAt } from './deck-scenes';
import { NO_LIVE } from './frames';
import { ksqlReadyFor, loadKsqlEngine } from './ksql-loader';
import { takeLiveAction } from './scene-run';

export type Theme = 'dark' | 'projector';
export const THEMES: readonly Theme[] = ['dark', 'projector'];
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 1.5, 2, 3, 4];

export interface DeckState {
  readonly sceneIndex: number;
  readonly step: number;
  /** Live actions per scene id, in the order they were taken. */
  readonly live: Readonly<Record<string, readonly LiveAction[]>>;
  /** The live action being animated (index into live[scene]); null animates the step itself. */
  readonly liveFocus: number | null;
  /** How far the current animation has played, 0..1 (1 = the final state). */
  readonly progress: number;
  /** A quiet message for the presenter (a bad link corrected, the end of the deck, a refused action). */
  readonly notice: string | null;
  readonly theme: Theme;
  readonly speed: number;
}

export const initialDeckState: DeckState = {
  sceneIndex: 0,
  step: 0,
  live: {},
  liveFocus: null,
  progress: 1,
  notice: null,
  theme: 'dark',
  speed: 1,
};

export const deckStore = createStore<DeckState>(() => initialDeckState);

export const lastStepOf = (sceneIndex: number): number => (scenes[sceneIndex]?.steps.length ?? 1) - 1;

/** Moves to a place, clamped to the deck; animate=false shows the step's final state at once. */
export function goTo(sceneIndex: number, step: number, animate = false): void {
  const s = Math.max(0, Math.min(Math.floor(sceneIndex) || 0, scenes.length - 1));
  const k = Math.max(0, Math.min(Math.floor(step) || 0, lastStepOf(s)));
  const cur = deckStore.getState();
  if (cur.sceneIndex === s && cur.step === k) {
    if (!animate) deckStore.setState({ progress: 1, liveFocus: null });
    return;
  }
  deckStore.setState({ sceneIndex: s, step: k, progress: animate ? 0 : 1, liveFocus: null });
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

/**
 * Records what the presenter did on stage at the current step. Live actions taken at later steps (after
 * stepping back) are the old future: they are dropped, as the engine's timeline forks. A refused action
 * (the engine's error) is not recorded; its message becomes the notice. Returns whether it was taken.
 */
export function recordLive(label: string, commands: readonly Command[]): boolean {
  const { sceneIndex, step, live } = deckStore.getState();
  const scene = sceneAt(sceneIndex);
  const taken = live[scene.id] ?? NO_LIVE;
  const action = { step, label, commands };
  if (!ksqlReadyFor(scene, [...taken.filter((a) => a.step <= step), action])) {
    void loadKsqlEngine();
    showNotice('Not done: the query engine is still loading; try again in a moment.');
    return false;
  }
  // The scene's run forks itself (scene-run.ts); the deck records the live actions it now holds.
  const result = takeLiveAction(sceneIndex, taken, action);
  if ('errors' in result) {
    showNotice(`Not done: ${result.errors[0]}`);
    return false;
  }
  deckStore.setState({
    live: { ...live, [scene.id]: result.live },
    liveFocus: result.live.length - 1,
    progress: 0,
    notice: null,
  });
  return true;
}

/** Replaces every live action (from storage or the other window); the place stays. */
export function replaceLive(live: DeckState['live']): void {
  deckStore.setState({ live, liveFocus: null, progress: 1 });
}

export function clearLive(): void {
  const { sceneIndex, live } = deckStore.getState();
  const { [sceneAt(sceneIndex).id]: _gone, ...rest } = live;
  deckStore.setState({
    live: rest,
    liveFocus: null,
    progress: 1,
    notice: 'Live actions of this scene cleared.',
  });
}

export function setTheme(theme: Theme): void {
  deckStore.setState({ theme });
}

export function cycleTheme(): void {
  const { theme } = deckStore.getState();
  setTheme(THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!);
}

export function changeSpeed(direction: 1 | -1): void {
  const { speed } = deckStore.getState();
  const i = SPEEDS.indexOf(speed);
  const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + direction))]!;
  deckStore.setState({ speed: next, notice: `Speed ${next}x` });
}

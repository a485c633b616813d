/**
 * The app's one store (zustand): where the deck is, what the presenter did live, settings, and how far the
 * current animation has played. Actions are module-level functions, so the player machine, the key handler,
 * the URL sync, the presenter channel and tests call them without hooks. `progress` has one writer, the
 * player machine (src/ui/player/machine.ts). Engine states are derived
 * (frames.ts), never stored.
 */
import { createStore } from 'zustand/vanilla';
import type { Command } from '../../engine';
import { scenes } from '../../scenarios/registry';
import type { LiveAction } from '../../scenarios/run';
import { SANDBOX_ID } from '../../scenarios/scenes/sandbox';
import { sceneAt } from './deck-scenes';
import { NO_LIVE } from './frames';
import { ksqlReadyFor, loadKsqlEngine } from './ksql-loader';
import { nextLiveId } from './live-ids';
import { clampPlace, nextPlace, type Place, previousPlace, type StepCounts } from './places';
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
  /** The metrics panel shown or hidden per scene id, where the presenter toggled it (else the scene's default). */
  readonly metricsShown: Readonly<Record<string, boolean>>;
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
  metricsShown: {},
};

export const deckStore = createStore<DeckState>(() => initialDeckState);

export const lastStepOf = (sceneIndex: number): number => (scenes[sceneIndex]?.steps.length ?? 1) - 1;

/** How many steps each scene has: what the player machine needs to know about the deck. */
export const deckStepCounts: StepCounts = scenes.map((s) => s.steps.length);

/**
 * Moves to a place, clamped to the deck, with no live action in focus. The player machine calls this and
 * alone writes `progress` (setProgress), so whether a move animates is its decision.
 */
export function goTo(sceneIndex: number, step: number): void {
  const place = clampPlace(deckStepCounts, sceneIndex, step);
  const cur = deckStore.getState();
  if (cur.sceneIndex === place.sceneIndex && cur.step === place.step) {
    if (cur.liveFocus !== null) deckStore.setState({ liveFocus: null });
    return;
  }
  deckStore.setState({ sceneIndex: place.sceneIndex, step: place.step, liveFocus: null });
}

/** The place after the current one: the next step, or the first step of the next scene. */
export function placeAfter(state: DeckState = deckStore.getState()): Place | null {
  return nextPlace(deckStepCounts, state);
}

export function placeBefore(state: DeckState = deckStore.getState()): Place | null {
  return previousPlace(deckStepCounts, state);
}

/** Only the player machine calls this: it is the one writer of how far the animation has played. */
export function setProgress(progress: number): void {
  deckStore.setState({ progress: Math.max(0, Math.min(1, progress)) });
}

/** Puts live action `index` of the current scene in focus, for the machine to animate it. */
export function focusLive(index: number | null): void {
  deckStore.setState({ liveFocus: index });
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
  const action = { id: nextLiveId(live[scene.id]), step, label, commands };
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
    notice: null,
  });
  return true;
}

/** Replaces every live action (from storage or the other window); the place stays. */
export function replaceLive(live: DeckState['live']): void {
  deckStore.setState({ live, liveFocus: null });
}

export function clearLive(): void {
  const { sceneIndex, live } = deckStore.getState();
  const { [sceneAt(sceneIndex).id]: _gone, ...rest } = live;
  deckStore.setState({
    live: rest,
    liveFocus: null,
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

/**
 * Where the metrics panel can show: beside the brokers, and in the sandbox whatever its view (with consumer
 * groups, M trades the consumers picture for the brokers one with the panel, groups' metrics included).
 */
export function metricsAvailableIn(sceneIndex: number): boolean {
  const scene = sceneAt(sceneIndex);
  return scene.view.kind === 'brokers' || scene.id === SANDBOX_ID;
}

/** Whether the metrics panel is on in a scene: the presenter's choice, else the scene's view default. */
export function metricsShownIn(state: DeckState, sceneIndex: number): boolean {
  if (!metricsAvailableIn(sceneIndex)) return false;
  const scene = sceneAt(sceneIndex);
  const view = scene.view;
  const byDefault = view.kind === 'brokers' && view.metrics?.shown === true;
  return state.metricsShown[scene.id] ?? byDefault;
}

/** Shows or hides the metrics panel in the current scene. */
export function toggleMetrics(): void {
  const state = deckStore.getState();
  const { id } = sceneAt(state.sceneIndex);
  deckStore.setState({
    metricsShown: { ...state.metricsShown, [id]: !metricsShownIn(state, state.sceneIndex) },
  });
}

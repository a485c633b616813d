/**
 * Shared helpers for the views' component tests (jsdom): mount a view with react-dom and `act`, build the
 * engine states it draws (from a scene's run or from a few commands), and read the DOM as a learner reads
 * the stage. Imported by tests only.
 */
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';
import type { Command, EngineState } from '../../engine';
import { initialState, step } from '../../engine';
import { ksqlEngine } from '../../engine/testing/ksql';
import { sceneIndexById, scenes } from '../../scenarios/registry';
import type { Scene } from '../../scenarios/types';
import { deckStore, initialDeckState } from '../store/deck-store';
import { type Frame, frameAt, NO_LIVE } from '../store/frames';
import { loadKsqlEngine } from '../store/ksql-loader';

// The views are tested as the app shows them once the ksql engine has loaded (the stream scenes wait for it).
await loadKsqlEngine();

// React warns unless it is told that tests drive it through act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const unmounts: (() => void)[] = [];

afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount();
  deckStore.setState(initialDeckState);
});

/** Mounts a view into a fresh container in the document; unmounted after the test. */
export function render(ui: ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(ui));
  unmounts.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  return container;
}

/**
 * Runs engine commands from a seed, with the ksql engine; a refused command fails the test, with the
 * engine's message.
 */
export function runEngine(seed: number, commands: readonly Command[]): EngineState {
  let state = initialState(seed);
  for (const c of commands) {
    const r = step(state, c, { ksql: ksqlEngine });
    if (!r.ok) throw new Error(`${c.type}: ${r.error.code} ${r.error.message}`);
    state = r.state;
  }
  return state;
}

/** A still picture of a state: no events to animate, the playhead at its end. */
export const stillFrame = (state: EngineState): Frame => ({
  state,
  events: [],
  fromMs: state.now,
  toMs: state.now,
});

export interface Place {
  readonly scene: Scene;
  readonly sceneIndex: number;
  readonly step: number;
  /** The step's frame as the deck computes it (events, fromState), with the playhead at its end. */
  readonly frame: Frame;
}

/** A scene at the end of a step, as the deck shows it; the deck store is moved there too. */
export function scenePlace(sceneId: string, stepIndex: number): Place {
  const sceneIndex = sceneIndexById(sceneId);
  if (sceneIndex < 0) throw new Error(`no scene ${sceneId}`);
  deckStore.setState({ sceneIndex, step: stepIndex, progress: 1 });
  return {
    scene: scenes[sceneIndex]!,
    sceneIndex,
    step: stepIndex,
    frame: frameAt(sceneIndex, stepIndex, NO_LIVE),
  };
}

/** A view's props at a place, with the playhead at the end of the step (the scene's view narrowed by the caller). */
export function viewPropsAt(place: Place) {
  return {
    frame: place.frame,
    playheadMs: place.frame.toMs,
    sceneIndex: place.sceneIndex,
    step: place.step,
  };
}

/** The index of the first step of a scene whose commands include one of this type. */
export function firstStepWith(scene: Scene, type: Command['type']): number {
  const k = scene.steps.findIndex((s) => s.commands.some((c) => c.type === type));
  if (k < 0) throw new Error(`${scene.id} has no ${type} step`);
  return k;
}

export function byTestId(root: ParentNode, id: string): Element {
  const el = root.querySelector(`[data-testid="${id}"]`);
  if (!el) throw new Error(`nothing with data-testid="${id}"`);
  return el;
}

export interface ShownRecord {
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  /** Its accessible name. */
  readonly name: string | null;
}

/** The records drawn inside an element (a lane), in document order. */
export function recordsIn(root: ParentNode): ShownRecord[] {
  return [...root.querySelectorAll('[data-testid="record"]')].map((r) => ({
    offset: Number(r.getAttribute('data-offset')),
    key: r.getAttribute('data-key'),
    value: r.getAttribute('data-value'),
    name: r.getAttribute('aria-label'),
  }));
}

/** 0, 1, ..., n - 1. */
export const offsetsUpTo = (n: number) => Array.from({ length: n }, (_, i) => i);

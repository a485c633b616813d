/**
 * Loads the ksql engine (the compiler and processor, most of the engine's code) when a scene needs it, so
 * the first picture does not wait for it, and keeps it: the app's one copy, which the scene runs pass to the
 * engine in their environment (ksqlEnv) and the stream views ask for their compiler and describe. Until it
 * is loaded, a scene that runs queries has no frames: the stage says it is loading, and the scene runs
 * refuse to compute (a run computed without the engine would hold KSQL_NOT_READY refusals and be cached).
 * The app also loads it once the deck is idle, so a presenter rarely sees the loading line and the handout
 * can print every step.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { type KsqlEngine, loadKsqlEngineModule, needsKsqlEngine, type StepEnv } from '../../engine';
import type { LiveAction } from '../../scenarios/run';
import type { Scene } from '../../scenarios/types';

let loaded: KsqlEngine | null = null;
/** The environment the app's runs step with: empty until the engine is in, then one object carrying it. */
let env: StepEnv = {};
let loading: Promise<void> | null = null;
let failed = false;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

export function loadKsqlEngine(): Promise<void> {
  loading ??= loadKsqlEngineModule().then(
    (m) => {
      loaded = m.ksqlEngine;
      env = { ksql: m.ksqlEngine };
      failed = false;
      notify();
    },
    () => {
      // A chunk that did not arrive (a server gone away): say so, and let the next request try again.
      loading = null;
      failed = true;
      notify();
    },
  );
  return loading;
}

/** The loaded engine, for views that only render once it is in (the stream view, its query editor). */
export function loadedKsqlEngine(): KsqlEngine {
  const engine = loaded;
  if (!engine)
    throw new Error(
      'The ksql engine is not loaded yet: render query views only once useKsqlEngine says ready.',
    );
  return engine;
}

/** What the app's runs pass to `step`: the ksql engine once loaded (the same object until then and after). */
export function ksqlEnv(): StepEnv {
  return env;
}

const sceneNeeds = new WeakMap<Scene, boolean>();

/** Whether computing this scene (with these live actions) runs queries. */
export function sceneNeedsKsql(scene: Scene, live: readonly LiveAction[] = []): boolean {
  let needs = sceneNeeds.get(scene);
  if (needs === undefined) {
    needs = needsKsqlEngine(scene.setup) || scene.steps.some((s) => needsKsqlEngine(s.commands));
    sceneNeeds.set(scene, needs);
  }
  return needs || live.some((a) => needsKsqlEngine(a.commands));
}

/** Whether frames of this scene can be computed now. */
export function ksqlReadyFor(scene: Scene, live: readonly LiveAction[] = []): boolean {
  return loaded !== null || !sceneNeedsKsql(scene, live);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
const snapshot = () => (loaded !== null ? 'ready' : failed ? 'failed' : 'loading');

/** 'ready' when `needed` is false or the engine is in; otherwise starts the load and says how it goes. */
export function useKsqlEngine(needed: boolean): 'ready' | 'loading' | 'failed' {
  const status = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => {
    if (needed && status === 'loading') void loadKsqlEngine();
  }, [needed, status]);
  return needed ? status : 'ready';
}

export const KSQL_LOADING_TEXT = 'Loading the query engine…';
export const KSQL_FAILED_TEXT = 'The query engine did not load. Reload the page to try again.';

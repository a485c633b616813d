/**
 * A scene replayed on the real cluster, as the page holds it: the run the bridge started, each step the
 * cluster has played (kept: the cluster cannot go back, so an earlier step shows what was measured then),
 * and the step being played now. Stepping the deck asks for the deck's step; the bridge plays every step
 * up to it in order, one request at a time.
 */
import { createStore } from 'zustand/vanilla';
import { REALITY_PATHS, type RealReplayStarted, type RealReplayStep } from '../../../reality/protocol';

export interface ReplayState {
  open: boolean;
  run: RealReplayStarted | null;
  steps: Readonly<Record<number, RealReplayStep>>;
  /** The step the cluster is playing now (the real side says "playing step k on the cluster…"). */
  playing: number | null;
  error: string | null;
}

export const initialReplayState: ReplayState = {
  open: false,
  run: null,
  steps: {},
  playing: null,
  error: null,
};

export const replayStore = createStore<ReplayState>(() => initialReplayState);

type Fetch = typeof fetch;
let fetchImpl: Fetch = (...args) => fetch(...args);
/** For tests: the bridge's answers without a server. */
export function useFetchForTests(f: Fetch): void {
  fetchImpl = f;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetchImpl(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await r.json().catch(() => ({}))) as T & { error?: string };
  if (!r.ok) throw new Error(data.error ?? `the bridge answered ${r.status}`);
  return data;
}

/** Opens the side-by-side and starts a run of the scene on the cluster (fresh names: the run's suffix). */
export async function startReplay(sceneId: string, step: number): Promise<void> {
  await stopReplay();
  replayStore.setState({ open: true, run: null, steps: {}, playing: null, error: null });
  try {
    const run = await post<RealReplayStarted>(REALITY_PATHS.replay, { sceneId });
    if (!replayStore.getState().open) return;
    replayStore.setState({ run });
    await playStep(step);
  } catch (e) {
    replayStore.setState({ error: message(e) });
  }
}

let wanted: number | null = null;
let inFlight: Promise<void> | null = null;

/** Asks the cluster for step k (the deck's step); a request already running finishes first. */
export async function playStep(k: number): Promise<void> {
  const { run, steps } = replayStore.getState();
  if (!run || steps[k]) return;
  wanted = k;
  if (inFlight) return;
  inFlight = (async () => {
    while (wanted !== null) {
      const target: number = wanted;
      wanted = null;
      const current = replayStore.getState();
      if (!current.run || current.run.runId !== run.runId || current.steps[target]) continue;
      replayStore.setState({ playing: target, error: null });
      try {
        const result = await post<RealReplayStep>(`${REALITY_PATHS.replay}/${run.runId}/step`, {
          step: target,
        });
        if (replayStore.getState().run?.runId !== run.runId) return;
        replayStore.setState((s) => ({ steps: { ...s.steps, [target]: result } }));
      } catch (e) {
        replayStore.setState({ error: message(e) });
      }
    }
  })().finally(() => {
    inFlight = null;
    replayStore.setState({ playing: null });
  });
  await inFlight;
}

/** Closes the side-by-side and stops the run's consumers on the bridge. */
export async function stopReplay(): Promise<void> {
  const { run } = replayStore.getState();
  replayStore.setState({ open: false, run: null, steps: {}, playing: null, error: null });
  wanted = null;
  if (run) await fetchImpl(`${REALITY_PATHS.replay}/${run.runId}`, { method: 'DELETE' }).catch(() => {});
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The control: opens the side-by-side (starting a run when the scene can be replayed) or closes it. */
export async function toggleReplay(sceneId: string, step: number, replayable: boolean): Promise<void> {
  if (replayStore.getState().open) return stopReplay();
  if (replayable) return startReplay(sceneId, step);
  replayStore.setState({ open: true, run: null, steps: {}, playing: null, error: null });
}

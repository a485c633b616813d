/**
 * Still pictures of other places of the deck, for the overview's miniatures and the presenter's next step:
 * the engine state at the end of a step as a frame with no events. Computing a heavy scene's run costs a few
 * hundred ms, so they are computed one at a time in idle time, never while a key waits; a miniature shows a
 * placeholder until its picture is ready. Scenes that run queries wait for the ksql engine.
 */
import type { LiveAction } from '../../scenarios/run';
import { sceneAt } from './deck-scenes';
import { type Frame, stateAtStep } from './frames';
import { ksqlReadyFor, loadKsqlEngine } from './ksql-loader';

interface Still {
  readonly live: readonly LiveAction[];
  readonly frame: Frame;
}

const stills = new Map<string, Still>();
const keyOf = (sceneIndex: number, step: number) => `${sceneIndex}/${step}`;

interface Job {
  readonly sceneIndex: number;
  readonly step: number;
  readonly live: readonly LiveAction[];
  readonly done: (frame: Frame | null) => void;
}

const queue: Job[] = [];
let scheduled = false;

const idle = (run: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
};

/** A still picture at the end of a step, if already computed with these live actions. */
export function stillFrame(sceneIndex: number, step: number, live: readonly LiveAction[]): Frame | null {
  const hit = stills.get(keyOf(sceneIndex, step));
  return hit && hit.live === live ? hit.frame : null;
}

function compute(job: Job): void {
  const cached = stillFrame(job.sceneIndex, job.step, job.live);
  if (cached) {
    job.done(cached);
    return;
  }
  if (!ksqlReadyFor(sceneAt(job.sceneIndex), job.live)) {
    // Waits for the engine, then takes its turn again; an engine that failed leaves the placeholder.
    loadKsqlEngine().then(
      () => request(job),
      () => job.done(null),
    );
    return;
  }
  const state = stateAtStep(job.sceneIndex, job.step, job.live);
  const frame: Frame = { state, events: [], fromMs: state.now, toMs: state.now };
  stills.set(keyOf(job.sceneIndex, job.step), { live: job.live, frame });
  job.done(frame);
}

function drain(): void {
  scheduled = false;
  const job = queue.shift();
  if (!job) return;
  try {
    compute(job);
  } catch {
    job.done(null);
  }
  schedule();
}

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  idle(drain);
}

/**
 * Asks for a still picture in idle time; `done` gets it (or null if it cannot be computed). Returns a
 * function that withdraws the request, for a miniature that is gone before its turn.
 */
export function request(job: Job): () => void {
  queue.push(job);
  schedule();
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}

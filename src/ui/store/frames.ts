/**
 * Derived engine data for the current place: the state at the end of the step, the events that led there
 * from the step's start, and the model-time window the animation plays over. Computed from the run through
 * one cached Timeline per scene (seeks are cheap: checkpoints plus a short replay).
 */
import type { EngineEvent } from '../../engine/events';
import { Timeline } from '../../engine/history';
import type { EngineState } from '../../engine/types';
import { scenes } from '../../scenarios/registry';
import { type LiveAction, sceneRun } from '../../scenarios/run';

export interface Frame {
  readonly state: EngineState;
  /** Every event from the step's start to its end, in order. */
  readonly events: readonly EngineEvent[];
  /** Model time at the step's start and when its last interesting event is over. */
  readonly fromMs: number;
  readonly toMs: number;
}

const cache = new Map<
  string,
  { live: readonly LiveAction[]; timeline: Timeline; run: ReturnType<typeof sceneRun> }
>();

function timelineFor(sceneIndex: number, live: readonly LiveAction[]) {
  const scene = scenes[sceneIndex]!;
  const hit = cache.get(scene.id);
  if (hit && hit.live === live) return hit;
  const run = sceneRun(scene, live);
  const entry = { live, timeline: new Timeline(run.seed, run.commands), run };
  cache.set(scene.id, entry);
  return entry;
}

/** When an event is over in model time: a message when it lands, anything else when it happens. */
function endOf(e: EngineEvent): number {
  return e.type === 'messageSent' ? e.message.arrivesAtMs : e.atMs;
}

let memo: { sceneIndex: number; step: number; live: readonly LiveAction[]; frame: Frame } | null = null;

export function frameAt(sceneIndex: number, step: number, live: readonly LiveAction[]): Frame {
  if (memo && memo.sceneIndex === sceneIndex && memo.step === step && memo.live === live) return memo.frame;
  const { timeline, run } = timelineFor(sceneIndex, live);
  const start = run.stepStarts[step] ?? 0;
  const end = run.stepEnds[step] ?? start;
  const fromState = timeline.stateAt(start);
  const events: EngineEvent[] = [];
  for (let i = start + 1; i <= end; i++) events.push(...timeline.seek(i).events);
  const state = timeline.stateAt(end);
  let toMs = fromState.now;
  for (const e of events) if (e.type !== 'clockAdvanced') toMs = Math.max(toMs, endOf(e));
  const frame: Frame = { state, events, fromMs: fromState.now, toMs: Math.min(toMs, state.now) };
  memo = { sceneIndex, step, live, frame };
  return frame;
}

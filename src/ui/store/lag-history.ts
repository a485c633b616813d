/**
 * Each consumer group's lag over the logical time of a scene so far, for the consumers view's chart. Every
 * value is the engine's own selector (groupLagTotals) evaluated at an engine state: the state after each
 * command of the run and, inside an `advance`, the state at each moment something happened. An advance cut
 * at those moments reaches the same states as the whole one (step.ts fires timers in (dueMs, seq) order up
 * to the target either way), so the chart shows the drop when a commit lands, not when the command ends.
 * Samples are kept per scene run (scene-run.ts) and revision of it, and extended as the deck moves on.
 */
import type { Command, EngineState, StepEnv } from '../../engine';
import { allGroupLag, step } from '../../engine';
import type { LiveAction } from '../../scenarios/run';
import { type SceneRunController, sceneRunFor } from './scene-run';

export interface LagSample {
  /** Model time of the state sampled. */
  readonly atMs: number;
  /**
   * Total lag per group (high watermark - committed offset, summed over its partitions); null while the
   * group has committed on none of them, as kafka-consumer-groups prints "-".
   */
  readonly lag: Readonly<Record<string, number | null>>;
}

export interface LagHistory {
  /** In time order; several samples may share a time (commands that take none, like produce). */
  readonly samples: readonly LagSample[];
  /** Model time at the end of the scene's setup and at the end of the step. */
  readonly startMs: number;
  readonly endMs: number;
}

interface Sampled {
  /** The run's revision the samples were taken at. */
  revision: number;
  state: EngineState;
  /** Commands of the run sampled so far. */
  upTo: number;
  samples: LagSample[];
  /** samplesAfter[k]: how many samples cover the first k commands (from the end of setup on). */
  samplesAfter: number[];
}

const sampled = new WeakMap<SceneRunController, Sampled>();

function sample(state: EngineState): LagSample {
  const lag: Record<string, number | null> = {};
  for (const g of allGroupLag(state)) lag[g.group] = g.uncommitted === g.partitions ? null : g.totalLag;
  return { atMs: state.now, lag };
}

/** The states inside an advance at each distinct time one of its events happened, before its end. */
export function statesInside(
  before: EngineState,
  command: Command,
  after: EngineState,
  atMs: number[],
  env: StepEnv = {},
) {
  const states: EngineState[] = [];
  if (command.type !== 'advance') return states;
  let s = before;
  for (const t of atMs) {
    if (t <= s.now || t >= after.now) continue;
    const r = step(s, { type: 'advance', ms: t - s.now }, env);
    if (!r.ok) break;
    s = r.state;
    states.push(s);
  }
  return states;
}

function extend(run: SceneRunController, from: number, to: number): Sampled {
  let entry = sampled.get(run);
  // A live action changed the run since: its few dozen commands are sampled again from the start.
  if (!entry || entry.revision !== run.revision) {
    const state = run.timeline.stateAt(from);
    entry = { revision: run.revision, state, upTo: from, samples: [sample(state)], samplesAfter: [] };
    entry.samplesAfter[from] = 1;
    sampled.set(run, entry);
  }
  while (entry.upTo < to) {
    const command = run.timeline.commandAt(entry.upTo)!;
    const r = step(entry.state, command, run.env);
    if (r.ok) {
      const times = [...new Set(r.events.filter((e) => e.type !== 'clockAdvanced').map((e) => e.atMs))];
      for (const s of statesInside(entry.state, command, r.state, times, run.env))
        entry.samples.push(sample(s));
      entry.state = r.state;
      entry.samples.push(sample(r.state));
    }
    entry.upTo++;
    entry.samplesAfter[entry.upTo] = entry.samples.length;
  }
  return entry;
}

/** The lag of every group from the end of the scene's setup to the end of `step` (with its live actions). */
export function lagHistory(sceneIndex: number, stepIndex: number, live: readonly LiveAction[]): LagHistory {
  const controller = sceneRunFor(sceneIndex, live);
  const { run } = controller;
  const from = run.stepStarts[0] ?? 0;
  const to = Math.max(from, run.stepEnds[stepIndex] ?? from);
  const entry = extend(controller, from, to);
  const samples = entry.samples.slice(0, entry.samplesAfter[to]);
  return { samples, startMs: samples[0]!.atMs, endMs: samples.at(-1)!.atMs };
}

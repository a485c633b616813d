/**
 * The operator metrics over the logical time of a scene so far, for the metrics panel's values, deltas and
 * sparklines. Every value is the engine's own selector (metricReadings) at an engine state: the state after
 * each command of the run and, inside an `advance`, the state at each moment something happened (as
 * lag-history.ts samples lag). Rates count the run's events in the window before each sample.
 */
import type { EngineEvent, EngineState, MetricReading } from '../../engine';
import { metricReadings, step } from '../../engine';
import type { LiveAction } from '../../scenarios/run';
import { statesInside } from './lag-history';
import { type SceneRunController, sceneRunFor } from './scene-run';

export type MetricValue = number | string | null;

export interface MetricSample {
  readonly atMs: number;
  readonly values: Readonly<Record<string, MetricValue>>;
}

export interface MetricsHistory {
  /** The rows at the end of the step: names, tooltips, values. */
  readonly rows: readonly MetricReading[];
  /** Each row's value at the end of the previous step (the end of setup for the first step). */
  readonly previous: Readonly<Record<string, MetricValue>>;
  /** From the end of the scene's setup to the end of the step, in time order. */
  readonly samples: readonly MetricSample[];
  readonly windowMs: number;
}

interface Sampled {
  revision: number;
  windowMs: number;
  state: EngineState;
  upTo: number;
  /** The run's events so far that can still fall in a window (older ones are dropped). */
  events: EngineEvent[];
  samples: MetricSample[];
  /** samplesAfter[k]: how many samples cover the first k commands (from the end of setup on). */
  samplesAfter: number[];
  /** The rows at the last sample of each command count k. */
  rowsAfter: MetricReading[][];
}

const sampled = new WeakMap<SceneRunController, Sampled>();

const endOf = (e: EngineEvent) => (e.type === 'messageSent' ? e.message.arrivesAtMs : e.atMs);

function take(entry: Sampled, state: EngineState): MetricReading[] {
  const rows = metricReadings(state, entry.events, entry.windowMs);
  const values: Record<string, MetricValue> = {};
  for (const r of rows) values[r.id] = r.value;
  entry.samples.push({ atMs: state.now, values });
  return rows;
}

function extend(run: SceneRunController, from: number, to: number, windowMs: number): Sampled {
  let entry = sampled.get(run);
  if (!entry || entry.revision !== run.revision || entry.windowMs !== windowMs) {
    entry = {
      revision: run.revision,
      windowMs,
      state: run.timeline.stateAt(0),
      upTo: 0,
      events: [],
      samples: [],
      samplesAfter: [],
      rowsAfter: [],
    };
    sampled.set(run, entry);
  }
  while (entry.upTo < to) {
    const command = run.timeline.commandAt(entry.upTo)!;
    const r = step(entry.state, command, run.env);
    let rows: MetricReading[] = entry.rowsAfter[entry.upTo] ?? [];
    if (r.ok) {
      entry.events.push(...r.events);
      if (entry.upTo + 1 > from) {
        const times = [...new Set(r.events.filter((e) => e.type !== 'clockAdvanced').map((e) => e.atMs))];
        for (const s of statesInside(entry.state, command, r.state, times, run.env)) take(entry, s);
      }
      entry.state = r.state;
      // A record is appended when its produce request arrives, so a request that arrived before the window
      // can only size records outside it.
      const oldest = r.state.now - windowMs;
      entry.events = entry.events.filter((e) => endOf(e) > oldest);
      if (entry.upTo + 1 >= from) rows = take(entry, r.state);
    }
    entry.upTo++;
    entry.samplesAfter[entry.upTo] = entry.samples.length;
    entry.rowsAfter[entry.upTo] = rows;
  }
  return entry;
}

/** The metrics of the scene's run from the end of its setup to the end of `stepIndex` (with its live actions). */
export function metricsHistory(
  sceneIndex: number,
  stepIndex: number,
  live: readonly LiveAction[],
  windowMs: number,
): MetricsHistory {
  const controller = sceneRunFor(sceneIndex, live);
  const { run } = controller;
  const from = run.stepStarts[0] ?? 0;
  const to = Math.max(from, run.stepEnds[stepIndex] ?? from);
  const before = stepIndex > 0 ? (run.stepEnds[stepIndex - 1] ?? from) : from;
  const entry = extend(controller, from, to, windowMs);
  const samples = entry.samples.slice(0, entry.samplesAfter[to]);
  const previous: Record<string, MetricValue> = {};
  for (const r of entry.rowsAfter[before] ?? []) previous[r.id] = r.value;
  return { rows: entry.rowsAfter[to] ?? [], previous, samples, windowMs };
}

/**
 * What the engine says after a scene's steps, in the terms a real cluster's tools print: where each record
 * sits, the group's committed offsets and members' partitions, leaders, ISR and high watermarks.
 */
import {
  type EngineEvent,
  type EngineState,
  initialState,
  keptRecords,
  type StepEnv,
  step,
  Timeline,
} from '../src/engine';
import { ksqlEngine } from '../src/engine/testing/ksql';
import { sceneRun } from '../src/scenarios/run';
import type { Scene } from '../src/scenarios/types';

const env: StepEnv = { ksql: ksqlEngine };

export interface PlacedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
}

/** The engine's state at the end of step k (the last step when absent). */
export function engineStateAfter(scene: Scene, k = scene.steps.length - 1): EngineState {
  const run = sceneRun(scene);
  return new Timeline(run.seed, run.commands, env).stateAt(run.stepEnds[k]!);
}

/** Every event of the scene's run up to the end of step k (the last step when absent), in order. */
export function engineEventsUntil(scene: Scene, k = scene.steps.length - 1): EngineEvent[] {
  const run = sceneRun(scene);
  const events: EngineEvent[] = [];
  let state = initialState(run.seed);
  for (const command of run.commands.slice(0, run.stepEnds[k])) {
    const r = step(state, command, env);
    if (!r.ok) throw new Error(`${scene.id}: ${command.type} failed: ${r.error.code} ${r.error.message}`);
    state = r.state;
    events.push(...r.events);
  }
  return events;
}

/** The records on each partition's leader, in partition then offset order. */
export function engineRecords(state: EngineState, topic: string): PlacedRecord[] {
  const out: PlacedRecord[] = [];
  for (const p of state.topics[topic]?.partitions ?? []) {
    if (p.leader === null) continue;
    for (const r of keptRecords(p.logs[p.leader]!))
      out.push({ partition: p.partition, offset: r.offset, key: r.key, value: r.value });
  }
  return out;
}

/** Committed offset per partition of a topic for a group (the engine keys them topic/partition). */
export function engineCommitted(state: EngineState, group: string, topic: string): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [tp, c] of Object.entries(state.groups.groups[group]?.offsets ?? {})) {
    const m = /^(.*)\/(\d+)$/.exec(tp);
    if (m && m[1] === topic) out[Number(m[2])] = c.offset;
  }
  return out;
}

/** How many partitions each live member owns, largest first: the assignment's shape. */
export function engineAssignmentShape(state: EngineState, group: string): number[] {
  const g = state.groups.groups[group];
  if (!g) return [];
  return g.memberIds.map((m) => (g.assignment[m] ?? []).length).sort((a, b) => b - a);
}

export function enginePartition(state: EngineState, topic: string, partition: number) {
  const p = state.topics[topic]?.partitions[partition];
  if (!p) throw new Error(`engine has no ${topic}-${partition}`);
  return {
    leader: p.leader,
    isr: [...p.isr].sort(),
    replicas: [...p.replicas],
    highWatermark: p.highWatermark,
  };
}

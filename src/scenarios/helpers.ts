/**
 * Step helpers shared by scenes: named durations instead of magic numbers, and common command shapes.
 */
import type { Command, EngineState } from '../engine';
import { keptRecords } from '../engine';

/** Long enough for a produce request and its answer to cross the simulated network (2-6 ms each way). */
export const ROUND_TRIP_MS = 20;

export function produceValues(
  producer: string,
  topic: string,
  values: readonly string[],
  key: string | null = null,
): Command[] {
  return [
    ...values.map((value): Command => ({ type: 'produce', producer, topic, key, value })),
    { type: 'advance', ms: ROUND_TRIP_MS },
  ];
}

/** The partition and offset where the record with this value sits, if anywhere. */
export function whereIs(
  state: EngineState,
  topic: string,
  value: string,
): { partition: number; offset: number } | undefined {
  for (const p of state.topics[topic]?.partitions ?? []) {
    if (p.leader === null) continue;
    const r = keptRecords(p.logs[p.leader]!).find((x) => x.value === value);
    if (r) return { partition: p.partition, offset: r.offset };
  }
  return undefined;
}

/** Every keyed record the leaders hold, with its partition: what claims about keys check. */
export function keyedRecords(
  state: EngineState,
  topic: string,
): { key: string; value: string; partition: number; offset: number; producer: string }[] {
  const out: { key: string; value: string; partition: number; offset: number; producer: string }[] = [];
  for (const p of state.topics[topic]?.partitions ?? []) {
    if (p.leader === null) continue;
    for (const r of keptRecords(p.logs[p.leader]!)) {
      if (r.key !== null)
        out.push({
          key: r.key,
          value: r.value,
          partition: p.partition,
          offset: r.offset,
          producer: r.producerId,
        });
    }
  }
  return out;
}

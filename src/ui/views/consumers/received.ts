/**
 * What each consumer received in a step, up to the playhead: the records it processed (recordProcessed
 * events, redeliveries included), labelled as their cards are (key, else value). The engine says what was
 * processed; this only reads the events and the log.
 */
import type { EngineEvent, TopicState } from '../../../engine';
import { keptRecords } from '../../../engine';

export function receivedUpTo(
  events: readonly EngineEvent[],
  playheadMs: number,
  topic: TopicState,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of events) {
    if (e.atMs > playheadMs) break;
    if (e.type !== 'recordProcessed' || e.topic !== topic.name) continue;
    const p = topic.partitions[e.partition];
    const log = p && (p.leader !== null ? p.logs[p.leader] : Object.values(p.logs)[0]);
    const record = log ? keptRecords(log).find((r) => r.offset === e.offset) : undefined;
    const label = record ? (record.key ?? record.value) : `P${e.partition}:${e.offset}`;
    out.set(e.consumer, [...(out.get(e.consumer) ?? []), label]);
  }
  return out;
}

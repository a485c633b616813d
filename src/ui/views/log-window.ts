/**
 * What a topic's lanes show of its partitions' logs: the records the playhead has reached on each leader,
 * and the window of offsets every lane spans, so the same offset sits at the same x on every lane. Shared by
 * the topic view (in the initial download) and the consumers view, so it imports no d3.
 */
import type { LogRecord, TopicState } from '../../engine';
import { keptRecords } from '../../engine';

/** The records of a partition's leader appended by the playhead, oldest first; none while it has no leader. */
export function visibleRecords(topic: TopicState, partition: number, playheadMs: number): LogRecord[] {
  const p = topic.partitions[partition];
  if (!p || p.leader === null) return [];
  return keptRecords(p.logs[p.leader]!).filter((r) => r.appendedAtMs <= playheadMs);
}

export interface OffsetWindow {
  /** The lowest log start offset of any partition: the offset at a lane's left end. */
  readonly first: number;
  /** Offsets a lane has room for, at least `minSlots`; one more than the longest log, for the next record. */
  readonly slots: number;
}

/**
 * The offsets the lanes span: from the lowest log start offset to past the highest log end offset, read on
 * each partition's leader (or any replica while it has none).
 */
export function offsetWindow(topic: TopicState, minSlots: number): OffsetWindow {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const p of topic.partitions) {
    const log = p.leader !== null ? p.logs[p.leader] : Object.values(p.logs)[0];
    first = Math.min(first, log?.logStartOffset ?? 0);
    last = Math.max(last, log?.logEndOffset ?? 0);
  }
  if (!Number.isFinite(first)) first = 0;
  return { first, slots: Math.max(minSlots, last - first + 1) };
}

/** A replica log's segments as values (base, end, bytes, timestamps): what the cleaner and the views read. */
import type { LogRecord, ReplicaLog } from '../broker/log';

export interface SegmentInfo {
  readonly index: number;
  readonly baseOffset: number;
  /** The next segment's base offset, or the log end offset for the active segment. */
  readonly endOffset: number;
  readonly bytes: number;
  readonly active: boolean;
  /** The first record's timestamp still held (-1 when it holds none). */
  readonly firstTimestampMs: number;
  /** LogSegment.largestTimestamp (-1 when it holds none). */
  readonly largestTimestampMs: number;
}

export function recordsIn(log: ReplicaLog, from: number, to: number): LogRecord[] {
  const out: LogRecord[] = [];
  for (let o = Math.max(from, log.logStartOffset); o < Math.min(to, log.logEndOffset); o++) {
    const r = log.items[o - log.base];
    if (r) out.push(r);
  }
  return out;
}

export function segmentsOf(log: ReplicaLog): SegmentInfo[] {
  const n = log.segmentBaseOffsets.length;
  return log.segmentBaseOffsets.map((baseOffset, index) => {
    const active = index === n - 1;
    const endOffset = active ? log.logEndOffset : log.segmentBaseOffsets[index + 1]!;
    const held = recordsIn(log, baseOffset, endOffset);
    return {
      index,
      baseOffset,
      endOffset,
      bytes: log.segmentBytes[index] ?? 0,
      active,
      firstTimestampMs: held[0]?.timestampMs ?? -1,
      largestTimestampMs: held.reduce((m, r) => Math.max(m, r.timestampMs), -1),
    };
  });
}

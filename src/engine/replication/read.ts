/**
 * What a consumer may read: the leader's records below the high watermark (Partition.fetchRecords with
 * FetchIsolation.HIGH_WATERMARK). Pure, for the consumer module's fetches and for views.
 */
import { type LogRecord, readRecordsFrom } from '../broker/log';
import type { EngineState } from '../core/types';
import { fetchUpperBound, type IsolationLevel, visibleRecords } from '../transactions/stable-offset';

export interface ReadableRecords {
  readonly records: readonly LogRecord[];
  readonly highWatermark: number;
  readonly logStartOffset: number;
  /** The offset after the range read, markers and skipped aborted records included. */
  readonly nextOffset?: number;
  readonly error?: 'UNKNOWN_TOPIC_OR_PARTITION' | 'LEADER_NOT_AVAILABLE' | 'OFFSET_OUT_OF_RANGE';
}

/**
 * Up to maxRecords records from fromOffset, never at or above the high watermark. An offset between the HW
 * and the log end offset (a new leader still re-learning its HW) reads nothing rather than failing, as in
 * Kafka; one outside [logStartOffset, logEndOffset] is OFFSET_OUT_OF_RANGE.
 */
export function readableRecords(
  state: EngineState,
  topic: string,
  partition: number,
  fromOffset: number,
  maxRecords: number,
  isolation: IsolationLevel = 'read_uncommitted',
): ReadableRecords {
  const p = state.topics[topic]?.partitions[partition];
  if (!p) return { records: [], highWatermark: 0, logStartOffset: 0, error: 'UNKNOWN_TOPIC_OR_PARTITION' };
  const log = p.leader === null ? undefined : p.logs[p.leader];
  if (!log)
    return { records: [], highWatermark: p.highWatermark, logStartOffset: 0, error: 'LEADER_NOT_AVAILABLE' };
  const base = { highWatermark: p.highWatermark, logStartOffset: log.logStartOffset };
  if (fromOffset < log.logStartOffset || fromOffset > log.logEndOffset)
    return { ...base, records: [], error: 'OFFSET_OUT_OF_RANGE' };
  // read_committed stops at the last stable offset (transactions/stable-offset.ts); either way, markers and
  // (read_committed) aborted records are never handed to the application. A compacted log has gaps: the read
  // walks records, not offsets, so a removed offset returns the next record there is.
  const bound = fetchUpperBound(log, p.highWatermark, isolation);
  const limit = Math.max(0, maxRecords);
  const raw = readRecordsFrom(log, fromOffset, bound, limit);
  const full = limit > 0 && raw.length === limit;
  const nextOffset = full ? raw[raw.length - 1]!.offset + 1 : Math.max(fromOffset, bound);
  return { ...base, records: visibleRecords(log, raw, isolation), nextOffset };
}

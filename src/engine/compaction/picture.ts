/**
 * Read-only pictures of a compacted partition for the views and the scenes' claims: its offsets (records and
 * the gaps the cleaner left), segments, the cleaner's checkpoint, the dirty ratio and the next pass; and the
 * table a reader from the beginning builds from it (what a ksqlDB TABLE over the topic holds).
 */
import { keptRecords, type LogRecord, type ReplicaLog } from '../broker/log';
import type { EngineState } from '../core/types';
import { type CleanableRange, cleanableRange } from './cleaner';
import { cleanerConfig } from './config';
import { type SegmentInfo, segmentsOf } from './segments';

export interface CompactionPicture {
  readonly broker: number;
  readonly log: ReplicaLog;
  readonly segments: readonly SegmentInfo[];
  /** One entry per offset from the log start to the log end: the record, or null where the cleaner removed it. */
  readonly offsets: readonly { readonly offset: number; readonly record: LogRecord | null }[];
  /** The cleaner's checkpoint: below it the log is clean, from it dirty. */
  readonly firstDirtyOffset: number;
  readonly activeBaseOffset: number;
  readonly highWatermark: number;
  readonly range: CleanableRange;
  readonly minCleanableDirtyRatio: number;
  readonly deleteRetentionMs: number;
  /** When the cleaner threads look next (null: no pass scheduled). */
  readonly nextCleanerPassMs: number | null;
}

/** The leader replica's picture of topic/partition (null while offline or absent). */
export function compactionPicture(
  state: EngineState,
  topic: string,
  partition: number,
): CompactionPicture | null {
  const t = state.topics[topic];
  const p = t?.partitions[partition];
  if (!t || !p || p.leader === null) return null;
  const log = p.logs[p.leader];
  if (!log) return null;
  const cfg = cleanerConfig(t.config);
  const offsets = [];
  for (let o = log.logStartOffset; o < log.logEndOffset; o++)
    offsets.push({ offset: o, record: log.items[o - log.base] ?? null });
  const segments = segmentsOf(log);
  const range = cleanableRange(log, state.now, p.highWatermark, cfg);
  return {
    broker: p.leader,
    log,
    segments,
    offsets,
    firstDirtyOffset: range.firstDirtyOffset,
    activeBaseOffset: segments.at(-1)!.baseOffset,
    highWatermark: p.highWatermark,
    range,
    minCleanableDirtyRatio: cfg.minCleanableDirtyRatio,
    deleteRetentionMs: cfg.deleteRetentionMs,
    nextCleanerPassMs: state.timers.find((x) => x.kind === 'logCleanerCheck')?.dueMs ?? null,
  };
}

export interface TableRow {
  readonly key: string;
  readonly value: string;
  readonly offset: number;
}

/**
 * What a reader of the whole partition ends with, key by key, in key order: each key's newest value, a
 * tombstone deleting it. A ksqlDB TABLE materialises its topic this way.
 */
export function tableOf(state: EngineState, topic: string, partition = 0): TableRow[] {
  const p = state.topics[topic]?.partitions[partition];
  if (!p || p.leader === null) return [];
  const rows = new Map<string, TableRow>();
  for (const r of keptRecords(p.logs[p.leader]!)) {
    if (r.key === null || r.offset >= p.highWatermark) continue;
    if (r.tombstone) rows.delete(r.key);
    else rows.set(r.key, { key: r.key, value: r.value, offset: r.offset });
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

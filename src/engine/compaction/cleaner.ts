/**
 * The log cleaner of cleanup.policy=compact, as Kafka 4.x's storage module does it (package
 * org.apache.kafka.storage.internals.log): LogCleanerManager picks the part of a log that may be cleaned and
 * whether it is dirty enough; Cleaner keeps, of every key, only its newest record. Pure functions of a log.
 */
import type { LogRecord, ReplicaLog } from '../broker/log';
import type { CleanerConfig } from './config';
import { type SegmentInfo, segmentsOf } from './segments';

export interface CleanableRange {
  /** The cleaner's checkpoint: where the dirty part begins (the log start before any cleaning). */
  readonly firstDirtyOffset: number;
  /** Where the cleanable dirty part ends (exclusive), at a segment boundary: never inside the active segment. */
  readonly firstUncleanableOffset: number;
  /** Bytes of the segments below firstDirtyOffset (LogToClean.cleanBytes). */
  readonly cleanBytes: number;
  /** Bytes of the segments in [firstDirtyOffset, firstUncleanableOffset) (LogToClean.cleanableBytes). */
  readonly cleanableBytes: number;
  /** cleanableBytes / (cleanBytes + cleanableBytes); 0 for an empty log. */
  readonly dirtyRatio: number;
  /** A dirty segment waited past max.compaction.lag.ms (LogCleanerManager.maxCompactionDelay > 0). */
  readonly needCompactionNow: boolean;
  /** LogCleanerManager.grabFilthiestCompactedLog's test: cleaned on the cleaner's next pass. */
  readonly shouldClean: boolean;
}

const floorSegment = (segs: readonly SegmentInfo[], offset: number): SegmentInfo | undefined =>
  segs.filter((s) => s.baseOffset <= offset).at(-1);

/** Bytes of the segments overlapping [from, to) (UnifiedLog.logSegments(from, to)). */
function bytesBetween(segs: readonly SegmentInfo[], from: number, to: number): number {
  const first = floorSegment(segs, from)?.index ?? 0;
  return segs.filter((s) => s.index >= first && s.baseOffset < to).reduce((a, s) => a + s.bytes, 0);
}

/**
 * LogCleanerManager.cleanableOffsets and LogToClean: the cleaner may not pass the high watermark (the last
 * stable offset: a replica's HW here), the active segment's base offset, nor the first dirty segment whose
 * newest record is younger than min.compaction.lag.ms; the end is rounded down to a segment boundary
 * (calculateCleanableBytes). A checkpoint outside the log resets to the log start offset.
 */
export function cleanableRange(
  log: ReplicaLog,
  now: number,
  highWatermark: number,
  cfg: CleanerConfig,
): CleanableRange {
  const segs = segmentsOf(log);
  const checkpoint = log.firstDirtyOffset ?? log.logStartOffset;
  const firstDirtyOffset =
    checkpoint < log.logStartOffset || checkpoint > log.logEndOffset ? log.logStartOffset : checkpoint;
  const active = segs.at(-1)!;
  const nonActiveFromDirty = segs.filter((s) => !s.active && s.endOffset > firstDirtyOffset);
  const lagBound =
    cfg.minCompactionLagMs > 0
      ? nonActiveFromDirty.find((s) => s.largestTimestampMs > now - cfg.minCompactionLagMs)?.baseOffset
      : undefined;
  const uncleanable = Math.max(
    firstDirtyOffset,
    Math.min(highWatermark, active.baseOffset, lagBound ?? Number.POSITIVE_INFINITY),
  );
  // calculateCleanableBytes: the first uncleanable segment is the one holding that offset (or the active one).
  const holding = floorSegment(segs, uncleanable);
  const firstUncleanableOffset = holding && !holding.active ? holding.baseOffset : active.baseOffset;
  const cleanableBytes = bytesBetween(
    segs,
    Math.min(firstDirtyOffset, firstUncleanableOffset),
    firstUncleanableOffset,
  );
  const cleanBytes = segs.filter((s) => s.baseOffset < firstDirtyOffset).reduce((a, s) => a + s.bytes, 0);
  const total = cleanBytes + cleanableBytes;
  const dirtyRatio = total > 0 ? cleanableBytes / total : 0;
  // maxCompactionDelay: the earliest first-batch timestamp of the dirty non-active segments, against max lag.
  const earliest = Math.min(
    ...nonActiveFromDirty.map((s) => s.firstTimestampMs).filter((t) => t > 0),
    Number.POSITIVE_INFINITY,
  );
  const needCompactionNow = cfg.maxCompactionLagMs !== null && earliest < now - cfg.maxCompactionLagMs;
  const shouldClean =
    total > 0 && ((needCompactionNow && cleanableBytes > 0) || dirtyRatio > cfg.minCleanableDirtyRatio);
  return {
    firstDirtyOffset,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    dirtyRatio,
    needCompactionNow,
    shouldClean,
  };
}

export interface CleaningResult {
  readonly log: ReplicaLog;
  /** Offsets the cleaner removed: superseded records, expired tombstones, records without a key. */
  readonly removedOffsets: readonly number[];
  /** Of those, the tombstones removed because their delete horizon had passed. */
  readonly tombstonesRemoved: readonly number[];
  /** Tombstones this cleaning reached for the first time, with the delete horizon it gave them. */
  readonly tombstonesMarked: readonly { offset: number; deleteHorizonMs: number }[];
  /** The new checkpoint: the end of what was cleaned. */
  readonly cleanedTo: number;
}

/**
 * Cleaner.doClean over [log start, range.firstUncleanableOffset): the offset map holds each key's newest
 * offset in the dirty part (buildOffsetMap); every segment below the end is then rewritten, the clean part
 * included, keeping a record only if it is its key's newest (shouldRetainRecord: offset >= map.get(key)) and,
 * for a tombstone, only while the cleaning's time is before its delete horizon. KIP-534: the first cleaning
 * that keeps a tombstone stamps its batch's horizon, now + delete.retention.ms. Records keep their offsets;
 * the segments below the end are grouped so a group's bytes stay within segment.bytes
 * (groupSegmentsBySize) and each group becomes one segment at its first base offset.
 */
export function cleanLog(
  log: ReplicaLog,
  range: CleanableRange,
  now: number,
  cfg: CleanerConfig,
): CleaningResult {
  const end = range.firstUncleanableOffset;
  const newestOffsetOfKey = new Map<string, number>();
  for (let o = range.firstDirtyOffset; o < end; o++) {
    const r = log.items[o - log.base];
    if (r && r.key !== null) newestOffsetOfKey.set(r.key, o);
  }
  const items = log.items.slice(0, log.logEndOffset - log.base);
  const removedOffsets: number[] = [];
  const tombstonesRemoved: number[] = [];
  const tombstonesMarked: { offset: number; deleteHorizonMs: number }[] = [];
  const keep = (r: LogRecord): LogRecord | undefined => {
    // A record without a key has no place in a compacted log (Cleaner counts it as invalid and drops it).
    if (r.key === null) return undefined;
    if (r.offset < (newestOffsetOfKey.get(r.key) ?? -1)) return undefined;
    if (!r.tombstone) return r;
    if (r.deleteHorizonMs !== undefined) return now < r.deleteHorizonMs ? r : undefined;
    const deleteHorizonMs = now + cfg.deleteRetentionMs;
    tombstonesMarked.push({ offset: r.offset, deleteHorizonMs });
    return { ...r, deleteHorizonMs };
  };
  for (let o = log.logStartOffset; o < end; o++) {
    const r = items[o - log.base];
    if (!r) continue;
    const kept = keep(r);
    items[o - log.base] = kept;
    if (kept) continue;
    removedOffsets.push(o);
    if (r.tombstone && r.deleteHorizonMs !== undefined) tombstonesRemoved.push(o);
  }
  // groupSegmentsBySize over the segments being cleaned (their sizes before cleaning).
  const segs = segmentsOf(log);
  const cleaned = segs.filter((s) => !s.active && s.endOffset <= end);
  const bases: number[] = [];
  const bytes: number[] = [];
  let i = 0;
  while (i < cleaned.length) {
    const first = cleaned[i]!;
    let size = first.bytes;
    let j = i + 1;
    while (j < cleaned.length && size + cleaned[j]!.bytes <= cfg.segmentBytes) size += cleaned[j++]!.bytes;
    const groupEnd = j < cleaned.length ? cleaned[j]!.baseOffset : end;
    let kept = 0;
    for (let o = first.baseOffset; o < groupEnd; o++) kept += items[o - log.base]?.sizeBytes ?? 0;
    bases.push(first.baseOffset);
    bytes.push(kept);
    i = j;
  }
  const rest = segs.filter((s) => s.baseOffset >= end || s.active);
  return {
    log: {
      ...log,
      items,
      segmentBaseOffsets: [...bases, ...rest.map((s) => s.baseOffset)],
      segmentBytes: [...bytes, ...rest.map((s) => s.bytes)],
      firstDirtyOffset: end,
    },
    removedOffsets,
    tombstonesRemoved,
    tombstonesMarked,
    cleanedTo: end,
  };
}

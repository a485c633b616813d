/**
 * A partition replica's log: an append-only sequence of records with offsets, as a persistent value.
 *
 * Many engine states (checkpoints, the presenter's history) share one log. Appending pushes onto the shared
 * array only when this log is its newest view (items.length === count); an older state that appends after a
 * fork copies first. So appends are O(1) amortised and no earlier state ever sees a later record.
 */
export interface LogRecord {
  /** Unique in a run: lets a view follow one record from producer to log to consumer. */
  readonly id: string;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** CreateTime, set by the producer. */
  readonly timestampMs: number;
  /** When the leader appended it, on the logical clock. */
  readonly appendedAtMs: number;
  readonly producerId: string;
  /** The idempotent producer's sequence number for this partition (-1 when not idempotent). */
  readonly sequence: number;
  readonly leaderEpoch: number;
  readonly sizeBytes: number;
  /** A record with a null value (Kafka's tombstone): on a compacted topic it deletes its key. */
  readonly tombstone?: true;
  /**
   * KIP-534: the batch's delete horizon, stamped by the first cleaning that reaches this tombstone
   * (now + delete.retention.ms); a later cleaning past it removes the tombstone.
   */
  readonly deleteHorizonMs?: number;
  /**
   * Transactions (transactions/): set on a transactional producer's records, with its epoch, and on the
   * control records (COMMIT/ABORT markers) that end a transaction. A marker takes an offset like any record
   * but is never handed to a consumer, so the offsets a consumer sees have gaps. Absent otherwise.
   */
  readonly transactional?: true;
  readonly producerEpoch?: number;
  readonly control?: 'COMMIT' | 'ABORT';
}

export interface ReplicaLog {
  /** Offset of the first record still kept (moves forward with retention). */
  readonly logStartOffset: number;
  /** The next offset this replica would append: its LEO. */
  readonly logEndOffset: number;
  /** Offsets at which segments start; retention deletes whole segments, never single records. */
  readonly segmentBaseOffsets: readonly number[];
  readonly segmentBytes: readonly number[];
  /**
   * items[i] holds the record at offset base + i, or nothing where the log cleaner removed that offset
   * (compaction leaves gaps: offsets stay increasing, not contiguous).
   */
  readonly base: number;
  readonly items: (LogRecord | undefined)[];
  /** The log cleaner's checkpoint (cleaner-offset-checkpoint): the first dirty offset; absent before any cleaning. */
  readonly firstDirtyOffset?: number;
}

export const emptyLog: ReplicaLog = {
  logStartOffset: 0,
  logEndOffset: 0,
  segmentBaseOffsets: [0],
  segmentBytes: [0],
  base: 0,
  items: [],
};

function ownItems(log: ReplicaLog): (LogRecord | undefined)[] {
  const count = log.logEndOffset - log.base;
  // A log with nothing in it may share its array with every other empty log: never push onto that one.
  if (count === 0) return [];
  return log.items.length === count ? log.items : log.items.slice(0, count);
}

/**
 * Appends a record at or past the log end offset (past it only on a follower copying a cleaned leader: the
 * offsets the cleaner removed stay gaps). segmentBytesLimit is segment.bytes; segmentMs is segment.ms (null:
 * never roll by time).
 */
export function appendRecord(
  log: ReplicaLog,
  record: LogRecord,
  segmentBytesLimit: number,
  segmentMs: number | null = null,
): ReplicaLog {
  const items = ownItems(log);
  while (log.base + items.length < record.offset) items.push(undefined);
  items.push(record);
  const lastSeg = log.segmentBytes.length - 1;
  const lastBytes = log.segmentBytes[lastSeg]!;
  // Kafka rolls a new segment when the active one would grow past segment.bytes, or when the new record's
  // timestamp is more than segment.ms past the active segment's first batch (LogSegment.shouldRoll,
  // timeWaitedForRoll); only an append rolls, so an idle active segment stays active.
  const first = items[log.segmentBaseOffsets[lastSeg]! - log.base];
  const rollByTime =
    segmentMs !== null &&
    lastBytes > 0 &&
    first !== undefined &&
    record.timestampMs - first.timestampMs > segmentMs;
  const roll = lastBytes > 0 && (lastBytes + record.sizeBytes > segmentBytesLimit || rollByTime);
  return {
    ...log,
    logEndOffset: record.offset + 1,
    items,
    segmentBaseOffsets: roll ? [...log.segmentBaseOffsets, record.offset] : log.segmentBaseOffsets,
    segmentBytes: roll
      ? [...log.segmentBytes, record.sizeBytes]
      : [...log.segmentBytes.slice(0, lastSeg), lastBytes + record.sizeBytes],
  };
}

const held = (r: LogRecord | undefined): r is LogRecord => r !== undefined;

/** Records in [from, to), clamped to what the log holds (the cleaner's gaps skipped). */
export function readRange(log: ReplicaLog, from: number, to: number): LogRecord[] {
  const start = Math.max(from, log.logStartOffset);
  const end = Math.min(to, log.logEndOffset);
  if (end <= start) return [];
  return log.items.slice(start - log.base, end - log.base).filter(held);
}

/**
 * Up to maxRecords records from `from`, below `to`. A read from an offset the cleaner removed returns the
 * next record there is, as a fetch does in Kafka (the fetch finds the first batch ending at or after it).
 */
export function readRecordsFrom(log: ReplicaLog, from: number, to: number, maxRecords: number): LogRecord[] {
  const out: LogRecord[] = [];
  const end = Math.min(to, log.logEndOffset);
  for (let o = Math.max(from, log.logStartOffset); o < end && out.length < maxRecords; o++) {
    const r = log.items[o - log.base];
    if (r) out.push(r);
  }
  return out;
}

/** All records still kept, oldest first. */
export function keptRecords(log: ReplicaLog): LogRecord[] {
  return readRange(log, log.logStartOffset, log.logEndOffset);
}

/**
 * Truncates to `offset` (a returning follower cutting what the new leader does not have, KIP-101).
 * Segments past the cut disappear; the shared array is left alone for the states that still need it.
 */
export function truncateTo(log: ReplicaLog, offset: number): ReplicaLog {
  if (offset >= log.logEndOffset) return log;
  const end = Math.max(offset, log.logStartOffset);
  const bases: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < log.segmentBaseOffsets.length; i++) {
    const b = log.segmentBaseOffsets[i]!;
    if (b > end || (b === end && i > 0)) break;
    bases.push(b);
    const segEnd = log.segmentBaseOffsets[i + 1] ?? log.logEndOffset;
    let size = 0;
    for (let o = b; o < Math.min(segEnd, end); o++) size += log.items[o - log.base]?.sizeBytes ?? 0;
    bytes.push(size);
  }
  return { ...log, logEndOffset: end, segmentBaseOffsets: bases, segmentBytes: bytes };
}

/**
 * Deletes whole segments, oldest first, while `shouldDelete(segment)` holds, as UnifiedLog.deletableSegments
 * does: a segment goes only if the high watermark has reached its end (the next segment's base offset, or the
 * log end offset for the active one), so the log start offset never passes the HW; an empty active segment is
 * never deleted (it would only be made again). The active segment is not exempt: when it goes too,
 * UnifiedLog.deleteSegments rolls a new empty segment at the log end offset first, so a fully expired log is
 * empty with log start offset = log end offset.
 */
export function deleteOldSegments(
  log: ReplicaLog,
  highWatermark: number,
  shouldDelete: (
    segment: { baseOffset: number; endOffset: number; bytes: number; newestAppendMs: number },
    keptBytes: number,
  ) => boolean,
): ReplicaLog {
  const count = log.segmentBaseOffsets.length;
  let i = 0;
  let kept = log.segmentBytes.reduce((a, b) => a + b, 0);
  while (i < count) {
    const baseOffset = log.segmentBaseOffsets[i]!;
    const last = i === count - 1;
    const endOffset = last ? log.logEndOffset : log.segmentBaseOffsets[i + 1]!;
    if (highWatermark < endOffset || (last && endOffset === baseOffset)) break;
    // The segment's newest record still held (the cleaner may have removed its last offsets).
    let newest: LogRecord | undefined;
    for (let o = endOffset - 1; o >= baseOffset && !newest; o--) newest = log.items[o - log.base];
    const seg = {
      baseOffset,
      endOffset,
      bytes: log.segmentBytes[i]!,
      newestAppendMs: newest?.appendedAtMs ?? 0,
    };
    if (!shouldDelete(seg, kept)) break;
    kept -= seg.bytes;
    i++;
  }
  if (i === 0) return log;
  // Every segment went: the new active segment, empty, starts at the log end offset (UnifiedLog.roll).
  const rolled = i === count;
  const logStartOffset = rolled ? log.logEndOffset : log.segmentBaseOffsets[i]!;
  // Drop the deleted records from memory once they are a large share of the array, so an hour of autoplay
  // with retention stays flat in memory.
  const dropped = logStartOffset - log.base;
  const compact = dropped > 1024 && dropped * 2 > log.items.length;
  return {
    ...log,
    logStartOffset,
    segmentBaseOffsets: rolled ? [logStartOffset] : log.segmentBaseOffsets.slice(i),
    segmentBytes: rolled ? [0] : log.segmentBytes.slice(i),
    base: compact ? logStartOffset : log.base,
    items: compact ? log.items.slice(dropped, log.logEndOffset - log.base) : log.items,
  };
}

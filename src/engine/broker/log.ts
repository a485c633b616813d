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
  /** items[i] holds the record at offset base + i. */
  readonly base: number;
  readonly items: LogRecord[];
}

export const emptyLog: ReplicaLog = {
  logStartOffset: 0,
  logEndOffset: 0,
  segmentBaseOffsets: [0],
  segmentBytes: [0],
  base: 0,
  items: [],
};

function ownItems(log: ReplicaLog): LogRecord[] {
  const count = log.logEndOffset - log.base;
  // A log with nothing in it may share its array with every other empty log: never push onto that one.
  if (count === 0) return [];
  return log.items.length === count ? log.items : log.items.slice(0, count);
}

/** Appends a record whose offset must be the log end offset. segmentBytesLimit is segment.bytes. */
export function appendRecord(log: ReplicaLog, record: LogRecord, segmentBytesLimit: number): ReplicaLog {
  const items = ownItems(log);
  items.push(record);
  const lastSeg = log.segmentBytes.length - 1;
  const lastBytes = log.segmentBytes[lastSeg]!;
  // Kafka rolls a new segment when the active one would grow past segment.bytes (LogSegment.shouldRoll).
  const roll = lastBytes > 0 && lastBytes + record.sizeBytes > segmentBytesLimit;
  return {
    ...log,
    logEndOffset: log.logEndOffset + 1,
    items,
    segmentBaseOffsets: roll ? [...log.segmentBaseOffsets, record.offset] : log.segmentBaseOffsets,
    segmentBytes: roll
      ? [...log.segmentBytes, record.sizeBytes]
      : [...log.segmentBytes.slice(0, lastSeg), lastBytes + record.sizeBytes],
  };
}

/** Records in [from, to), clamped to what the log holds. */
export function readRange(log: ReplicaLog, from: number, to: number): LogRecord[] {
  const start = Math.max(from, log.logStartOffset);
  const end = Math.min(to, log.logEndOffset);
  if (end <= start) return [];
  return log.items.slice(start - log.base, end - log.base);
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
    const newest = log.items[endOffset - 1 - log.base];
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

/**
 * The partition's side of transactions, read from the leader's log: which records belong to transactions,
 * where each ended (its COMMIT or ABORT marker), the last stable offset, and what a read_committed consumer
 * may see. Kafka keeps these incrementally (ProducerStateManager's ongoing and unreplicated transactions, the
 * TransactionIndex of aborted ranges); reading them off the log gives the same answers, survives truncation
 * and leader changes with the log, and keeps one source of truth.
 */
import type { LogRecord, ReplicaLog } from '../broker/log';
import type { PartitionState } from '../core/types';
import type { MarkerType } from './types';

/** One transaction's records on one partition, from its first record to its marker (if written yet). */
export interface TxnRange {
  readonly producer: string;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly marker: { readonly type: MarkerType; readonly offset: number } | null;
}

/** Every transaction seen in the log, in order of first offset (open ones have no marker yet). */
export function transactionRanges(log: ReplicaLog): TxnRange[] {
  const done: TxnRange[] = [];
  const open = new Map<string, { firstOffset: number; lastOffset: number }>();
  for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
    const r = log.items[o - log.base];
    if (!r) continue;
    if (r.control) {
      const t = open.get(r.producerId);
      open.delete(r.producerId);
      // A marker with no records before it on this partition (the transaction wrote only elsewhere, or its
      // records fell to retention) still ends a range of nothing.
      done.push({
        producer: r.producerId,
        firstOffset: t?.firstOffset ?? o,
        lastOffset: t?.lastOffset ?? o,
        marker: { type: r.control, offset: o },
      });
    } else if (r.transactional) {
      const t = open.get(r.producerId);
      open.set(r.producerId, { firstOffset: t?.firstOffset ?? o, lastOffset: o });
    }
  }
  for (const [producer, t] of open) done.push({ producer, ...t, marker: null });
  return done.sort((a, b) => a.firstOffset - b.firstOffset);
}

/**
 * The last stable offset (UnifiedLog.lastStableOffset): the first offset of a transaction that is still
 * open, or whose marker is not yet below the high watermark (ProducerStateManager.firstUnstableOffset over
 * ongoingTxns and unreplicatedTxns), else the high watermark. Never above the high watermark.
 */
export function lastStableOffsetOf(log: ReplicaLog, highWatermark: number): number {
  let lso = highWatermark;
  for (const t of transactionRanges(log)) {
    if (t.marker === null || t.marker.offset >= highWatermark) lso = Math.min(lso, t.firstOffset);
  }
  return lso;
}

/** The LSO of a partition as its leader knows it; the high watermark when it has no leader. */
export function partitionLastStableOffset(p: PartitionState): number {
  const log = p.leader === null ? undefined : p.logs[p.leader];
  return log ? lastStableOffsetOf(log, p.highWatermark) : p.highWatermark;
}

/** Fetch's isolation_level (IsolationLevel): read_uncommitted is the consumer's default. */
export type IsolationLevel = 'read_uncommitted' | 'read_committed';

/**
 * Where a fetch stops: the high watermark for read_uncommitted, the last stable offset for read_committed
 * (FetchIsolation.TXN_COMMITTED in Partition.fetchRecords / UnifiedLog.read).
 */
export function fetchUpperBound(log: ReplicaLog, highWatermark: number, isolation: IsolationLevel): number {
  return isolation === 'read_committed' ? lastStableOffsetOf(log, highWatermark) : highWatermark;
}

/**
 * What the application gets from fetched records: never a control record (the consumer skips control
 * batches, CompletedFetch.nextFetchedRecord), and, read_committed, nothing of an aborted transaction (the
 * broker sends the aborted ranges with the fetch, FetchResponse.abortedTransactions from the
 * TransactionIndex, and the client drops their records until the producer's ABORT marker).
 */
export function visibleRecords(
  log: ReplicaLog,
  records: readonly LogRecord[],
  isolation: IsolationLevel,
): LogRecord[] {
  const shown = records.filter((r) => !r.control);
  if (isolation !== 'read_committed' || !shown.some((r) => r.transactional)) return shown;
  const aborted = transactionRanges(log).filter((t) => t.marker?.type === 'ABORT');
  return shown.filter(
    (r) =>
      !r.transactional ||
      !aborted.some(
        (t) => t.producer === r.producerId && r.offset >= t.firstOffset && r.offset <= t.lastOffset,
      ),
  );
}

/** Where a record stands in the transactions of its partition, as the stage draws it. */
export type RecordTxnStatus = 'plain' | 'open' | 'committed' | 'aborted' | 'marker';

/** Each kept record's status by offset: outside any transaction, in one still open, committed, aborted, or a marker. */
export function recordTxnStatuses(log: ReplicaLog): Map<number, RecordTxnStatus> {
  const out = new Map<number, RecordTxnStatus>();
  const ranges = transactionRanges(log);
  for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
    const r = log.items[o - log.base];
    if (!r) continue;
    if (r.control) out.set(o, 'marker');
    else if (!r.transactional) out.set(o, 'plain');
    else {
      const t = ranges.find((x) => x.producer === r.producerId && o >= x.firstOffset && o <= x.lastOffset);
      out.set(o, !t?.marker ? 'open' : t.marker.type === 'COMMIT' ? 'committed' : 'aborted');
    }
  }
  return out;
}

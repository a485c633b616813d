/**
 * WriteTxnMarkers: the coordinator asks each partition leader of a transaction to append a control record,
 * COMMIT or ABORT (TransactionMarkerChannelManager; the leader appends with ReplicaManager.appendRecords,
 * origin COORDINATOR). The marker takes an offset, replicates like any record, and ends the transaction on
 * that partition: the last stable offset can pass it once the high watermark has.
 */
import { appendRecord, type LogRecord } from '../broker/log';
import type { Tx } from '../core/tx';
import { advanceHighWatermark } from '../replication/high-watermark';
import { completeHeldFetches } from '../replication/leader-fetch';
import type { MarkerType } from './types';

/** A control batch holds one record of a few bytes (the version and type, EndTransactionMarker). */
const MARKER_SIZE_BYTES = 6;

/** Appends the marker on the leader; false when the partition has no live leader (the coordinator retries). */
export function writeMarker(
  tx: Tx,
  args: {
    readonly transactionalId: string;
    readonly producer: string;
    readonly producerId: number;
    readonly producerEpoch: number;
    readonly topic: string;
    readonly partition: number;
    readonly marker: MarkerType;
  },
): boolean {
  const p = tx.partition(args.topic, args.partition);
  const leader = p?.leader ?? null;
  if (!p || leader === null || !tx.state.brokers[leader]?.alive) return false;
  const log = p.logs[leader]!;
  const record: LogRecord = {
    id: tx.id('mk'),
    offset: log.logEndOffset,
    key: null,
    value: '',
    headers: {},
    timestampMs: tx.state.now,
    appendedAtMs: tx.state.now,
    producerId: args.producer,
    sequence: -1,
    leaderEpoch: p.leaderEpoch,
    sizeBytes: MARKER_SIZE_BYTES,
    producerEpoch: args.producerEpoch,
    control: args.marker,
  };
  const segmentBytes = tx.topic(args.topic)!.config.segmentBytes;
  tx.updatePartition(args.topic, args.partition, (q) => ({
    ...q,
    logs: { ...q.logs, [leader]: appendRecord(q.logs[leader]!, record, segmentBytes) },
  }));
  tx.emit({
    type: 'txnMarkerWritten',
    transactionalId: args.transactionalId,
    producerId: args.producerId,
    producerEpoch: args.producerEpoch,
    topic: args.topic,
    partition: args.partition,
    offset: record.offset,
    broker: leader,
    marker: args.marker,
  });
  advanceHighWatermark(tx, args.topic, args.partition);
  completeHeldFetches(tx, leader, args.topic, args.partition);
  return true;
}

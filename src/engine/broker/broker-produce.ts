/**
 * The partition leader's side of a produce request (ReplicaManager.appendRecords): check leadership and
 * min.insync.replicas, drop idempotent duplicates, append, and answer according to acks.
 */

import type { ProduceRequest } from '../core/protocol';
import type { Tx } from '../core/tx';
import { type BrokerId, brokerNode, type PendingRecord, producerNode } from '../core/types';
import { PRODUCE_REQUEST_TIMEOUT_MS } from '../replication/config';
import type { ProduceErrorCode } from '../replication/events';
import { advanceHighWatermark } from '../replication/high-watermark';
import { completeHeldFetches } from '../replication/leader-fetch';
import { appendRecord, type LogRecord } from './log';

/** What a produce answer says beyond naming the batch: its base offset, or the error. */
type ProduceOutcome = { baseOffset: number; duplicate?: boolean } | { error: ProduceErrorCode };

/** Answers the producer, unless acks=0: then it never hears back. */
function reply(tx: Tx, broker: BrokerId, req: ProduceRequest, outcome: ProduceOutcome): void {
  if (req.acks === 0) return;
  tx.send('produceResponse', brokerNode(broker), producerNode(req.producer), {
    producer: req.producer,
    batchId: req.batchId,
    attempt: req.attempt,
    topic: req.topic,
    partition: req.partition,
    ...outcome,
  });
}

function reject(tx: Tx, broker: BrokerId, req: ProduceRequest, error: ProduceErrorCode): void {
  tx.emit({
    type: 'produceRejected',
    broker,
    topic: req.topic,
    partition: req.partition,
    producer: req.producer,
    batchId: req.batchId,
    error,
  });
  tx.bumpMetric('failedProduceRequests');
  reply(tx, broker, req, { error });
}

export function onProduceRequest(tx: Tx, broker: BrokerId, req: ProduceRequest): void {
  const refused = admissionError(tx, broker, req);
  const written = refused ?? write(tx, broker, req);
  if (typeof written === 'string') {
    reject(tx, broker, req, written);
    return;
  }
  const endOffset = written.baseOffset + req.records.length;
  const outcome = written.duplicate
    ? { baseOffset: written.baseOffset, duplicate: true }
    : { baseOffset: written.baseOffset };
  if (req.acks === 1) reply(tx, broker, req, outcome);
  if (req.acks === 'all') {
    const p = tx.partition(req.topic, req.partition)!;
    // A duplicate, too, is answered only once the HW passes the original (DelayedProduce on its offsets).
    if (p.highWatermark >= endOffset) reply(tx, broker, req, outcome);
    else {
      const pending = {
        producer: req.producer,
        batchId: req.batchId,
        attempt: req.attempt,
        baseOffset: written.baseOffset,
        endOffset,
        deadlineMs: tx.state.now + PRODUCE_REQUEST_TIMEOUT_MS,
      };
      tx.updatePartition(req.topic, req.partition, (q) => ({
        ...q,
        pendingAcks: [...q.pendingAcks, pending],
      }));
    }
  }
  // The appended records complete the followers' held fetches, after the produce answer is queued, as
  // Kafka's delayed actions run after the request (ReplicaManager.addCompletePurgatoryAction).
  completeHeldFetches(tx, broker, req.topic, req.partition);
}

/** Why the leader refuses the request before looking at its records, if it does. */
function admissionError(tx: Tx, broker: BrokerId, req: ProduceRequest): ProduceErrorCode | undefined {
  const partition = tx.partition(req.topic, req.partition);
  if (!partition || partition.leader !== broker) return 'NOT_LEADER_OR_FOLLOWER';
  const config = tx.topic(req.topic)!.config;
  // Partition.appendRecordsToLeader: with acks=all, an ISR below min.insync.replicas rejects before appending.
  if (req.acks === 'all' && partition.isr.length < config.minInsyncReplicas) return 'NOT_ENOUGH_REPLICAS';
  return undefined;
}

/**
 * Appends the batch, or finds the original of an idempotent retry: its base offset, or the error that
 * rejects it (a sequence gap, or a duplicate whose original is gone).
 */
function write(
  tx: Tx,
  broker: BrokerId,
  req: ProduceRequest,
): { baseOffset: number; duplicate: boolean } | ProduceErrorCode {
  const { topic, partition: partitionId, producer, baseSequence, records } = req;
  if (req.transactional && staleEpoch(tx, broker, req)) return 'INVALID_PRODUCER_EPOCH';
  const seq = tx.partition(topic, partitionId)!.producerSequences[producer];
  if (baseSequence >= 0 && seq && baseSequence <= seq.lastSequence) {
    // A retry of a batch already written: the idempotent producer's duplicate is acknowledged, not appended,
    // with the offset of the original (ProducerStateManager's batch metadata; here, found in the log).
    const original = findSequence(tx, broker, topic, partitionId, producer, baseSequence);
    if (original === undefined) return 'OUT_OF_ORDER_SEQUENCE_NUMBER';
    for (const [i, r] of records.entries()) {
      tx.emit({
        type: 'duplicateDropped',
        topic,
        partition: partitionId,
        producer,
        sequence: baseSequence + i,
        recordId: r.id,
      });
    }
    return { baseOffset: original, duplicate: true };
  }
  // ProducerAppendInfo.checkSequence: a gap means an earlier batch is missing here (it was lost with a
  // leader, or is still being retried); writing this one would reorder the partition.
  if (baseSequence >= 0 && baseSequence !== (seq ? seq.lastSequence + 1 : 0))
    return 'OUT_OF_ORDER_SEQUENCE_NUMBER';
  const txn = req.transactional
    ? { transactional: true as const, producerEpoch: req.producerEpoch ?? 0 }
    : {};
  const baseOffset = appendAsLeader(tx, broker, topic, partitionId, producer, baseSequence, records, txn);
  // A leader alone in its ISR moves the HW on its own append (Partition.appendRecordsToLeader).
  advanceHighWatermark(tx, topic, partitionId);
  return { baseOffset, duplicate: false };
}

/**
 * A transactional batch from an epoch older than the newest this partition has seen from the producer (a
 * marker written after a newer instance fenced it): ProducerAppendInfo.checkProducerEpoch refuses it.
 */
function staleEpoch(tx: Tx, broker: BrokerId, req: ProduceRequest): boolean {
  const log = tx.partition(req.topic, req.partition)!.logs[broker]!;
  for (let o = log.logEndOffset - 1; o >= log.logStartOffset; o--) {
    const r = log.items[o - log.base];
    if (r?.producerId === req.producer && r.producerEpoch !== undefined)
      return r.producerEpoch > (req.producerEpoch ?? 0);
  }
  return false;
}

/** The offset of this producer's record with this sequence number in the leader's log, newest first. */
function findSequence(
  tx: Tx,
  broker: BrokerId,
  topic: string,
  partitionId: number,
  producer: string,
  sequence: number,
): number | undefined {
  const log = tx.partition(topic, partitionId)!.logs[broker]!;
  for (let o = log.logEndOffset - 1; o >= log.logStartOffset; o--) {
    const r = log.items[o - log.base];
    if (r?.producerId === producer && r.sequence === sequence) return o;
  }
  return undefined;
}

function appendAsLeader(
  tx: Tx,
  broker: BrokerId,
  topic: string,
  partitionId: number,
  producer: string,
  baseSequence: number,
  records: readonly PendingRecord[],
  txn: Pick<LogRecord, 'transactional' | 'producerEpoch'>,
): number {
  const partition = tx.partition(topic, partitionId)!;
  const { segmentBytes, segmentMs = null } = tx.topic(topic)!.config;
  let log = partition.logs[broker]!;
  const baseOffset = log.logEndOffset;
  for (const r of records) {
    const record: LogRecord = {
      id: r.id,
      offset: log.logEndOffset,
      key: r.key,
      value: r.value,
      headers: r.headers,
      timestampMs: r.timestampMs,
      appendedAtMs: tx.state.now,
      producerId: producer,
      sequence: baseSequence >= 0 ? baseSequence + (log.logEndOffset - baseOffset) : -1,
      leaderEpoch: partition.leaderEpoch,
      sizeBytes: r.sizeBytes,
      ...(r.tombstone ? { tombstone: true as const } : {}),
      ...txn,
    };
    log = appendRecord(log, record, segmentBytes, segmentMs);
    tx.emit({
      type: 'recordAppended',
      topic,
      partition: partitionId,
      offset: record.offset,
      broker,
      recordId: r.id,
      key: r.key,
      value: r.value,
      ...(r.tombstone ? { tombstone: true as const } : {}),
    });
  }
  const sequences =
    baseSequence >= 0
      ? {
          ...partition.producerSequences,
          [producer]: {
            lastSequence: baseSequence + records.length - 1,
            lastBaseSequence: baseSequence,
            lastBaseOffset: baseOffset,
          },
        }
      : partition.producerSequences;
  tx.updatePartition(topic, partitionId, (p) => ({
    ...p,
    logs: { ...p.logs, [broker]: log },
    producerSequences: sequences,
  }));
  return baseOffset;
}

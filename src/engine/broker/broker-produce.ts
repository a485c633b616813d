/**
 * The partition leader's side of a produce request (ReplicaManager.appendRecords): check leadership and
 * min.insync.replicas, drop idempotent duplicates, append, and answer according to acks.
 */

import type { Tx } from '../core/tx';
import { type Acks, type BrokerId, brokerNode, type PendingRecord, producerNode } from '../core/types';
import { PRODUCE_REQUEST_TIMEOUT_MS } from '../replication/config';
import type { ProduceErrorCode } from '../replication/events';
import { advanceHighWatermark } from '../replication/high-watermark';
import { completeHeldFetches } from '../replication/leader-fetch';
import { appendRecord, type LogRecord } from './log';

function answer(
  tx: Tx,
  broker: BrokerId,
  payload: Record<string, unknown>,
  extra: Record<string, unknown>,
): void {
  tx.send('produceResponse', brokerNode(broker), producerNode(payload.producer as string), {
    producer: payload.producer,
    batchId: payload.batchId,
    attempt: payload.attempt,
    topic: payload.topic,
    partition: payload.partition,
    ...extra,
  });
}

export function onProduceRequest(tx: Tx, broker: BrokerId, payload: Record<string, unknown>): void {
  const topic = payload.topic as string;
  const partitionId = payload.partition as number;
  const acks = payload.acks as Acks;
  const records = payload.records as PendingRecord[];
  const producer = payload.producer as string;
  const baseSequence = payload.baseSequence as number;
  const partition = tx.partition(topic, partitionId);
  const reply = (extra: Record<string, unknown>) => {
    if (acks !== 0) answer(tx, broker, payload, extra);
  };
  const reject = (error: ProduceErrorCode) => {
    tx.emit({
      type: 'produceRejected',
      broker,
      topic,
      partition: partitionId,
      producer,
      batchId: payload.batchId as string,
      error,
    });
    tx.bumpMetric('failedProduceRequests');
    reply({ error });
  };
  if (!partition || partition.leader !== broker) {
    reject('NOT_LEADER_OR_FOLLOWER');
    return;
  }
  const config = tx.topic(topic)!.config;
  // Partition.appendRecordsToLeader: with acks=all, an ISR below min.insync.replicas rejects before appending.
  if (acks === 'all' && partition.isr.length < config.minInsyncReplicas) {
    reject('NOT_ENOUGH_REPLICAS');
    return;
  }
  const seq = partition.producerSequences[producer];
  let baseOffset: number;
  let duplicate = false;
  if (baseSequence >= 0 && seq && baseSequence <= seq.lastSequence) {
    // A retry of a batch already written: the idempotent producer's duplicate is acknowledged, not appended,
    // with the offset of the original (ProducerStateManager's batch metadata; here, found in the log).
    const original = findSequence(tx, broker, topic, partitionId, producer, baseSequence);
    if (original === undefined) {
      reject('OUT_OF_ORDER_SEQUENCE_NUMBER');
      return;
    }
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
    baseOffset = original;
    duplicate = true;
  } else if (baseSequence >= 0 && baseSequence !== (seq ? seq.lastSequence + 1 : 0)) {
    // ProducerAppendInfo.checkSequence: a gap means an earlier batch is missing here (it was lost with a
    // leader, or is still being retried); writing this one would reorder the partition.
    reject('OUT_OF_ORDER_SEQUENCE_NUMBER');
    return;
  } else {
    baseOffset = appendAsLeader(tx, broker, topic, partitionId, producer, baseSequence, records);
    // A leader alone in its ISR moves the HW on its own append (Partition.appendRecordsToLeader).
    advanceHighWatermark(tx, topic, partitionId);
  }
  const endOffset = baseOffset + records.length;
  const extra = duplicate ? { baseOffset, duplicate: true } : { baseOffset };
  if (acks === 1) reply(extra);
  if (acks === 'all') {
    const p = tx.partition(topic, partitionId)!;
    // A duplicate, too, is answered only once the HW passes the original (DelayedProduce on its offsets).
    if (p.highWatermark >= endOffset) reply(extra);
    else {
      const pending = {
        producer,
        batchId: payload.batchId as string,
        attempt: payload.attempt as number,
        baseOffset,
        endOffset,
        deadlineMs: tx.state.now + PRODUCE_REQUEST_TIMEOUT_MS,
      };
      tx.updatePartition(topic, partitionId, (q) => ({ ...q, pendingAcks: [...q.pendingAcks, pending] }));
    }
  }
  // The appended records complete the followers' held fetches, after the produce answer is queued, as
  // Kafka's delayed actions run after the request (ReplicaManager.addCompletePurgatoryAction).
  completeHeldFetches(tx, broker, topic, partitionId);
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
): number {
  const partition = tx.partition(topic, partitionId)!;
  const segmentBytes = tx.topic(topic)!.config.segmentBytes;
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
    };
    log = appendRecord(log, record, segmentBytes);
    tx.emit({
      type: 'recordAppended',
      topic,
      partition: partitionId,
      offset: record.offset,
      broker,
      recordId: r.id,
      key: r.key,
      value: r.value,
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

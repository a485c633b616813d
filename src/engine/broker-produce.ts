/**
 * The partition leader's side of a produce request (ReplicaManager.appendRecords): check leadership and
 * min.insync.replicas, drop idempotent duplicates, append, and answer according to acks.
 */

import { advanceHighWatermark } from './high-watermark';
import { appendRecord, type LogRecord } from './log';
import type { Tx } from './tx';
import { type Acks, type BrokerId, brokerNode, type PendingRecord, producerNode } from './types';

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
  if (!partition || partition.leader !== broker) {
    reply({ error: 'NOT_LEADER_OR_FOLLOWER' });
    tx.bumpMetric('failedProduceRequests');
    return;
  }
  const config = tx.topic(topic)!.config;
  // Partition.appendRecordsToLeader: with acks=all, an ISR below min.insync.replicas rejects before appending.
  if (acks === 'all' && partition.isr.length < config.minInsyncReplicas) {
    reply({ error: 'NOT_ENOUGH_REPLICAS' });
    tx.bumpMetric('failedProduceRequests');
    return;
  }
  const seq = partition.producerSequences[producer];
  if (baseSequence >= 0 && seq && baseSequence <= seq.lastSequence) {
    // A retry of a batch already written: the idempotent producer's duplicate is acknowledged, not appended.
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
    reply({ baseOffset: seq.lastBaseOffset, duplicate: true });
    return;
  }
  const baseOffset = appendAsLeader(tx, broker, topic, partitionId, producer, baseSequence, records);
  const endOffset = baseOffset + records.length;
  advanceHighWatermark(tx, topic, partitionId);
  if (acks === 1) reply({ baseOffset });
  if (acks === 'all') {
    const p = tx.partition(topic, partitionId)!;
    if (p.highWatermark >= endOffset) {
      reply({ baseOffset });
      return;
    }
    const pending = {
      producer,
      batchId: payload.batchId as string,
      attempt: payload.attempt as number,
      baseOffset,
      endOffset,
      deadlineMs: tx.state.now + 30000,
    };
    tx.updatePartition(topic, partitionId, (q) => ({ ...q, pendingAcks: [...q.pendingAcks, pending] }));
  }
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

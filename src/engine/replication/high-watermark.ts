/**
 * The high watermark: the offset below which every in-sync replica has the records
 * (Partition.maybeIncrementLeaderHW). The leader computes it from its own log end offset and what each ISR
 * follower's fetches told it (the leader's view, not the followers' actual logs). Consumers read only below
 * it, and acks=all waits for it.
 */

import type { Tx } from '../core/tx';
import { brokerNode, producerNode } from '../core/types';
import { scheduleHighWatermarkNews } from './leader-fetch';

export function advanceHighWatermark(tx: Tx, topic: string, partitionId: number): void {
  const p = tx.partition(topic, partitionId);
  const config = tx.topic(topic)?.config;
  if (!p || !config || p.leader === null) return;
  // Since Kafka 3.7 (KAFKA-15583) the leader does not move the HW while the ISR is below min.insync.replicas.
  if (p.isr.length < config.minInsyncReplicas) return;
  const leader = p.leader;
  let hw = p.logs[leader]?.logEndOffset ?? 0;
  for (const b of p.isr) {
    // -1 until the follower's first fetch in this leader epoch: the HW waits for it (Replica.resetReplicaState).
    if (b !== leader) hw = Math.min(hw, p.followers[b]?.logEndOffset ?? -1);
  }
  if (!(hw > p.highWatermark)) return;
  const from = p.highWatermark;
  tx.updatePartition(topic, partitionId, (q) => ({
    ...q,
    highWatermark: hw,
    replicaHighWatermarks: { ...q.replicaHighWatermarks, [leader]: hw },
  }));
  tx.emit({ type: 'highWatermarkAdvanced', topic, partition: partitionId, from, to: hw });
  completeDelayedProduce(tx, topic, partitionId);
  scheduleHighWatermarkNews(tx, leader, topic, partitionId);
}

/**
 * DelayedProduce.tryComplete through Partition.checkEnoughReplicasReachOffset: a waiting acks=all request
 * completes once the HW passes its records; if by then the ISR is below min.insync.replicas it completes
 * with NOT_ENOUGH_REPLICAS_AFTER_APPEND (the records were appended before the ISR shrank).
 */
export function completeDelayedProduce(tx: Tx, topic: string, partitionId: number): void {
  const p = tx.partition(topic, partitionId);
  const config = tx.topic(topic)?.config;
  if (!p || !config || p.leader === null || p.pendingAcks.length === 0) return;
  const done = p.pendingAcks.filter((a) => a.endOffset <= p.highWatermark);
  if (done.length === 0) return;
  tx.updatePartition(topic, partitionId, (q) => ({
    ...q,
    pendingAcks: q.pendingAcks.filter((a) => a.endOffset > p.highWatermark),
  }));
  const enough = p.isr.length >= config.minInsyncReplicas;
  for (const a of done) {
    if (!enough) {
      tx.emit({
        type: 'produceRejected',
        broker: p.leader,
        topic,
        partition: partitionId,
        producer: a.producer,
        batchId: a.batchId,
        error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
      });
      tx.bumpMetric('failedProduceRequests');
    }
    tx.send('produceResponse', brokerNode(p.leader), producerNode(a.producer), {
      producer: a.producer,
      batchId: a.batchId,
      attempt: a.attempt,
      topic,
      partition: partitionId,
      ...(enough ? { baseOffset: a.baseOffset } : { error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }),
    });
  }
}

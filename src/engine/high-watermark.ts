/**
 * The high watermark: the offset below which every in-sync replica has the records
 * (Partition.maybeIncrementLeaderHW). Consumers read only below it, and acks=all waits for it.
 */
import type { Tx } from './tx';
import { brokerNode, producerNode } from './types';

export function advanceHighWatermark(tx: Tx, topic: string, partitionId: number): void {
  const p = tx.partition(topic, partitionId);
  const config = tx.topic(topic)?.config;
  if (!p || !config || p.leader === null) return;
  // Since Kafka 3.7 (KAFKA-15583) the leader does not move the HW while the ISR is below min.insync.replicas.
  if (p.isr.length < config.minInsyncReplicas) return;
  let hw = Number.POSITIVE_INFINITY;
  for (const b of p.isr) hw = Math.min(hw, p.logs[b]?.logEndOffset ?? 0);
  if (!(hw > p.highWatermark)) return;
  const from = p.highWatermark;
  const done = p.pendingAcks.filter((a) => a.endOffset <= hw);
  tx.updatePartition(topic, partitionId, (q) => ({
    ...q,
    highWatermark: hw,
    pendingAcks: q.pendingAcks.filter((a) => a.endOffset > hw),
  }));
  tx.emit({ type: 'highWatermarkAdvanced', topic, partition: partitionId, from, to: hw });
  for (const a of done) {
    tx.send('produceResponse', brokerNode(p.leader), producerNode(a.producer), {
      producer: a.producer,
      batchId: a.batchId,
      attempt: a.attempt,
      topic,
      partition: partitionId,
      baseOffset: a.baseOffset,
    });
  }
}

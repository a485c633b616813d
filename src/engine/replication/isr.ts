/**
 * The in-sync replica set, kept by the leader (Partition.maybeExpandIsr / maybeShrinkIsr). A change needs
 * the controller (AlterPartition in KRaft), so a leader cut off from the controller cannot change its ISR:
 * that is why an isolated leader cannot shrink its way back to accepting acks=all writes.
 */

import type { Tx } from '../core/tx';
import { type BrokerId, brokerNode, type PartitionState, producerNode } from '../core/types';
import { replicationConfig } from './config';
import { advanceHighWatermark, completeDelayedProduce } from './high-watermark';
import { updatePartitionTracked } from './metrics';
import { reachesPeers } from './network';
import { maybeCompleteReassignment } from './reassignment';

function canAlterPartition(tx: Tx, leader: BrokerId): boolean {
  return tx.state.controller !== null && reachesPeers(tx.state, leader);
}

/** Partition.isFollowerInSync: caught up to the HW and into the current leader epoch. */
export function maybeExpandIsr(tx: Tx, topic: string, partition: number, follower: BrokerId): void {
  const p = tx.partition(topic, partition);
  if (!p || p.leader === null || p.isr.includes(follower) || !canAlterPartition(tx, p.leader)) return;
  if (tx.state.brokers[follower]?.fenced) return;
  const leo = p.followers[follower]?.logEndOffset ?? -1;
  const cache = p.leaderEpochCaches[p.leader] ?? [];
  const epochStart = cache[cache.length - 1]?.startOffset ?? 0;
  if (leo < p.highWatermark || leo < epochStart) return;
  const isr = p.replicas.filter((b) => b === follower || p.isr.includes(b));
  updatePartitionTracked(tx, topic, partition, (q) => ({ ...q, isr }));
  tx.bumpMetric('isrExpands');
  tx.emit({ type: 'isrExpanded', topic, partition, leader: p.leader, added: follower, isr });
  advanceHighWatermark(tx, topic, partition);
  maybeCompleteReassignment(tx, topic, partition);
}

/** Replica.isCaughtUp, with a fetch the leader holds counting as caught up now (it found nothing new). */
function caughtUp(tx: Tx, p: PartitionState, follower: BrokerId, lagMaxMs: number): boolean {
  const leader = p.leader!;
  const held = tx.state.brokers[leader]?.heldFetches[follower];
  if (held?.partitions.some((fp) => fp.topic === p.topic && fp.partition === p.partition)) return true;
  const view = p.followers[follower];
  if (!view) return false;
  if (view.logEndOffset === p.logs[leader]!.logEndOffset) return true;
  return tx.state.now - view.lastCaughtUpTimeMs <= lagMaxMs;
}

/** Removes replicas from an ISR, with the event, the metric and the HW that may follow. */
export function shrinkIsr(
  tx: Tx,
  topic: string,
  partition: number,
  removed: BrokerId[],
  reason: 'lagging' | 'broker fenced' | 'reassignment',
): void {
  const p = tx.partition(topic, partition);
  if (!p || removed.length === 0) return;
  const isr = p.isr.filter((b) => !removed.includes(b));
  updatePartitionTracked(tx, topic, partition, (q) => ({ ...q, isr }));
  // IsrShrinksPerSec is the leader's metric: the controller fencing a broker is not counted as a shrink.
  if (reason === 'lagging') tx.bumpMetric('isrShrinks');
  tx.emit({ type: 'isrShrunk', topic, partition, leader: p.leader, removed, isr, reason });
  advanceHighWatermark(tx, topic, partition);
  completeDelayedProduce(tx, topic, partition);
}

/**
 * The "isr-expiration" task (ReplicaManager.maybeShrinkIsr), every replica.lag.time.max.ms / 2: followers not
 * caught up for longer than replica.lag.time.max.ms leave the ISR. The same pass expires acks=all requests
 * older than their timeout (DelayedProduce.onExpiration, REQUEST_TIMED_OUT), a little late but within it.
 */
export function onIsrExpirationCheck(tx: Tx): void {
  const { replicaLagTimeMaxMs } = replicationConfig(tx.state);
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) {
      if (p.leader === null) continue;
      expireDelayedProduce(tx, p);
      if (!canAlterPartition(tx, p.leader)) continue;
      const lagging = p.isr.filter((b) => b !== p.leader && !caughtUp(tx, p, b, replicaLagTimeMaxMs));
      shrinkIsr(tx, p.topic, p.partition, lagging, 'lagging');
    }
  }
  tx.schedule('isrExpirationCheck', tx.state.now + Math.floor(replicaLagTimeMaxMs / 2), {});
}

function expireDelayedProduce(tx: Tx, p: PartitionState): void {
  const expired = p.pendingAcks.filter((a) => a.deadlineMs <= tx.state.now);
  if (expired.length === 0) return;
  tx.updatePartition(p.topic, p.partition, (q) => ({
    ...q,
    pendingAcks: q.pendingAcks.filter((a) => a.deadlineMs > tx.state.now),
  }));
  for (const a of expired) {
    tx.emit({
      type: 'produceRejected',
      broker: p.leader!,
      topic: p.topic,
      partition: p.partition,
      producer: a.producer,
      batchId: a.batchId,
      error: 'REQUEST_TIMED_OUT',
    });
    tx.bumpMetric('failedProduceRequests');
    tx.send('produceResponse', brokerNode(p.leader!), producerNode(a.producer), {
      producer: a.producer,
      batchId: a.batchId,
      attempt: a.attempt,
      topic: p.topic,
      partition: p.partition,
      error: 'REQUEST_TIMED_OUT',
    });
  }
}

/** Starts the isr-expiration task once some partition has followers (a one-replica scene never needs it). */
export function ensureIsrExpirationTask(tx: Tx): void {
  if (tx.state.timers.some((t) => t.kind === 'isrExpirationCheck')) return;
  const replicated = Object.values(tx.state.topics).some((t) =>
    t.partitions.some((p) => p.replicas.length > 1),
  );
  if (!replicated) return;
  const { replicaLagTimeMaxMs } = replicationConfig(tx.state);
  tx.schedule('isrExpirationCheck', tx.state.now + Math.floor(replicaLagTimeMaxMs / 2), {});
}

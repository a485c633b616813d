/**
 * Partition reassignment (kafka-reassign-partitions, KIP-455): the replica set grows to target + removing,
 * the new replicas fetch from the leader until they join the ISR, then leadership moves into the target if
 * it must, and the replicas not in the target are dropped with their logs.
 */

import { emptyLog } from '../broker/log';
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import type { BrokerId } from '../core/types';
import { changeLeader } from './election';
import { syncFetchers } from './fetcher';
import { ensureIsrExpirationTask } from './isr';
import { updatePartitionTracked } from './metrics';

function without<V>(o: Readonly<Record<BrokerId, V>>, drop: readonly BrokerId[]): Record<BrokerId, V> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(Number(k)))) as Record<
    BrokerId,
    V
  >;
}

export function reassignPartition(
  tx: Tx,
  cmd: { topic: string; partition: number; replicas: BrokerId[] },
): EngineError | undefined {
  const p = tx.partition(cmd.topic, cmd.partition);
  if (!p)
    return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `No partition ${cmd.topic}/${cmd.partition}.` };
  const target = cmd.replicas;
  if (
    target.length === 0 ||
    new Set(target).size !== target.length ||
    target.some((b) => !tx.state.brokers[b])
  )
    return { code: 'INVALID_REQUEST', message: 'A reassignment needs distinct, existing brokers.' };
  if (p.reassignment)
    return { code: 'INVALID_REQUEST', message: 'A reassignment of this partition is in progress.' };
  const adding = target.filter((b) => !p.replicas.includes(b));
  const removing = p.replicas.filter((b) => !target.includes(b));
  const replicas = [...target, ...removing];
  const logs = { ...p.logs };
  for (const b of adding) logs[b] = emptyLog;
  updatePartitionTracked(tx, cmd.topic, cmd.partition, (q) => ({
    ...q,
    replicas,
    logs,
    reassignment: { targetReplicas: target, addingReplicas: adding, removingReplicas: removing },
  }));
  tx.emit({
    type: 'reassignmentStarted',
    topic: cmd.topic,
    partition: cmd.partition,
    replicas: target,
    adding,
    removing,
  });
  ensureIsrExpirationTask(tx);
  maybeCompleteReassignment(tx, cmd.topic, cmd.partition);
  syncFetchers(tx);
  return undefined;
}

/** Completes a reassignment once every target replica is in the ISR (ReplicationControlManager). */
export function maybeCompleteReassignment(tx: Tx, topic: string, partition: number): void {
  const p = tx.partition(topic, partition);
  const r = p?.reassignment;
  if (!p || !r) return;
  if (!r.targetReplicas.every((b) => p.isr.includes(b))) return;
  if (p.leader === null || !r.targetReplicas.includes(p.leader)) {
    const next = r.targetReplicas.find((b) => p.isr.includes(b))!;
    changeLeader(tx, topic, partition, next, p.isr, 'reassignment');
  }
  const before = tx.partition(topic, partition)!;
  const isr = before.isr.filter((b) => r.targetReplicas.includes(b));
  updatePartitionTracked(tx, topic, partition, (q) => ({
    ...q,
    replicas: r.targetReplicas,
    isr,
    reassignment: null,
    logs: without(q.logs, r.removingReplicas),
    followers: without(q.followers, r.removingReplicas),
    leaderEpochCaches: without(q.leaderEpochCaches, r.removingReplicas),
    replicaHighWatermarks: without(q.replicaHighWatermarks, r.removingReplicas),
  }));
  if (isr.length !== before.isr.length) {
    const removed = before.isr.filter((b) => !isr.includes(b));
    tx.emit({
      type: 'isrShrunk',
      topic,
      partition,
      leader: before.leader,
      removed,
      isr,
      reason: 'reassignment',
    });
  }
  tx.emit({ type: 'reassignmentCompleted', topic, partition, replicas: [...r.targetReplicas] });
  syncFetchers(tx);
}

/**
 * The two gauges an operator watches first, kept as counters in ClusterMetrics and changed with every
 * partition update that moves them (updatePartitionTracked), so a view reads them without a scan. The
 * replication invariants recompute them from scratch and compare (incremental equals recomputed).
 */
import type { Tx } from '../core/tx';
import type { EngineState, PartitionState } from '../core/types';

/** The replication factor a partition should have: during a reassignment, the adding replicas don't count. */
export function targetReplicationFactor(p: PartitionState): number {
  return p.replicas.length - (p.reassignment?.addingReplicas.length ?? 0);
}

/** UnderReplicatedPartitions, as its leader reports it (Partition.isUnderReplicated). */
export function isUnderReplicated(p: PartitionState): boolean {
  return p.leader !== null && p.isr.length < targetReplicationFactor(p);
}

/** OfflinePartitionsCount: a partition without a leader. */
export function isOffline(p: PartitionState): boolean {
  return p.leader === null;
}

export function recomputeGauges(state: EngineState): {
  underReplicatedPartitions: number;
  offlinePartitionsCount: number;
} {
  let under = 0;
  let offline = 0;
  for (const t of Object.values(state.topics)) {
    for (const p of t.partitions) {
      if (isUnderReplicated(p)) under++;
      if (isOffline(p)) offline++;
    }
  }
  return { underReplicatedPartitions: under, offlinePartitionsCount: offline };
}

/** tx.updatePartition that also moves the gauges by the change it made. */
export function updatePartitionTracked(
  tx: Tx,
  topic: string,
  partition: number,
  fn: (p: PartitionState) => PartitionState,
): void {
  const before = tx.partition(topic, partition);
  if (!before) return;
  tx.updatePartition(topic, partition, fn);
  const after = tx.partition(topic, partition)!;
  const under = Number(isUnderReplicated(after)) - Number(isUnderReplicated(before));
  const offline = Number(isOffline(after)) - Number(isOffline(before));
  if (under !== 0) tx.bumpMetric('underReplicatedPartitions', under);
  if (offline !== 0) tx.bumpMetric('offlinePartitionsCount', offline);
}

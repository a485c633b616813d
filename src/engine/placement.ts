/**
 * Replica placement when a topic is created or grows, as Kafka's rack-unaware algorithm does it
 * (AdminUtils.assignReplicasToBrokersRackUnaware): the leader of partition p sits on broker
 * (p + startIndex) % n, and followers are shifted by 1 + (shift + j) % (n - 1), the shift growing by one
 * each time the partitions wrap round the brokers. startIndex and shift are random unless fixed.
 */
import type { BrokerId } from './types';

export function assignReplicasRackUnaware(
  brokers: readonly BrokerId[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  initialShift: number,
  startPartitionId = 0,
): BrokerId[][] {
  const n = brokers.length;
  const out: BrokerId[][] = [];
  let shift = initialShift;
  let current = Math.max(0, startPartitionId);
  for (let i = 0; i < partitions; i++) {
    if (current > 0 && current % n === 0) shift += 1;
    const first = (current + startIndex) % n;
    const replicas = [brokers[first]!];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const s = 1 + ((shift + j) % (n - 1));
      replicas.push(brokers[(first + s) % n]!);
    }
    out.push(replicas);
    current++;
  }
  return out;
}

/**
 * Replica placement when a topic is created or grows, as Kafka's rack-unaware algorithm does it
 * (AdminUtils.assignReplicasToBrokersRackUnaware): the leader of partition p sits on broker
 * (p + startIndex) % n, and followers are shifted by 1 + (shift + j) % (n - 1), the shift growing by one
 * each time the partitions wrap round the brokers. startIndex and shift are random unless fixed.
 */
import type { BrokerId } from '../core/types';

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

/**
 * AdminUtils.getRackAlternatedBrokerList: brokers taken one per rack in turn, racks in sorted order and
 * brokers by id within a rack: racks {r1: 0, 1, 2; r2: 3, 4, 5; r3: 6, 7, 8} give 0, 3, 6, 1, 4, 7, 2, 5, 8.
 */
export function rackAlternatedBrokerList(brokers: readonly { id: BrokerId; rack: string }[]): BrokerId[] {
  const byRack = new Map<string, BrokerId[]>();
  for (const b of brokers) byRack.set(b.rack, [...(byRack.get(b.rack) ?? []), b.id]);
  // Java's String sort (UTF-16 code units), as Arrays.sort on the rack names.
  const racks = [...byRack.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const r of racks) byRack.get(r)!.sort((a, b) => a - b);
  const out: BrokerId[] = [];
  const next = new Map(racks.map((r) => [r, 0]));
  for (let i = 0; out.length < brokers.length; i = (i + 1) % racks.length) {
    const rack = racks[i]!;
    const k = next.get(rack)!;
    const list = byRack.get(rack)!;
    if (k < list.length) {
      out.push(list[k]!);
      next.set(rack, k + 1);
    }
  }
  return out;
}

function replicaIndex(first: number, shift: number, j: number, n: number): number {
  return (first + 1 + ((shift + j) % (n - 1))) % n;
}

/**
 * AdminUtils.assignReplicasToBrokersRackAware: leaders round robin over the rack-alternated list; each further
 * replica walks on from there, skipping a broker whose rack already has a replica while some rack has none,
 * and a broker that already has one while some broker has none.
 */
export function assignReplicasRackAware(
  brokers: readonly { id: BrokerId; rack: string }[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  initialShift: number,
  startPartitionId = 0,
): BrokerId[][] {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack]));
  const numRacks = new Set(rackOf.values()).size;
  const arranged = rackAlternatedBrokerList(brokers);
  const n = arranged.length;
  const out: BrokerId[][] = [];
  let shift = initialShift;
  let current = Math.max(0, startPartitionId);
  for (let i = 0; i < partitions; i++, current++) {
    if (current > 0 && current % n === 0) shift += 1;
    const first = (current + startIndex) % n;
    const leader = arranged[first]!;
    const replicas = [leader];
    const racks = new Set([rackOf.get(leader)!]);
    const used = new Set([leader]);
    let k = 0;
    for (let j = 0; j < replicationFactor - 1; j++) {
      for (;;) {
        const broker = arranged[replicaIndex(first, shift * numRacks, k, n)]!;
        const rack = rackOf.get(broker)!;
        k++;
        if ((racks.has(rack) && racks.size < numRacks) || (used.has(broker) && used.size < n)) continue;
        replicas.push(broker);
        racks.add(rack);
        used.add(broker);
        break;
      }
    }
    out.push(replicas);
  }
  return out;
}

/** AdminUtils.assignReplicasToBrokers: rack-aware when every broker has a rack, rack-unaware otherwise. */
export function assignReplicas(
  brokers: readonly { id: BrokerId; rack: string | null }[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  initialShift: number,
  startPartitionId = 0,
): BrokerId[][] {
  const racked = brokers.filter((b): b is { id: BrokerId; rack: string } => b.rack !== null);
  if (racked.length === brokers.length && brokers.length > 0) {
    return assignReplicasRackAware(
      racked,
      partitions,
      replicationFactor,
      startIndex,
      initialShift,
      startPartitionId,
    );
  }
  const ids = brokers.map((b) => b.id);
  return assignReplicasRackUnaware(
    ids,
    partitions,
    replicationFactor,
    startIndex,
    initialShift,
    startPartitionId,
  );
}

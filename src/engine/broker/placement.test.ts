/**
 * Replica placement against the worked examples in Kafka's own code and tests:
 * - rack-unaware: AdminUtils' javadoc table and AdminTest.testReplicaAssignment / AdminZkClientTest
 *   .testTopicCreationInZK (5 brokers, 10 partitions, RF 3, fixed start index 0, which also fixes the shift
 *   at 0), apache/kafka core/src/test/scala/unit/kafka/admin/AdminTest.scala;
 * - rack-aware: AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers and the
 *   javadoc of AdminUtils.assignReplicasToBrokers (server-common/src/main/java/org/apache/kafka/admin/
 *   AdminUtils.java).
 */
import { describe, expect, it } from 'vitest';
import { assignReplicas, assignReplicasRackUnaware, rackAlternatedBrokerList } from './placement';

describe('rack-unaware placement (AdminUtils.assignReplicasToBrokersRackUnaware)', () => {
  it('matches AdminTest: 5 brokers, 10 partitions, RF 3, start index 0, shift 0', () => {
    expect(assignReplicasRackUnaware([0, 1, 2, 3, 4], 10, 3, 0, 0)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1],
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2],
    ]);
  });

  it('puts the leader of partition p on broker (p + startIndex) % n and spreads followers by the shift', () => {
    const a = assignReplicasRackUnaware([0, 1, 2, 3, 4], 10, 3, 2, 1);
    expect(a.map((r) => r[0])).toEqual([2, 3, 4, 0, 1, 2, 3, 4, 0, 1]);
    for (const r of a) expect(new Set(r).size).toBe(3);
  });

  it('continues the layout from startPartitionId, given the shift the first wrap reached', () => {
    const all = assignReplicasRackUnaware([0, 1, 2, 3, 4], 10, 3, 0, 0);
    expect(assignReplicasRackUnaware([0, 1, 2, 3, 4], 4, 3, 0, 1, 6)).toEqual(all.slice(6, 10));
  });
});

describe('rack-aware placement (AdminUtils.assignReplicasToBrokersRackAware)', () => {
  const racks = { 0: 'rack1', 1: 'rack3', 2: 'rack3', 3: 'rack2', 4: 'rack2', 5: 'rack1' } as const;
  const brokers = Object.entries(racks).map(([id, rack]) => ({ id: Number(id), rack }));

  it('alternates racks: 0, 3, 1, 5, 4, 2 (and 0, 3, 1, 4, 2 without broker 5)', () => {
    expect(rackAlternatedBrokerList(brokers)).toEqual([0, 3, 1, 5, 4, 2]);
    expect(rackAlternatedBrokerList(brokers.filter((b) => b.id !== 5))).toEqual([0, 3, 1, 4, 2]);
  });

  it('matches AdminRackAwareTest: 7 partitions, RF 3, start 0, shift 0', () => {
    expect(assignReplicas(brokers, 7, 3, 0, 0)).toEqual([
      [0, 3, 1],
      [3, 1, 5],
      [1, 5, 4],
      [5, 4, 2],
      [4, 2, 0],
      [2, 0, 3],
      [0, 4, 2],
    ]);
  });

  it('puts every replica of a partition on a different rack when RF equals the number of racks', () => {
    for (const start of [0, 1, 2, 3, 4, 5]) {
      for (const replicas of assignReplicas(brokers, 12, 3, start, start)) {
        expect(new Set(replicas.map((b) => racks[b as keyof typeof racks])).size).toBe(3);
      }
    }
  });

  it('falls back to rack-unaware placement when a broker has no rack', () => {
    const mixed = [...brokers.slice(0, 5), { id: 5, rack: null }];
    expect(assignReplicas(mixed, 4, 2, 0, 0)).toEqual(
      assignReplicasRackUnaware([0, 1, 2, 3, 4, 5], 4, 2, 0, 0),
    );
  });
});

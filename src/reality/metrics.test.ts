import { describe, expect, it } from 'vitest';
import { realMetrics } from './metrics';
import { brokerFencedSnapshot, healthySnapshot } from './testing/snapshots';

const value = (m: ReturnType<typeof realMetrics>, id: string) => m.rows.find((r) => r.id === id)?.value;

describe('the metrics panel read from a real cluster', () => {
  it('reports a healthy three-broker cluster as Kafka would: nothing under-replicated, one leader each', () => {
    const m = realMetrics(healthySnapshot());
    expect(value(m, 'UnderReplicatedPartitions')).toBe(0);
    expect(value(m, 'OfflinePartitionsCount')).toBe(0);
    expect(value(m, 'UnderMinIsrPartitionCount')).toBe(0);
    expect([0, 1, 2].map((b) => value(m, `LeaderCount/${b}`))).toEqual([1, 1, 1]);
    expect([0, 1, 2].map((b) => value(m, `PartitionCount/${b}`))).toEqual([3, 3, 3]);
  });

  it('counts every partition that had a replica on a killed broker as under-replicated', () => {
    const m = realMetrics(brokerFencedSnapshot());
    expect(value(m, 'UnderReplicatedPartitions')).toBe(3);
    // ISR of 2 is still min.insync.replicas=2: writes go on.
    expect(value(m, 'UnderMinIsrPartitionCount')).toBe(0);
    expect(value(m, 'LeaderCount/0')).toBe(2);
    // A fenced broker has no JMX to read: no value, not zero.
    expect(value(m, 'LeaderCount/2')).toBeNull();
  });

  it('counts partitions below min.insync.replicas and with no leader', () => {
    const s = brokerFencedSnapshot();
    const [p0, p1] = s.topics[0]!.partitions;
    p0!.isr = [0];
    p1!.leader = null;
    p1!.isr = [];
    const m = realMetrics(s);
    expect(value(m, 'UnderMinIsrPartitionCount')).toBe(1);
    expect(value(m, 'OfflinePartitionsCount')).toBe(1);
  });

  it('takes records-lag-max from the committed offsets, ignoring partitions with none', () => {
    const m = realMetrics(healthySnapshot());
    expect(value(m, 'records-lag-max/billing')).toBe(2);
    expect(value(m, 'state/billing')).toBe('Stable');
  });

  it('names the rates and the controller count as unavailable instead of inventing them', () => {
    const m = realMetrics(healthySnapshot());
    const names = m.unavailable.map((u) => u.name);
    expect(names).toEqual(
      expect.arrayContaining(['ActiveControllerCount', 'IsrShrinksPerSec', 'MessagesInPerSec']),
    );
    expect(m.rows.some((r) => r.section === 'rate' || r.name === 'ActiveControllerCount')).toBe(false);
  });

  it('says UnderMinIsrPartitionCount is unavailable when a topic lacks min.insync.replicas', () => {
    const s = healthySnapshot();
    s.topics[0]!.configs = {};
    const m = realMetrics(s);
    expect(value(m, 'UnderMinIsrPartitionCount')).toBeUndefined();
    expect(m.unavailable.map((u) => u.name)).toContain('UnderMinIsrPartitionCount');
  });
});

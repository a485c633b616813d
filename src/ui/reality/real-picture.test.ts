import { describe, expect, it } from 'vitest';
import { brokerFencedSnapshot, healthySnapshot } from '../../reality/testing/snapshots';
import { realPicture } from './real-picture';

describe("a real topic as the brokers' picture", () => {
  it('puts every record below the high watermark on every in-sync replica', () => {
    const s = healthySnapshot();
    const pic = realPicture(s.topics[0]!, s.brokers);
    const p1 = pic.partitions[1]!;
    expect(p1.replicas.map((r) => r.records.length)).toEqual([3, 3, 3]);
    expect(p1.replicas.map((r) => r.logEndOffset)).toEqual([3, 3, 3]);
  });

  it('shows a fenced broker down, out of the ISR, with no records or log end offset the cluster did not give', () => {
    const s = brokerFencedSnapshot();
    const pic = realPicture(s.topics[0]!, s.brokers);
    expect(pic.alive).toEqual({ 0: true, 1: true, 2: false });
    const onFenced = pic.partitions[2]!.replicas.find((r) => r.broker === 2)!;
    expect(onFenced.records).toEqual([]);
    expect(onFenced.logEndOffset).toBeNull();
    expect(pic.partitions[2]!.leader).toBe(0);
    expect(pic.partitions[2]!.leaderEpoch).toBe(1);
  });
});

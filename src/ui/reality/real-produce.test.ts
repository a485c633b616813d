import { describe, expect, it } from 'vitest';
import { healthySnapshot } from '../../reality/testing/snapshots';
import { predictPartition } from './real-produce';

describe("the simulator's prediction for a record produced on the real cluster", () => {
  it("uses the Java client's murmur2 over the topic's partitions (known answers)", () => {
    // murmur2(alice) = 1951417749, murmur2(user-1) = 1404122828 (the engine's partitioner tests pin them).
    const s = healthySnapshot();
    expect(predictPartition(s, 'orders', 'alice')).toBe(1951417749 % 3);
    expect(predictPartition(s, 'orders', 'user-1')).toBe(1404122828 % 3);
  });

  it('has none for a keyless record or a topic the cluster does not have', () => {
    expect(predictPartition(healthySnapshot(), 'orders', null)).toBeNull();
    expect(predictPartition(healthySnapshot(), 'nope', 'alice')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { RealPartition } from '../../reality/protocol';
import { healthySnapshot } from '../../reality/testing/snapshots';
import { MAX_SLOTS, realLanes } from './real-lanes';

const orders = () => healthySnapshot().topics[0]!.partitions;

function busy(partition: number, highWatermark: number): RealPartition {
  const newest = Array.from({ length: 40 }, (_, i) => ({
    partition,
    offset: highWatermark - 40 + i,
    key: null,
    value: `v${i}`,
    timestamp: 0,
  }));
  return { ...orders()[0]!, partition, highWatermark, newest };
}

describe("a real topic's lanes", () => {
  it('share one window of offsets when the newest records fit it: an offset sits at one x on every lane', () => {
    const lanes = realLanes(orders());
    expect(lanes.aligned).toBe(true);
    expect(lanes.window.first).toBe(0);
    expect(lanes.lanes.get(1)?.records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect([...lanes.lanes.values()].every((l) => l.shift === 0)).toBe(true);
  });

  it('show each lane its own newest records ending at its high watermark when one partition is far ahead', () => {
    const lanes = realLanes([busy(0, 5000), busy(1, 120)]);
    expect(lanes.aligned).toBe(false);
    const p0 = lanes.lanes.get(0)!;
    expect(p0.records).toHaveLength(MAX_SLOTS - 1);
    expect(p0.records.at(-1)?.offset).toBe(4999);
    // The newest record sits in the slot before the last, the high watermark's slot.
    expect(p0.records.at(-1)!.offset + p0.shift).toBe(MAX_SLOTS - 2);
    expect(lanes.lanes.get(1)!.records.at(-1)!.offset + lanes.lanes.get(1)!.shift).toBe(MAX_SLOTS - 2);
  });
});

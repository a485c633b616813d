import { describe, expect, it } from 'vitest';
import { sceneIndexById } from '../../../scenarios/registry';
import { stateAtStep } from '../../store/frames';
import { LANE_RIGHT, lanesLayout, RIGHT_LEFT, rightLayout } from './consumers-layout';

const topicOf = (scene: string, step: number) => stateAtStep(sceneIndexById(scene), step).topics.orders!;

describe('the consumers view’s layout', () => {
  it('puts the first group’s band above the records and the second’s below, neither over them', () => {
    const lanes = lanesLayout(topicOf('consume-groups', 2), 2);
    const first = lanes.band(0);
    const second = lanes.band(1);
    expect(first.top + first.h).toBeLessThanOrEqual(lanes.recordTop);
    expect(second.top).toBeGreaterThanOrEqual(lanes.recordTop + lanes.recordHeight);
    expect(second.top + second.h).toBeLessThanOrEqual(lanes.laneHeight);
  });

  it('splits a side into rows when live groups share it, each row inside the lane', () => {
    const lanes = lanesLayout(topicOf('consume-groups', 2), 4);
    const rows = [0, 1, 2, 3].map((g) => lanes.band(g));
    expect(rows[2]!.top).toBeGreaterThanOrEqual(rows[0]!.top + rows[0]!.h);
    expect(rows[3]!.top).toBeGreaterThanOrEqual(rows[1]!.top + rows[1]!.h);
    for (const r of rows) expect(r.top + r.h).toBeLessThanOrEqual(lanes.laneHeight);
    expect(lanes.recordHeight).toBeGreaterThan(20);
  });

  it('leaves a gap of more than 50 between lanes and boxes for the links’ channels', () => {
    expect(RIGHT_LEFT - LANE_RIGHT).toBeGreaterThan(50);
  });

  it('gives each consumer a box of its own, none overlapping, the broker strip above them all', () => {
    const { boxes, brokers } = rightLayout(
      ['g1', 'g2'],
      (g) => [`${g}-a`, `${g}-b`, `${g}-c`],
      'brokers',
      380,
    );
    const all = [...boxes.values()].sort((a, b) => a.y - b.y);
    expect(all).toHaveLength(6);
    for (let i = 1; i < all.length; i++)
      expect(all[i]!.y).toBeGreaterThanOrEqual(all[i - 1]!.y + all[i - 1]!.h);
    expect(all.at(-1)!.y + all.at(-1)!.h).toBeLessThanOrEqual(380);
    expect(brokers!.y + brokers!.h).toBeLessThanOrEqual(all[0]!.y);
  });
});

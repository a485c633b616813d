import { describe, expect, it } from 'vitest';
import { crossings, type LinkWanted, routeLinks } from './link-routing';

const LEFT = 620;
const RIGHT = 708;
const laneY = (p: number) => 60 + p * 110;

describe('routing partition -> consumer links', () => {
  it('draws every link as horizontal and vertical runs from the lane edge to the box edge', () => {
    const links: LinkWanted[] = [
      { consumer: 'a', group: 0, partition: 0, fromY: laneY(0), toY: 100 },
      { consumer: 'b', group: 0, partition: 3, fromY: laneY(3), toY: 180 },
    ];
    for (const l of routeLinks(links, ['a', 'b'], LEFT, RIGHT)) {
      expect(l.points[0]).toEqual([LEFT, l.fromY]);
      expect(l.points.at(-1)).toEqual([RIGHT, l.toY]);
      for (let i = 1; i < l.points.length; i++) {
        const [x1, y1] = l.points[i - 1]!;
        const [x2, y2] = l.points[i]!;
        expect(x1 === x2 || y1 === y2).toBe(true);
      }
    }
  });

  it('orders the channels so that one group’s links stay apart where the boxes’ order would cross them', () => {
    // Both boxes sit below both lanes: with a's channel left of b's, a's entry would cut b's channel.
    const links: LinkWanted[] = [
      { consumer: 'a', group: 0, partition: 0, fromY: laneY(0), toY: 300 },
      { consumer: 'b', group: 0, partition: 1, fromY: laneY(1), toY: 350 },
    ];
    const routed = routeLinks(links, ['a', 'b'], LEFT, RIGHT);
    expect(crossings(routed).sameGroup).toBe(0);
    const channel = (c: string) => routed.find((l) => l.consumer === c)!.points[1]![0];
    expect(channel('b')).toBeLessThan(channel('a'));
  });

  it('never lets links of one group touch when two groups each read every partition', () => {
    // billing-1 P0 P1, billing-2 P2 P3 (group 0, upper band); audit-1 all four (group 1, lower band).
    const links: LinkWanted[] = [
      ...[0, 1].map((p) => ({ consumer: 'billing-1', group: 0, partition: p, fromY: laneY(p) + 8, toY: 90 })),
      ...[2, 3].map((p) => ({
        consumer: 'billing-2',
        group: 0,
        partition: p,
        fromY: laneY(p) + 8,
        toY: 170,
      })),
      ...[0, 1, 2, 3].map((p) => ({
        consumer: 'audit-1',
        group: 1,
        partition: p,
        fromY: laneY(p) + 80,
        toY: 290,
      })),
    ];
    const routed = routeLinks(links, ['billing-1', 'billing-2', 'audit-1'], LEFT, RIGHT);
    const { sameGroup, otherGroups } = crossings(routed);
    expect(sameGroup).toBe(0);
    // Two groups reading every partition must meet somewhere; the router keeps that to right angles.
    expect(otherGroups).toBeGreaterThan(0);
    const channels = new Set(routed.map((l) => l.points[1]![0]));
    expect(channels.size).toBe(3);
  });

  it('counts links running along each other as touching', () => {
    const along = (consumer: string, x: number) => ({
      consumer,
      group: 0,
      partition: 0,
      fromY: 50,
      toY: 50,
      points: [
        [LEFT, 50],
        [x, 50],
        [x, 50],
        [RIGHT, 50],
      ] as const,
    });
    expect(crossings([along('a', 650), along('b', 660)]).sameGroup).toBe(1);
  });
});

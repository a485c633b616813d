import { describe, expect, it } from 'vitest';
import {
  along,
  type Box,
  BROKER_Y,
  brokerBoxes,
  CALLOUT,
  DESK,
  findPath,
  HEIGHT,
  memberBoxes,
  memberLink,
  overlaps,
  ringArc,
  tileRow,
  WIDTH,
} from './coordinator-layout';

const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= WIDTH && b.y + b.h <= HEIGHT;
const consumers = (n: number) =>
  Array.from({ length: n }, (_, i) => `consumer-${String.fromCharCode(97 + i)}`);

describe('coordinator layout', () => {
  it('keeps brokers, desk, callout and up to five members inside the stage without overlapping', () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const boxes = [
        ...brokerBoxes([0, 1, 2]).values(),
        DESK,
        CALLOUT,
        ...memberBoxes(consumers(n)).values(),
      ];
      for (const b of boxes) expect(inside(b)).toBe(true);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it('centres the members and the brokers on the desk, so the coordinator in the middle sits above it', () => {
    const centre = (b: Box) => b.x + b.w / 2;
    const members = [...memberBoxes(consumers(3)).values()];
    expect(centre(members[1]!)).toBeCloseTo(WIDTH / 2);
    expect(centre(brokerBoxes([0, 1, 2]).get(1)!)).toBeCloseTo(centre(DESK));
    expect(brokerBoxes([0, 1, 2]).get(1)!.y).toBe(BROKER_Y);
  });

  it('fits the 17 offsets partitions a broker of three leads inside its box', () => {
    const box = brokerBoxes([0, 1, 2]).get(0)!;
    const tiles = tileRow(box, 17);
    expect(tiles.x(0)).toBeGreaterThan(box.x);
    expect(tiles.x(16) + tiles.w).toBeLessThan(box.x + box.w);
    expect(tiles.w).toBeGreaterThan(8);
  });

  it('gives every member its own meeting point on the desk, so links do not cross', () => {
    const boxes = memberBoxes(consumers(3));
    const ends = consumers(3).map((c, i) => memberLink(boxes.get(c)!, i, 3).up[1].x);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
    for (const x of ends) expect(x).toBeGreaterThan(DESK.x);
    for (const x of ends) expect(x).toBeLessThan(DESK.x + DESK.w);
  });

  it('runs FindCoordinator to a broker left of the desk beside it, never across it', () => {
    const members = memberBoxes(consumers(3));
    const broker0 = brokerBoxes([0, 1, 2]).get(0)!;
    for (const c of consumers(3)) {
      const path = findPath(members.get(c)!, broker0);
      const up = path.at(-1)!;
      // The pill is up to 180 wide: its centre stays 90 clear of the desk where it passes it.
      expect(up.x + 90).toBeLessThanOrEqual(DESK.x);
      expect(up.y).toBe(broker0.y + broker0.h);
    }
  });

  it('walks a path of segments by length', () => {
    const path = [
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 30, y: 10 },
    ];
    expect(along(path, 0)).toEqual({ x: 0, y: 0 });
    expect(along(path, 0.25)).toEqual({ x: 0, y: 10 });
    expect(along(path, 1)).toEqual({ x: 30, y: 10 });
  });

  it('draws a ring as the share left: nothing when empty, a quarter ends at three o’clock', () => {
    expect(ringArc(50, 50, 10, 0)).toBe('');
    const quarter = ringArc(50, 50, 10, 0.25).split(' ');
    expect(Number(quarter.at(-2))).toBeCloseTo(60);
    expect(Number(quarter.at(-1))).toBeCloseTo(50);
    expect(ringArc(50, 50, 10, 1)).toContain('A 10 10 0 1 1');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beeswarm } from './beeswarm';

const GAP = 13;

describe('beeswarm', () => {
  it('leaves dots that are far apart where they are, on the first level', () => {
    expect(beeswarm([10, 40, 70], GAP, 2)).toEqual([
      { x: 10, level: 0 },
      { x: 40, level: 0 },
      { x: 70, level: 0 },
    ]);
  });

  it('stacks three attempts at the same instant instead of drawing one dot', () => {
    const placed = beeswarm([100, 100, 100], GAP, 2);
    expect(placed.map((p) => p.level)).toEqual([0, 1, 0]);
    expect(placed[2]!.x).toBe(100 + GAP);
  });

  it('never lets two dots on one level come closer than the gap, and never moves a dot left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (xs, levels) => {
          const placed = beeswarm(xs, GAP, levels);
          placed.forEach((p, i) => {
            expect(p.x).toBeGreaterThanOrEqual(xs[i]!);
            expect(p.level).toBeLessThan(levels);
          });
          for (let i = 0; i < placed.length; i++)
            for (let j = i + 1; j < placed.length; j++)
              if (placed[i]!.level === placed[j]!.level)
                expect(Math.abs(placed[i]!.x - placed[j]!.x)).toBeGreaterThanOrEqual(GAP);
        },
      ),
    );
  });
});

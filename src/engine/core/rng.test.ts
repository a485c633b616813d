import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFloat, nextInt, nextIntBetween, nextJavaInt, nextU32, type Rng, seedRng } from './rng';

function draws(rng: Rng, count: number): number[] {
  const out: number[] = [];
  let r = rng;
  for (let i = 0; i < count; i++) {
    const [u, next] = nextU32(r);
    out.push(u);
    r = next;
  }
  return out;
}

describe('seeded rng (sfc32 seeded through splitmix32)', () => {
  it('gives the pinned first outputs for seed 42', () => {
    // Pinned when written: any change to seeding or to sfc32 changes every saved run and golden trace, so this
    // test fails first. Update it only on purpose.
    expect(draws(seedRng(42), 8)).toEqual([
      1028872839, 2516511472, 400437680, 853279530, 1920286840, 3588795744, 3644712829, 3990689672,
    ]);
    expect(draws(seedRng(0), 4)).toEqual([4205396811, 3543653536, 1222415357, 3047368389]);
  });

  it('replays the same draws from the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draws(seedRng(seed), 16)).toEqual(draws(seedRng(seed), 16));
      }),
    );
  });

  it('is pure: drawing does not change the rng it was given', () => {
    const rng = seedRng(7);
    const copy = [...rng];
    nextU32(rng);
    nextInt(rng, 10);
    expect([...rng]).toEqual(copy);
  });

  it('separates nearby seeds', () => {
    expect(draws(seedRng(1), 4)).not.toEqual(draws(seedRng(2), 4));
  });

  it('draws unsigned 32-bit integers', () => {
    for (const u of draws(seedRng(3), 1000))
      expect(Number.isInteger(u) && u >= 0 && u <= 0xffffffff).toBe(true);
  });
});

describe('nextInt and friends', () => {
  it('stays in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        let r = seedRng(seed);
        for (let i = 0; i < 20; i++) {
          const [v, next] = nextInt(r, n);
          expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
          r = next;
        }
      }),
    );
  });

  it('returns 0 without drawing when n <= 1', () => {
    const rng = seedRng(5);
    expect(nextInt(rng, 1)).toEqual([0, rng]);
  });

  it('is roughly uniform: 60,000 draws over 6 buckets pass a chi-square test', () => {
    const n = 6;
    const count = 60_000;
    const buckets = new Array<number>(n).fill(0);
    let r = seedRng(2024);
    for (let i = 0; i < count; i++) {
      const [v, next] = nextInt(r, n);
      buckets[v] = (buckets[v] ?? 0) + 1;
      r = next;
    }
    const expected = count / n;
    const chi2 = buckets.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    // 5 degrees of freedom: 20.5 is the 0.999 quantile; the seed is fixed, so this never flakes.
    expect(chi2).toBeLessThan(20.5);
  });

  it('nextIntBetween covers both ends of [min, max]', () => {
    const seen = new Set<number>();
    let r = seedRng(9);
    for (let i = 0; i < 500; i++) {
      const [v, next] = nextIntBetween(r, -2, 2);
      seen.add(v);
      r = next;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('nextFloat stays in [0, 1) and nextJavaInt is a signed 32-bit int', () => {
    let r = seedRng(11);
    for (let i = 0; i < 1000; i++) {
      const [f, r1] = nextFloat(r);
      const [j, r2] = nextJavaInt(r1);
      expect(f >= 0 && f < 1).toBe(true);
      expect(j | 0).toBe(j);
      r = r2;
    }
  });
});

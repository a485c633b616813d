/**
 * Stacks dots that would cover each other (attempts seconds apart on a minutes-wide axis), as a beeswarm:
 * each dot, in time order, takes the first level where no dot already placed is within `gap` of it; when
 * every level is taken there, it moves right until one is free, so no two dots ever overlap. Pure geometry.
 */
export interface Placed {
  readonly x: number;
  /** Index into the levels given. */
  readonly level: number;
}

export function beeswarm(xs: readonly number[], gap: number, levels: number): Placed[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  /** The rightmost x taken on each level so far: dots come in x order, so that is all a level needs. */
  const last: number[] = Array.from({ length: Math.max(1, levels) }, () => Number.NEGATIVE_INFINITY);
  const out: Placed[] = new Array(xs.length);
  for (const { x, i } of order) {
    let level = last.findIndex((l) => x - l >= gap);
    let at = x;
    if (level < 0) {
      // Every level is taken here: the level that frees up first, as close to x as it can be.
      level = last.indexOf(Math.min(...last));
      at = last[level]! + gap;
    }
    last[level] = at;
    out[i] = { x: at, level };
  }
  return out;
}

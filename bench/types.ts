/**
 * One figure the bench prints. Every figure that has a target or a baseline carries it, so a reader sees
 * the comparison made in the same run on the same machine.
 */
export interface BenchRow {
  /** What was measured, e.g. "string keys partitioned (murmur2)". */
  name: string;
  value: number;
  /** Unit last, as in the rest of the code: "ops/s", "ms", "KB". */
  unit: string;
  /** The figure it is compared with, measured in the same run (e.g. kafkajs's partitioner). */
  baseline?: { name: string; value: number; unit: string };
  /** A target from an issue, e.g. { op: '>=', value: 30, of: 'ratio' } or { op: '<=', value: 16, of: 'value' }. */
  target?: { op: '>=' | '<='; value: number; of: 'value' | 'ratio'; text: string };
}

/** A bench module (bench/*.bench.ts) default-exports one of these. */
export type BenchSuite = () => Promise<BenchRow[]> | BenchRow[];

/** Runs fn repeatedly for about `ms` wall milliseconds after a warm-up; returns operations per second. */
export function opsPerSecond(fn: () => number, ms = 400): number {
  const warmUntil = performance.now() + ms / 4;
  let sink = 0;
  while (performance.now() < warmUntil) sink ^= fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    sink ^= fn();
    ops++;
    now = performance.now();
  }
  if (sink === 0x7fffffff) console.log('');
  return (ops * 1000) / (now - start);
}

/**
 * Short trials of each function in turn, keeping each one's best. Measured one after the other, figures
 * moved by 2-3x with the order alone (V8 specialises the timing loop for the first function it runs, and
 * this machine is shared), so every function gets the same conditions, round after round.
 */
export function bestOfInterleaved<K extends string>(
  fns: Record<K, () => number>,
  rounds: number,
  trialMs: number,
): Record<K, number> {
  const names = Object.keys(fns) as K[];
  const best = {} as Record<K, number>;
  for (const name of names) best[name] = 0;
  for (let r = 0; r < rounds; r++) {
    for (const name of names) best[name] = Math.max(best[name], opsPerSecond(fns[name], trialMs));
  }
  return best;
}

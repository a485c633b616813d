/**
 * The engine's only source of randomness: sfc32, seeded through splitmix32.
 * Randomness is state (as in boardgame.io): a draw returns the value and the next rng, so `step` stays pure
 * and a run replays byte for byte from its seed.
 */
export type Rng = readonly [number, number, number, number];

function splitmix32(x: number): [number, number] {
  const next = (x + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [(z ^ (z >>> 16)) >>> 0, next];
}

export function seedRng(seed: number): Rng {
  let s = seed | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [w, n] = splitmix32(s);
    words.push(w);
    s = n;
  }
  let rng: Rng = [words[0]!, words[1]!, words[2]!, words[3]!];
  // Discard the first outputs, as sfc32's authors advise, so that nearby seeds diverge.
  for (let i = 0; i < 12; i++) rng = nextU32(rng)[1];
  return rng;
}

/** One sfc32 step: a uniform unsigned 32-bit integer and the next state. */
export function nextU32(rng: Rng): [number, Rng] {
  let [a, b, c, d] = rng;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  return [t >>> 0, [a, b, c, d]];
}

/** A uniform integer in [0, n), without modulo bias. */
export function nextInt(rng: Rng, n: number): [number, Rng] {
  if (n <= 1) return [0, rng];
  const limit = 0x100000000 - (0x100000000 % n);
  let r = rng;
  for (;;) {
    const [u, next] = nextU32(r);
    r = next;
    if (u < limit) return [u % n, r];
  }
}

/** A uniform integer in [min, max], both inclusive. */
export function nextIntBetween(rng: Rng, min: number, max: number): [number, Rng] {
  const [i, next] = nextInt(rng, max - min + 1);
  return [min + i, next];
}

/** A uniform float in [0, 1). */
export function nextFloat(rng: Rng): [number, Rng] {
  const [u, next] = nextU32(rng);
  return [u / 0x100000000, next];
}

/** A Java-style random int (signed 32-bit), as ThreadLocalRandom.nextInt() would give. */
export function nextJavaInt(rng: Rng): [number, Rng] {
  const [u, next] = nextU32(rng);
  return [u | 0, next];
}

/**
 * Realistic input for the fraud scene: card authorization attempts where a few cards are hammered in bursts
 * (card testing: many small attempts within a minute or two) among normal traffic. Seeded and pure: the same
 * options give the same records, drawn from the engine's own PRNG (rng.ts).
 */
import { nextFloat, nextInt, nextIntBetween, type Rng, seedRng } from '../core/rng';

export interface AuthorizationAttempt {
  ts: number;
  /** The card number, as a producer keying by card would send it. */
  key: string;
  value: { card_number: string; amount: number; merchant: string };
}

export interface AuthorizationOptions {
  seed: number;
  /** Total number of records, bursts included. */
  count: number;
  startMs: number;
  /** How many cards are hammered (default 3). */
  fraudCards?: number;
  /** Bursts per hammered card (default 2). */
  burstsPerCard?: number;
  /** Attempts per burst, inclusive range (default 4 to 8). */
  burstSize?: [number, number];
  /** A burst's attempts fall within this span (default 90 s). */
  burstSpanMs?: number;
  /** Mean gap between two normal attempts (default 2 s). */
  meanGapMs?: number;
  /** Distinct cards in normal traffic (default 500). */
  normalCards?: number;
  /** Share of records sent late, up to lateByMs behind their neighbours (default 0: in order). */
  lateShare?: number;
  lateByMs?: number;
}

const MERCHANTS = [
  'Corner Cafe',
  'City Books',
  'FuelNow',
  'MegaMart',
  'Streamly',
  'Air Ticketing',
  'Pizza Loft',
  'PharmaPlus',
];
const PREFIXES = ['4111', '4532', '5500', '5105', '3782', '6011'];

class Draw {
  constructor(private rng: Rng) {}
  int(n: number): number {
    const [v, next] = nextInt(this.rng, n);
    this.rng = next;
    return v;
  }
  between(min: number, max: number): number {
    const [v, next] = nextIntBetween(this.rng, min, max);
    this.rng = next;
    return v;
  }
  float(): number {
    const [v, next] = nextFloat(this.rng);
    this.rng = next;
    return v;
  }
}

function cardNumber(d: Draw): string {
  const groups = [PREFIXES[d.int(PREFIXES.length)]!];
  for (let i = 0; i < 3; i++) groups.push(String(d.int(10_000)).padStart(4, '0'));
  return groups.join('-');
}

function cents(d: Draw, min: number, max: number): number {
  return d.between(min * 100, max * 100) / 100;
}

/** Bursts first, spread over the run; then normal traffic fills the rest of `count`. */
export function generateAuthorizationAttempts(options: AuthorizationOptions): {
  records: AuthorizationAttempt[];
  fraudCards: string[];
} {
  const d = new Draw(seedRng(options.seed));
  const count = Math.max(0, Math.floor(options.count));
  const meanGapMs = options.meanGapMs ?? 2000;
  const durationMs = Math.max(1, count * meanGapMs);
  const [minBurst, maxBurst] = options.burstSize ?? [4, 8];
  const spanMs = options.burstSpanMs ?? 90_000;
  const normalPool = Array.from({ length: options.normalCards ?? 500 }, () => cardNumber(d));
  const fraudCards = Array.from({ length: options.fraudCards ?? 3 }, () => cardNumber(d));
  const records: AuthorizationAttempt[] = [];
  const attempt = (ts: number, card: string, amount: number, merchant: string): AuthorizationAttempt => ({
    ts,
    key: card,
    value: { card_number: card, amount, merchant },
  });
  for (const card of fraudCards) {
    for (let b = 0; b < (options.burstsPerCard ?? 2) && records.length < count; b++) {
      const burstStart = options.startMs + d.int(Math.max(1, durationMs - spanMs));
      const merchant = MERCHANTS[d.int(MERCHANTS.length)]!;
      const size = d.between(minBurst, maxBurst);
      for (let i = 0; i < size && records.length < count; i++)
        records.push(attempt(burstStart + d.int(spanMs), card, cents(d, 1, 20), merchant));
    }
  }
  let ts = options.startMs;
  while (records.length < count) {
    // Exponential gaps: a Poisson stream of normal attempts.
    ts += Math.round(-Math.log(1 - d.float()) * meanGapMs);
    const card = normalPool[d.int(normalPool.length)] ?? cardNumber(d);
    records.push(attempt(ts, card, cents(d, 3, 250), MERCHANTS[d.int(MERCHANTS.length)]!));
  }
  records.sort((a, b) => a.ts - b.ts);
  const lateShare = options.lateShare ?? 0;
  const lateByMs = options.lateByMs ?? 60_000;
  if (lateShare > 0)
    for (const r of records) if (d.float() < lateShare) r.ts = Math.max(0, r.ts - d.between(1, lateByMs));
  return { records, fraudCards };
}

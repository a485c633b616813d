/**
 * Shared by the stream-processing scenes: the card-authorization input, the talk's fraud query, and the
 * commands that produce attempts at their own model times. The clock starts at 12:00 UTC on the simulator's
 * day 0, a 5-minute boundary, so epoch-aligned windows read [12:00, 12:05), [12:05, 12:10), ...
 */
import type { Command, EngineState } from '../engine';
import {
  type AuthorizationAttempt,
  generateAuthorizationAttempts,
  keptRecords,
  sinkKeyText,
} from '../engine';

export const MINUTE_MS = 60_000;
/** 12:00 UTC on day 0 of the logical clock. */
export const CLOCK_START_MS = 12 * 60 * MINUTE_MS;
export const at = (hh: number, mm: number, ss = 0): number => ((hh * 60 + mm) * 60 + ss) * 1000;

export const SOURCE_TOPIC = 'authorization_attempts';
export const OUTPUT_TOPIC = 'POSSIBLE_FRAUD';
export const FRAUD_QUERY_ID = 'possible_fraud';
export const TERMINALS = 'card-terminals';
export { QUERY_SETTLE_MS } from '../engine';

/** The source stream's declaration: what ksqlDB needs before it can read the topic. */
export const SOURCE_DDL = `CREATE STREAM authorization_attempts (card_number VARCHAR, amount DOUBLE, merchant VARCHAR)
  WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');`;

/** The query exactly as the talk's slides 56-62 write it (CREATE STREAM: see the scene's teaching note). */
export const SLIDE_QUERY = `CREATE STREAM possible_fraud AS
SELECT card_number, count(*)
FROM authorization_attempts
WINDOW TUMBLING (SIZE 5 MINUTE)
GROUP BY card_number
HAVING count(*) > 3;`;

/** As ksqlDB accepts it: an aggregation is a TABLE. */
export const TABLE_QUERY = SLIDE_QUERY.replace('CREATE STREAM', 'CREATE TABLE');

export const script = (query: string): string => `${SOURCE_DDL}\n\n${query}`;

export const setupStream = (): Command[] => [
  // Before the cluster exists no timer is due, so the clock jumps to noon at no cost.
  { type: 'advance', ms: CLOCK_START_MS },
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: SOURCE_TOPIC, partitions: 1 },
  { type: 'addProducer', producer: TERMINALS, lingerMs: 0 },
];

/**
 * Produces every attempt with a time in [fromMs, toMs) at that time (the record's timestamp is the model
 * time it is sent), then lets the clock reach toMs. The previous step must have ended at fromMs.
 */
export function attemptsBetween(
  records: readonly AuthorizationAttempt[],
  fromMs: number,
  toMs: number,
): Command[] {
  const out: Command[] = [];
  let now = fromMs;
  for (const r of records) {
    if (r.ts < fromMs || r.ts >= toMs) continue;
    if (r.ts > now) out.push({ type: 'advance', ms: r.ts - now });
    now = Math.max(now, r.ts);
    out.push({
      type: 'produce',
      producer: TERMINALS,
      topic: SOURCE_TOPIC,
      key: r.key,
      value: JSON.stringify(r.value),
    });
  }
  out.push({ type: 'advance', ms: toMs - now });
  return out;
}

/** Generated traffic plus hand-placed attempts, in time order. */
export function authorizationInput(
  seed: number,
  extra: readonly AuthorizationAttempt[] = [],
): { records: AuthorizationAttempt[]; fraudCards: string[] } {
  const { records, fraudCards } = generateAuthorizationAttempts({
    seed,
    count: 44,
    startMs: CLOCK_START_MS,
    fraudCards: 2,
    burstsPerCard: 1,
    burstSize: [4, 6],
    burstSpanMs: 2 * MINUTE_MS,
    meanGapMs: 36_000,
    normalCards: 4,
  });
  return { records: [...records, ...extra].sort((a, b) => a.ts - b.ts), fraudCards };
}

export function attempt(ts: number, card: string, amount: number, merchant: string): AuthorizationAttempt {
  return { ts, key: card, value: { card_number: card, amount, merchant } };
}

export interface FraudRow {
  readonly card: string;
  readonly windowStart: number;
  readonly count: number | null;
  readonly offset: number;
}

/** The rows in the output topic, oldest first per partition (what a consumer of POSSIBLE_FRAUD reads). */
export function fraudRows(state: EngineState, onlyThisRun = false): FraudRow[] {
  const q = state.ksql.queries[FRAUD_QUERY_ID];
  const out: FraudRow[] = [];
  for (const p of state.topics[OUTPUT_TOPIC]?.partitions ?? []) {
    if (p.leader === null) continue;
    const from = onlyThisRun ? (q?.outputFrom[OUTPUT_TOPIC]?.[p.partition] ?? 0) : 0;
    for (const r of keptRecords(p.logs[p.leader]!)) {
      if (r.offset < from) continue;
      // KEY_FORMAT KAFKA (ksqlDB's default): the key is the card number itself; the window is in headers.
      const value = r.value === '' ? null : (JSON.parse(r.value) as Record<string, unknown>);
      out.push({
        card: sinkKeyText(r.key),
        windowStart: Number(r.headers.windowStart),
        count: value === null ? null : Number(value.KSQL_COL_0),
        offset: r.offset,
      });
    }
  }
  return out;
}

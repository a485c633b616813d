/**
 * Issue 6: input records per second through the talk's fraud query (non-strict, so it runs as a TABLE), on
 * generated authorization attempts, next to a hand-written Map loop computing the same tumbling counts in the
 * same run. Also the persistent path the simulator uses per record (processRecord, every state kept).
 */
import { generateAuthorizationAttempts } from '../src/engine/ksql/generator';
import {
  compileKsql,
  inferSources,
  initialQueryState,
  processRecord,
  runCompiled,
} from '../src/engine/ksql/index';
import { type BenchRow, bestOfInterleaved } from './types';

const RECORDS = 100_000;
const WINDOW_MS = 5 * 60_000;
const FRAUD_QUERY = `CREATE STREAM possible_fraud AS
  SELECT card_number, count(*)
  FROM authorization_attempts
  WINDOW TUMBLING (SIZE 5 MINUTE)
  GROUP BY card_number
  HAVING count(*) > 3;`;

export default function ksqlBench(): BenchRow[] {
  const { records } = generateAuthorizationAttempts({
    seed: 42,
    count: RECORDS,
    startMs: Date.UTC(2024, 4, 14, 12, 0, 0),
    normalCards: 5000,
  });
  const inputs = { authorization_attempts: records };
  const compiled = compileKsql(FRAUD_QUERY, { sources: inferSources(inputs) });
  if (!compiled.ok) throw new Error(compiled.error.message);
  const query = compiled.query;

  const engine = (): number => runCompiled(query, inputs).outputs.POSSIBLE_FRAUD?.length ?? 0;
  const mapLoop = (): number => {
    const counts = new Map<string, number>();
    let flagged = 0;
    for (const r of records) {
      const key = `${r.value.card_number}|${r.ts - (r.ts % WINDOW_MS)}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > 3) flagged++;
    }
    return flagged;
  };
  // The same query with GRACE PERIOD 0: windows close after 5 minutes instead of 24 hours, so the store stays
  // small. The gap between this figure and the first one is the cost of keeping a day of windows alive.
  const shortGrace = compileKsql(
    FRAUD_QUERY.replace('SIZE 5 MINUTE', 'SIZE 5 MINUTE, GRACE PERIOD 0 SECONDS'),
    {
      sources: inferSources(inputs),
    },
  );
  if (!shortGrace.ok) throw new Error(shortGrace.error.message);
  const engineShortGrace = (): number =>
    runCompiled(shortGrace.query, inputs).outputs.POSSIBLE_FRAUD?.length ?? 0;
  const persistent = (): number => {
    let state = initialQueryState(query);
    let rows = 0;
    for (const r of records) {
      const out = processRecord(query, state, 'authorization_attempts', r);
      state = out.state;
      rows += out.outputs.length;
    }
    return rows;
  };
  if (engine() !== mapLoop()) throw new Error('the engine and the Map loop disagree on the fraud rows');

  const best = bestOfInterleaved({ engine, mapLoop, persistent, engineShortGrace }, 6, 300);
  return [
    {
      name: 'fraud query, records through runKsql path',
      value: best.engine * RECORDS,
      unit: 'records/s',
      baseline: {
        name: 'hand-written Map loop, same counts',
        value: best.mapLoop * RECORDS,
        unit: 'records/s',
      },
      target: { op: '>=', value: 0.5, of: 'ratio', text: '>= 0.5x the Map loop' },
    },
    {
      name: 'fraud query with GRACE PERIOD 0 (small store)',
      value: best.engineShortGrace * RECORDS,
      unit: 'records/s',
      baseline: {
        name: 'hand-written Map loop, same counts',
        value: best.mapLoop * RECORDS,
        unit: 'records/s',
      },
    },
    {
      name: 'fraud query, processRecord keeping every state',
      value: best.persistent * RECORDS,
      unit: 'records/s',
      baseline: {
        name: 'hand-written Map loop, same counts',
        value: best.mapLoop * RECORDS,
        unit: 'records/s',
      },
    },
  ];
}

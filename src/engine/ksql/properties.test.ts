/** Properties over random inputs: window counts add up, and incremental processing equals runKsql. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileKsql,
  type InputRecord,
  initialQueryState,
  processRecord,
  type QueryState,
  runKsql,
} from './index';

const recordArb = fc.record({
  ts: fc.integer({ min: 0, max: 2000 }),
  key: fc.constantFrom('a', 'b', 'c'),
  n: fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }),
});
const recordsArb = fc.array(recordArb, { maxLength: 60 });

function toInputs(recs: { ts: number; key: string; n: number | null }[]): InputRecord[] {
  return recs.map((r) => ({ ts: r.ts, key: r.key, value: { c: r.key, n: r.n } }));
}

const SOURCE = "CREATE STREAM S (C STRING, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');";

describe('tumbling windows', () => {
  it('sum of the last count per window equals the number of records not dropped as late', () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 300 }),
        (recs, size, grace) => {
          const script = `${SOURCE} CREATE TABLE T AS SELECT C, COUNT(*) AS K FROM S WINDOW TUMBLING (SIZE ${size} MILLISECONDS, GRACE PERIOD ${grace} MILLISECONDS) GROUP BY C;`;
          const r = runKsql(script, { s: toInputs(recs) });
          if (!r.ok) throw new Error(r.error.message);
          const last = new Map<string, number>();
          for (const row of r.outputs.T ?? [])
            last.set(`${row.key.C}|${row.windowStart}`, row.value?.K as number);
          const total = [...last.values()].reduce((a, b) => a + b, 0);
          expect(total).toBe(recs.length - r.late);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const SCRIPTS = [
  'CREATE TABLE T AS SELECT C, COUNT(*) AS K, SUM(N) FROM S WINDOW TUMBLING (SIZE 100 MILLISECONDS, GRACE PERIOD 50 MILLISECONDS) GROUP BY C HAVING SUM(N) > 10;',
  'CREATE TABLE T AS SELECT C, COUNT(N), MAX(N), WINDOWSTART AS WS FROM S WINDOW HOPPING (SIZE 300 MILLISECONDS, ADVANCE BY 100 MILLISECONDS, GRACE PERIOD 100 MILLISECONDS) GROUP BY C EMIT FINAL;',
  'CREATE TABLE T AS SELECT C, COUNT(*) AS K FROM S WINDOW TUMBLING (SIZE 200 MILLISECONDS) GROUP BY C EMIT FINAL;',
  'CREATE TABLE T AS SELECT C, COUNT(*) AS K, MIN(N) FROM S WINDOW SESSION (80 MILLISECONDS, GRACE PERIOD 40 MILLISECONDS) GROUP BY C;',
  'CREATE TABLE T AS SELECT C, AVG(N) AS A FROM S WINDOW SESSION (80 MILLISECONDS, GRACE PERIOD 0 MILLISECONDS) GROUP BY C EMIT FINAL;',
  'CREATE TABLE T AS SELECT C, SUM(N) AS S FROM S GROUP BY C HAVING SUM(N) > 0;',
  'CREATE STREAM F AS SELECT C, N * 2 AS D FROM S WHERE N > 0; CREATE TABLE G AS SELECT C, COUNT(*) FROM F WINDOW TUMBLING (SIZE 100 MILLISECONDS) GROUP BY C;',
];

describe('incremental processing', () => {
  it('equals runKsql, record by record, for every window type and emit mode', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom(...SCRIPTS), (recs, body) => {
        const script = `${SOURCE} ${body}`;
        const inputs = toInputs(recs);
        const batch = runKsql(script, { s: inputs });
        const compiled = compileKsql(script);
        if (!batch.ok || !compiled.ok) throw new Error('script should compile');
        let state = initialQueryState(compiled.query);
        const outputs: Record<string, unknown[]> = Object.fromEntries(
          compiled.query.sinks.map((s) => [s, []]),
        );
        let late = 0;
        for (const rec of inputs) {
          const r = processRecord(compiled.query, state, 'S', rec);
          state = r.state;
          if (r.late) late++;
          for (const { sink, ...row } of r.outputs) outputs[sink]!.push(row);
        }
        expect(outputs).toEqual(batch.outputs);
        expect(late).toBe(batch.late);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes a state passed in: replaying from an old state gives the same rows again', () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), fc.constantFrom(...SCRIPTS), (recs, cut, body) => {
        const compiled = compileKsql(`${SOURCE} ${body}`);
        if (!compiled.ok) throw new Error(compiled.error.message);
        const q = compiled.query;
        const inputs = toInputs(recs);
        const k = recs.length === 0 ? 0 : cut % recs.length;
        let state: QueryState = initialQueryState(q);
        for (const rec of inputs.slice(0, k)) state = processRecord(q, state, 's', rec).state;
        const checkpoint = state;
        const replay = () => {
          let s = checkpoint;
          const rows: unknown[] = [];
          for (const rec of inputs.slice(k)) {
            const r = processRecord(q, s, 's', rec);
            s = r.state;
            rows.push(r.outputs, r.late);
          }
          return rows;
        };
        const first = replay();
        expect(replay()).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

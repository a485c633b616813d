/** The QTT cases of KAFKA-DETAILS section 4, run through runKsql. */
import { describe, expect, it } from 'vitest';
import { type RunRow, runKsql } from './index';

const INPUT =
  "CREATE STREAM INPUT (ID STRING KEY, COL1 STRING) WITH (kafka_topic='input_topic', value_format='JSON');";

function run(
  script: string,
  records: { ts: number; key?: string | null; value?: Record<string, unknown> }[],
) {
  const r = runKsql(script, {
    input_topic: records.map((x) => ({ ts: x.ts, key: x.key ?? null, value: x.value ?? { COL1: 'v1' } })),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

/** [key, value, windowStart, windowEnd, ts] rows of one sink. */
function brief(rows: RunRow[] | undefined, col: string) {
  return (rows ?? []).map((r) => [
    Object.values(r.key)[0],
    r.value === null ? null : r.value[col],
    r.windowStart,
    r.windowEnd,
    r.ts,
  ]);
}

const k1 = (...ts: number[]) => ts.map((t) => ({ ts: t, key: 'k1' }));

describe('EMIT FINAL (QTT suppress.json)', () => {
  const final = (window: string) =>
    `${INPUT} CREATE TABLE OUTPUT AS SELECT ID, COUNT(*) AS COUNT FROM INPUT WINDOW ${window} GROUP BY ID EMIT FINAL;`;

  it('emits at window end if no grace period given', () => {
    const r = run(final('TUMBLING (SIZE 2 MILLISECONDS)'), k1(0, 1, 2));
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([['k1', 2, 0, 2, 1]]);
  });

  it('does not emit before window end if no grace period given', () => {
    expect(run(final('TUMBLING (SIZE 2 MILLISECONDS)'), k1(0, 1)).outputs.OUTPUT).toEqual([]);
  });

  it('emits immediately at window end when grace is zero', () => {
    const r = run(final('TUMBLING (SIZE 2 MILLISECONDS, GRACE PERIOD 0 MILLISECONDS)'), k1(0, 1, 2));
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([['k1', 2, 0, 2, 1]]);
  });

  it('never emits a window expired from the store before it is fetched (final results for tumbling windows)', () => {
    const r = run(final('TUMBLING (SIZE 2 MILLISECONDS, GRACE PERIOD 1 MILLISECONDS)'), k1(0, 1, 2, 1, 0, 5));
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([['k1', 1, 2, 4, 2]]);
  });

  it('emits nothing after a large jump', () => {
    const r = run(
      final('TUMBLING (SIZE 2 MILLISECONDS, GRACE PERIOD 2 MILLISECONDS)'),
      k1(0, 1, 2, 0, 3, 0, 10, 0, 30),
    );
    expect(r.outputs.OUTPUT).toEqual([]);
    expect(r.late).toBe(1);
  });

  it('drops an out-of-order record after window end plus grace', () => {
    const r = run(
      final('TUMBLING (SIZE 2 MILLISECONDS, GRACE PERIOD 1 MILLISECONDS)'),
      k1(0, 1, 2, 1, 0, 5, 0),
    );
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([['k1', 1, 2, 4, 2]]);
    expect(r.late).toBe(1);
  });

  it('suppresses multiple keys, a late key dropped by the shared stream time', () => {
    const recs = [
      { ts: 0, key: 'k1' },
      { ts: 1, key: 'k2' },
      { ts: 2, key: 'k1' },
      { ts: 1, key: 'k1' },
      { ts: 0, key: 'k2' },
      { ts: 5, key: 'k1' },
      { ts: 0, key: 'k1' },
      { ts: 2, key: 'k2' },
    ];
    const r = run(final('TUMBLING (SIZE 2 MILLISECONDS, GRACE PERIOD 1 MILLISECONDS)'), recs);
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([['k1', 1, 2, 4, 2]]);
    expect(r.late).toBe(2);
  });

  it('emits final results for hopping windows', () => {
    const r = run(
      final('HOPPING (SIZE 5 MILLISECONDS, ADVANCE BY 2 MILLISECONDS, GRACE PERIOD 1 MILLISECONDS)'),
      k1(0, 1, 2, 1, 6, 5, 10),
    );
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([
      ['k1', 4, 0, 5, 2],
      ['k1', 2, 4, 9, 6],
    ]);
  });

  it('emits final results for session windows', () => {
    const r = run(
      final('SESSION (5 MILLISECONDS, GRACE PERIOD 6 MILLISECONDS)'),
      k1(0, 4, 8, 12, 14, 30, 29, 17, 42),
    );
    expect(brief(r.outputs.OUTPUT, 'COUNT')).toEqual([
      ['k1', 5, 0, 14, 14],
      ['k1', 2, 29, 30, 30],
    ]);
  });

  it('rejects EMIT FINAL on an unwindowed aggregation, strict or not', () => {
    for (const strict of [true, false]) {
      const r = runKsql(
        `${INPUT} CREATE TABLE OUTPUT AS SELECT ID, COUNT(*) FROM INPUT GROUP BY ID EMIT FINAL;`,
        {},
        { strict },
      );
      expect(r.ok || r.error.message).toBe('EMIT FINAL is only supported for windowed aggregations.');
    }
  });
});

describe('EMIT CHANGES', () => {
  it('emits one row per update with ROWTIME = max record time in the window (tumbling, late by shared stream time)', () => {
    // QTT tumbling-windows.json "out of order - explicit grace period": size 30 s, grace 1 min.
    const script = `${INPUT} CREATE TABLE OUTPUT AS SELECT ID, COUNT(*) AS C FROM INPUT WINDOW TUMBLING (SIZE 30 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY ID;`;
    const r = run(script, [
      { ts: 10_000, key: 'a' },
      { ts: 89_999, key: 'b' },
      { ts: 5_000, key: 'a' },
      { ts: 90_000, key: 'b' },
      { ts: 1, key: 'a' },
    ]);
    expect(brief(r.outputs.OUTPUT, 'C')).toEqual([
      ['a', 1, 0, 30_000, 10_000],
      ['b', 1, 60_000, 90_000, 89_999],
      ['a', 2, 0, 30_000, 10_000],
      ['b', 1, 90_000, 120_000, 90_000],
    ]);
    expect(r.late).toBe(1);
  });

  it('updates every hopping window of a record in increasing start order', () => {
    const script = `${INPUT} CREATE TABLE OUTPUT AS SELECT ID, COUNT(*) AS C FROM INPUT WINDOW HOPPING (SIZE 5 SECONDS, ADVANCE BY 1 SECOND) GROUP BY ID;`;
    const r = run(script, [{ ts: 10_345, key: 'k' }]);
    expect(r.outputs.OUTPUT?.map((x) => [x.windowStart, x.windowEnd])).toEqual([
      [6000, 11_000],
      [7000, 12_000],
      [8000, 13_000],
      [9000, 14_000],
      [10_000, 15_000],
    ]);
  });

  it('retracts a row that stops matching HAVING with a tombstone (QTT having.json "table having")', () => {
    const script =
      "CREATE STREAM TEST (ID BIGINT KEY, VALUE BIGINT) WITH (kafka_topic='test_topic', value_format='JSON'); CREATE TABLE T AS SELECT ID, SUM(VALUE) AS SUM FROM TEST GROUP BY ID HAVING SUM(VALUE) > 100;";
    const r = runKsql(script, {
      test_topic: [0, 101, -5].map((v, i) => ({ ts: i, key: '0', value: { VALUE: v } })),
    });
    expect(r.ok && r.outputs.T).toEqual([
      { ts: 1, key: { ID: 0 }, value: { SUM: 101 } },
      { ts: 2, key: { ID: 0 }, value: null },
    ]);
  });

  it('merges sessions with a tombstone for each absorbed session (QTT session-windows "max session")', () => {
    const script =
      "CREATE STREAM TEST (K BIGINT KEY, ID BIGINT, VALUE BIGINT) WITH (kafka_topic='test_topic', value_format='JSON'); CREATE TABLE S2 AS SELECT ID, MAX(value) FROM test WINDOW SESSION (30 SECONDS) GROUP BY id;";
    const recs = [
      [0, 0, 0],
      [0, 5, 10_000],
      [1, 100, 10_000],
      [1, 200, 40_000],
    ].map(([id, value, ts]) => ({ ts: ts!, key: String(id), value: { ID: id, VALUE: value } }));
    const r = runKsql(script, { test_topic: recs });
    expect(r.ok && brief(r.outputs.S2, 'KSQL_COL_0')).toEqual([
      [0, 0, 0, 0, 0],
      [0, null, 0, 0, 0],
      [0, 5, 0, 10_000, 10_000],
      [1, 100, 10_000, 10_000, 10_000],
      [1, null, 10_000, 10_000, 10_000],
      [1, 200, 10_000, 40_000, 40_000],
    ]);
  });

  it('opens a new session rather than merging with one past retention (QTT "out of order - explicit grace period")', () => {
    const script =
      "CREATE STREAM TEST (ID BIGINT KEY, VALUE BIGINT) WITH (kafka_topic='test_topic', value_format='JSON'); CREATE TABLE S2 AS SELECT ID, MAX(value) AS MAX, WINDOWSTART AS WS, WINDOWEND AS WE FROM test WINDOW SESSION (30 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY id;";
    const recs = [
      [0, 0, 0],
      [0, 1, 100_010],
      [0, 5, 10_009],
      [0, 6, 10_010],
      [1, 100, 10_009],
      [1, 101, 10_010],
      [1, 200, 86_412_022],
      [1, 200, 60_000],
    ].map(([id, value, ts]) => ({ ts: ts!, key: String(id), value: { VALUE: value } }));
    const r = runKsql(script, { test_topic: recs });
    expect(r.ok && r.outputs.S2?.map((x) => [x.key.ID, x.value?.MAX, x.value?.WS, x.value?.WE])).toEqual([
      [0, 0, 0, 0],
      [0, 1, 100_010, 100_010],
      [0, 6, 10_010, 10_010],
      [1, 101, 10_010, 10_010],
      [1, 200, 86_412_022, 86_412_022],
    ]);
    expect(r.ok && r.late).toBe(3);
  });

  it('drops rows whose GROUP BY value is NULL: not counted, not late, stream time unmoved (QTT group-by.json)', () => {
    const script =
      "CREATE STREAM S (C STRING, N INT) WITH (kafka_topic='s', value_format='JSON'); CREATE TABLE T AS SELECT C, COUNT(*) AS K FROM S WINDOW TUMBLING (SIZE 10 MILLISECONDS, GRACE PERIOD 0 MILLISECONDS) GROUP BY C;";
    const r = runKsql(script, {
      s: [
        { ts: 5, value: { C: 'a' } },
        { ts: 1000, value: { C: null } },
        { ts: 6, value: { N: 1 } },
        { ts: 7, value: { C: 'a' } },
      ],
    });
    expect(r.ok && brief(r.outputs.T, 'K')).toEqual([
      ['a', 1, 0, 10, 5],
      ['a', 2, 0, 10, 7],
    ]);
    expect(r.ok && r.late).toBe(0);
  });

  it('counts COUNT(col) over non-null values only and computes SUM, MIN, MAX, AVG', () => {
    const script =
      "CREATE STREAM S (C STRING, N DOUBLE) WITH (kafka_topic='s', value_format='JSON'); CREATE TABLE T AS SELECT C, COUNT(N) AS CN, SUM(N) AS S, MIN(N) AS LO, MAX(N) AS HI, AVG(N) AS AV FROM S GROUP BY C;";
    const r = runKsql(script, { s: [2, null, 4.5, 1].map((n, i) => ({ ts: i, value: { C: 'a', N: n } })) });
    expect(r.ok && r.outputs.T?.at(-1)?.value).toEqual({ CN: 3, S: 7.5, LO: 1, HI: 4.5, AV: 2.5 });
  });
});

describe('non-aggregate queries', () => {
  it('filters and projects a stream, with arithmetic and aliases', () => {
    const r = runKsql(
      'SELECT card_number AS card, amount * 2 AS doubled, amount > 100 FROM payments WHERE amount >= 50 EMIT CHANGES;',
      {
        payments: [
          { ts: 1, value: { card_number: 'c1', amount: 40 } },
          { ts: 2, value: { card_number: 'c2', amount: 150 } },
        ],
      },
    );
    expect(r.ok && r.outputs.PUSH_QUERY).toEqual([
      { ts: 2, key: {}, value: { CARD: 'c2', DOUBLED: 300, KSQL_COL_0: true } },
    ]);
  });

  it('feeds a CREATE STREAM AS SELECT into a later aggregation of the same script', () => {
    const script = `CREATE STREAM big AS SELECT card_number, amount FROM payments WHERE amount > 100;
      CREATE TABLE big_count AS SELECT card_number, COUNT(*) AS n FROM big GROUP BY card_number;`;
    const r = runKsql(script, {
      PAYMENTS: [120, 50, 300].map((amount, i) => ({ ts: i, value: { card_number: 'c', amount } })),
    });
    expect(r.ok && r.outputs.BIG?.length).toBe(2);
    expect(r.ok && r.outputs.BIG_COUNT?.map((x) => x.value?.N)).toEqual([1, 2]);
  });

  it('keeps a declared KEY column in the key and reads it from the record key', () => {
    const r = runKsql(`${INPUT} SELECT * FROM INPUT EMIT CHANGES;`, {
      input_topic: [{ ts: 1, key: 'k9', value: { col1: 'x' } }],
    });
    expect(r.ok && r.outputs.PUSH_QUERY).toEqual([{ ts: 1, key: { ID: 'k9' }, value: { COL1: 'x' } }]);
  });

  it('takes the timestamp from the TIMESTAMP column of the WITH clause', () => {
    const script =
      "CREATE STREAM S (C STRING, EVENT_TS BIGINT) WITH (kafka_topic='s', value_format='JSON', TIMESTAMP='event_ts'); SELECT C, ROWTIME AS T FROM S EMIT CHANGES;";
    const r = runKsql(script, { s: [{ ts: 1, value: { c: 'a', event_ts: 42 } }] });
    expect(r.ok && r.outputs.PUSH_QUERY).toEqual([{ ts: 42, key: {}, value: { C: 'a', T: 42 } }]);
  });
});

/** The talk's fraud query (KAFKA-DETAILS 4.5), as written on the slide and as ksqlDB would run it. */
import { describe, expect, it } from 'vitest';
import { generateAuthorizationAttempts } from './generator';
import { runKsql } from './index';

const SLIDE_QUERY = `CREATE STREAM possible_fraud AS
  SELECT card_number, count(*)
  FROM authorization_attempts
  WINDOW TUMBLING (SIZE 5 MINUTE)
  GROUP BY card_number
  HAVING count(*) > 3;`;

const TABLE_QUERY = SLIDE_QUERY.replace('CREATE STREAM', 'CREATE TABLE');
const MINUTE = 60_000;
/** 12:00 UTC on a day: a 5-minute window boundary. */
const NOON = Date.UTC(2024, 4, 14, 12, 0, 0);

const attempt = (ts: number, card = '4111-1111-1111-4412') => ({
  ts,
  key: card,
  value: { card_number: card, amount: 9.99, merchant: 'Streamly' },
});

describe('the fraud query', () => {
  it('fails in strict mode with ksqlDB own error, at the STREAM keyword', () => {
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: [] }, { strict: true });
    expect(r).toEqual({
      ok: false,
      error: {
        message:
          'Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.',
        line: 1,
        column: 8,
      },
    });
  });

  it('runs as the TABLE it really is in non-strict mode, with a teaching warning', () => {
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: [attempt(NOON)] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('TABLE');
    expect(r.warnings[0]).toContain('CREATE TABLE POSSIBLE_FRAUD');
    expect(Object.keys(r.outputs)).toEqual(['POSSIBLE_FRAUD']);
  });

  it('runs the CREATE TABLE form in strict mode without warnings', () => {
    const r = runKsql(TABLE_QUERY, { AUTHORIZATION_ATTEMPTS: [attempt(NOON)] }, { strict: true });
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('reports the mirror error for CREATE TABLE over a plain projection in strict mode', () => {
    const r = runKsql(
      'CREATE TABLE t AS SELECT card_number FROM authorization_attempts;',
      { authorization_attempts: [attempt(NOON)] },
      { strict: true },
    );
    expect(r.ok || r.error.message).toBe(
      'Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.',
    );
  });

  it('emits counts 4, 5 and 6 for a card hammered 6 times in one window, keyed by card and window', () => {
    const inputs = [0, 20, 40, 60, 80, 100].map((s) => attempt(NOON + MINUTE + s * 1000));
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: inputs });
    expect(r.ok && r.outputs.POSSIBLE_FRAUD).toEqual(
      [4, 5, 6].map((n, i) => ({
        ts: NOON + MINUTE + [60, 80, 100][i]! * 1000,
        key: { CARD_NUMBER: '4111-1111-1111-4412' },
        windowStart: NOON,
        windowEnd: NOON + 5 * MINUTE,
        value: { KSQL_COL_0: n },
      })),
    );
  });

  it('emits nothing for 3 + 3 attempts within 3 minutes straddling hh:05 (windows are epoch-aligned)', () => {
    const inputs = [3, 3.5, 4, 5.5, 6, 6].map((m) => attempt(NOON + m * MINUTE));
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: inputs });
    expect(r.ok && r.outputs.POSSIBLE_FRAUD).toEqual([]);
  });

  it('still counts an attempt up to 24 h after its window start, and drops a later one as late', () => {
    const burst = [1, 2, 3, 4].map((m) => attempt(NOON + m * MINUTE));
    const other = attempt(NOON + 24 * 60 * MINUTE - 1, '5500-0000-0000-0001');
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: [...burst, other, attempt(NOON + 4 * MINUTE)] });
    expect(r.ok && r.outputs.POSSIBLE_FRAUD?.map((x) => x.value?.KSQL_COL_0)).toEqual([4, 5]);
    const late = runKsql(SLIDE_QUERY, {
      authorization_attempts: [
        ...burst,
        attempt(NOON + 24 * 60 * MINUTE, '5500-0000-0000-0001'),
        attempt(NOON + 4 * MINUTE),
      ],
    });
    expect(late.ok && late.outputs.POSSIBLE_FRAUD?.map((x) => x.value?.KSQL_COL_0)).toEqual([4]);
    expect(late.ok && late.late).toBe(1);
  });

  it('flags the hammered cards of generated traffic', () => {
    const { records, fraudCards } = generateAuthorizationAttempts({
      seed: 42,
      count: 5000,
      startMs: NOON,
      normalCards: 5000,
    });
    const r = runKsql(SLIDE_QUERY, { authorization_attempts: records });
    if (!r.ok) throw new Error(r.error.message);
    const flagged = new Set(r.outputs.POSSIBLE_FRAUD?.map((x) => x.key.CARD_NUMBER));
    for (const card of flagged) expect(fraudCards).toContain(card);
    expect(flagged.size).toBeGreaterThan(0);
  });
});

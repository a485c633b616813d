import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKsql } from './index';
import { parseScript } from './parser';

const FRAUD = `CREATE STREAM possible_fraud AS
  SELECT card_number, count(*)
  FROM authorization_attempts
  WINDOW TUMBLING (SIZE 5 MINUTE)
  GROUP BY card_number
  HAVING count(*) > 3;`;

function parseOk(src: string) {
  const r = parseScript(src);
  if (!r.ok) throw new Error(`${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r.value;
}

function parseErr(src: string) {
  const r = parseScript(src);
  if (r.ok) throw new Error('expected a syntax error');
  return r.error;
}

describe('parsing valid statements', () => {
  it('parses the talk fraud query with upper-cased identifiers', () => {
    const [st] = parseOk(FRAUD);
    expect(st?.kind).toBe('createAs');
    if (st?.kind !== 'createAs') return;
    expect(st.name).toBe('POSSIBLE_FRAUD');
    expect(st.sourceType).toBe('STREAM');
    expect(st.select.from.name).toBe('AUTHORIZATION_ATTEMPTS');
    expect(st.select.window).toMatchObject({ type: 'TUMBLING', sizeMs: 300_000 });
    expect(st.select.window?.graceMs).toBeUndefined();
    expect(st.select.groupBy?.[0]).toMatchObject({ kind: 'column', name: 'CARD_NUMBER' });
    expect(st.select.having).toMatchObject({ kind: 'binary', op: '>' });
  });

  it('treats keywords case-insensitively and keeps quoted identifiers as written', () => {
    const [st] = parseOk(
      'select `Card`, Count(*) As "n" from s window tumbling (size 1 second) group by `Card` emit changes',
    );
    expect(st?.kind).toBe('select');
    if (st?.kind !== 'select') return;
    expect(st.select.items[0]).toMatchObject({ kind: 'expr', expr: { name: 'Card' } });
    expect(st.select.items[1]).toMatchObject({ alias: 'n' });
    expect(st.select.emit?.mode).toBe('CHANGES');
  });

  it('accepts singular and plural units from MILLISECOND to DAY', () => {
    const units: [string, number][] = [
      ['1 MILLISECOND', 1],
      ['2 MILLISECONDS', 2],
      ['1 SECOND', 1000],
      ['3 SECONDS', 3000],
      ['5 MINUTE', 300_000],
      ['2 HOURS', 7_200_000],
      ['1 DAY', 86_400_000],
      ['2 days', 172_800_000],
    ];
    for (const [text, ms] of units) {
      const [st] = parseOk(
        `SELECT k, COUNT(*) FROM s WINDOW TUMBLING (SIZE ${text}) GROUP BY k EMIT CHANGES`,
      );
      expect(st?.kind === 'select' && st.select.window?.sizeMs).toBe(ms);
    }
  });

  it('parses hopping windows with ADVANCE BY, retention and grace', () => {
    const [st] = parseOk(
      'SELECT k, COUNT(*) FROM s WINDOW HOPPING (SIZE 5 SECONDS, ADVANCE BY 1 SECOND, RETENTION 7 DAYS, GRACE PERIOD 10 MINUTES) GROUP BY k EMIT CHANGES;',
    );
    expect(st?.kind === 'select' && st.select.window).toMatchObject({
      type: 'HOPPING',
      sizeMs: 5000,
      advanceMs: 1000,
      retentionMs: 7 * 86_400_000,
      graceMs: 600_000,
    });
  });

  it('parses session windows with a grace period', () => {
    const [st] = parseOk(
      'SELECT k, COUNT(*) FROM s WINDOW SESSION (30 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY k EMIT FINAL',
    );
    expect(st?.kind === 'select' && st.select.window).toMatchObject({
      type: 'SESSION',
      sizeMs: 30_000,
      graceMs: 60_000,
    });
    expect(st?.kind === 'select' && st.select.emit?.mode).toBe('FINAL');
  });

  it('parses a declared stream with KEY column and WITH properties', () => {
    const [st] = parseOk(
      "CREATE STREAM input (id STRING KEY, amount DOUBLE, price DECIMAL(10, 2)) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', TIMESTAMP='amount');",
    );
    expect(st?.kind).toBe('createSource');
    if (st?.kind !== 'createSource') return;
    expect(st.columns.map((c) => [c.name, c.type, c.key])).toEqual([
      ['ID', 'STRING', true],
      ['AMOUNT', 'DOUBLE', false],
      ['PRICE', 'DECIMAL', false],
    ]);
    expect(st.props.KAFKA_TOPIC?.value).toBe('t');
    expect(st.props.TIMESTAMP?.value).toBe('amount');
  });

  it('parses several statements separated by semicolons, with comments', () => {
    const sts = parseOk(`-- the source
      CREATE STREAM a (x INT) WITH (KAFKA_TOPIC='a', VALUE_FORMAT='JSON');
      /* a filter */ CREATE STREAM b AS SELECT x * 2 + 1 AS y FROM a WHERE x >= 0 AND NOT x = 3;;
      SELECT y FROM b EMIT CHANGES`);
    expect(sts.map((s) => s.kind)).toEqual(['createSource', 'createAs', 'select']);
  });

  it('gives arithmetic the usual precedence', () => {
    const [st] = parseOk('SELECT 1 + 2 * 3 - 4 FROM s EMIT CHANGES');
    const item = st?.kind === 'select' ? st.select.items[0] : undefined;
    expect(item?.kind === 'expr' && item.expr).toMatchObject({
      kind: 'binary',
      op: '-',
      left: { op: '+', right: { op: '*' } },
    });
  });
});

describe('syntax errors', () => {
  it('names what CREATE expects, with a 1-based position', () => {
    const e = parseErr('CREATE STRAEM x AS SELECT * FROM y;');
    expect(e).toMatchObject({ line: 1, column: 8, expected: ['STREAM', 'TABLE'] });
    expect(e.message).toContain("'STRAEM'");
  });

  it('points at the right line and column in a multi-line script', () => {
    const e = parseErr('SELECT a\nFROM s\nWINDOW TUMBLING (SIZE 5 FORTNIGHTS)\nGROUP BY a EMIT CHANGES');
    expect(e).toMatchObject({ line: 3, column: 25 });
    expect(e.expected).toContain('MINUTES');
  });

  it('reports a missing FROM with what could follow the select list', () => {
    const e = parseErr('SELECT a, b');
    expect(e).toMatchObject({ line: 1, column: 12, expected: ["','", 'AS', 'FROM'] });
    expect(e.message).toContain('end of input');
  });

  it('reports a trailing comma in the select list', () => {
    expect(parseErr('SELECT a, FROM s')).toMatchObject({ line: 1, column: 11 });
  });

  it('reports an unterminated string', () => {
    expect(parseErr("SELECT a FROM s WHERE b = 'oops")).toMatchObject({ line: 1, column: 27 });
  });

  it('lists the clauses that may still follow after a complete query', () => {
    const e = parseErr('SELECT a FROM s GROUP BY a WHERE a > 1');
    expect(e).toMatchObject({ line: 1, column: 28 });
    expect(e.expected).toEqual(['HAVING', 'EMIT', "';'"]);
  });

  it('requires ADVANCE BY in a hopping window', () => {
    expect(parseErr('SELECT a FROM s WINDOW HOPPING (SIZE 5 SECONDS) GROUP BY a')).toMatchObject({
      column: 47,
      expected: ["','"],
    });
  });

  it('requires PERIOD after GRACE', () => {
    expect(parseErr('SELECT a FROM s WINDOW TUMBLING (SIZE 5 SECONDS, GRACE 1 SECOND)').expected).toEqual([
      'PERIOD',
    ]);
  });

  it('rejects an empty script', () => {
    expect(parseErr('  ;; ').expected).toEqual(['CREATE', 'SELECT']);
  });

  it('rejects a hopping advance larger than the size', () => {
    const e = parseErr('SELECT a FROM s WINDOW HOPPING (SIZE 1 SECOND, ADVANCE BY 2 SECONDS) GROUP BY a');
    expect(e.message).toContain('ADVANCE BY');
  });
});

describe('planning errors', () => {
  it('reports an unknown column with its position', () => {
    const r = compileKsql(
      "CREATE STREAM s (a INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');\nSELECT b FROM s EMIT CHANGES;",
    );
    expect(r.ok || r.error).toMatchObject({
      line: 2,
      column: 8,
      message: "SELECT column 'B' cannot be resolved.",
    });
  });

  it('reports a non-aggregate column missing from GROUP BY', () => {
    const r = compileKsql(
      "CREATE STREAM s (a INT, b INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON'); SELECT a, b, COUNT(*) FROM s GROUP BY a EMIT CHANGES;",
    );
    expect(r.ok || r.error.message).toBe('Non-aggregate SELECT expression(s) not part of GROUP BY: B');
  });

  it('reports an unknown source', () => {
    const r = compileKsql('SELECT * FROM nowhere EMIT CHANGES');
    expect(r.ok || r.error).toMatchObject({ message: 'NOWHERE does not exist.', line: 1, column: 15 });
  });

  it('reports an unknown function', () => {
    const r = compileKsql(
      "CREATE STREAM s (a INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON'); SELECT a, MEDIAN(a) FROM s GROUP BY a EMIT CHANGES;",
    );
    expect(r.ok || r.error.message).toBe("Can't find any functions with the name 'MEDIAN'.");
  });
});

describe('the parser never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = compileKsql(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  const tokens = [
    'SELECT',
    'FROM',
    '(',
    ')',
    ',',
    ';',
    '*',
    'WINDOW',
    'GROUP',
    'BY',
    'COUNT',
    "'",
    '"',
    '--',
    '/*',
    '5',
    'x',
    '.',
    'EMIT',
  ];
  it('on valid queries with characters deleted, inserted or replaced', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(FRAUD.length), fc.constantFrom('del', 'ins', 'rep'), fc.constantFrom(...tokens)),
          {
            maxLength: 6,
          },
        ),
        (edits) => {
          let s = FRAUD;
          for (const [at, op, tok] of edits) {
            const i = at % (s.length + 1);
            s =
              op === 'del'
                ? s.slice(0, i) + s.slice(i + 1)
                : op === 'ins'
                  ? s.slice(0, i) + tok + s.slice(i)
                  : s.slice(0, i) + tok + s.slice(i + tok.length);
          }
          const r = compileKsql(s, { sources: { AUTHORIZATION_ATTEMPTS: [] } });
          if (!r.ok) {
            expect(r.error.line).toBeGreaterThanOrEqual(1);
            expect(r.error.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on deeply nested input', () => {
    expect(parseScript(`SELECT ${'('.repeat(100_000)}1 FROM s`).ok).toBe(false);
    expect(parseScript(`SELECT ${'NOT '.repeat(50_000)}a FROM s`).ok).toBe(false);
    expect(parseScript(`SELECT ${'-'.repeat(50_000)}1 FROM s`).ok).toBe(false);
  });

  it('on non-string input', () => {
    expect(compileKsql(undefined as unknown as string).ok).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { Timeline } from '../../../engine';
import { ksqlEngine } from '../../../engine/testing/ksql';
import { sceneRun } from '../../../scenarios/run';
import { fraudQuery } from '../../../scenarios/scenes/fraud-query';
import { loadKsqlEngine } from '../../store/ksql-loader';
import { ALL_CLAUSES, CLAUSE, clauseLines } from './clauses';
import { checkQuery, describeError } from './query-errors';
import { streamModel, stripPreamble } from './stream-model';
import { clock, maskedCard } from './time-format';

const view = fraudQuery.view as Extract<typeof fraudQuery.view, { kind: 'stream' }>;

function stateAfter(step: number) {
  const run = sceneRun(fraudQuery);
  return new Timeline(run.seed, run.commands, { ksql: ksqlEngine }).stateAt(run.stepEnds[step]!);
}

describe('the stream view model', () => {
  // checkQuery compiles with the app's loaded engine, as the query editor does once it has loaded.
  beforeAll(() => loadKsqlEngine());

  it('assigns each line of the slide query to the clause the talk adds it with', () => {
    const text = stripPreamble(stateAfter(0).ksql.queries[view.query!]!.script, view.preamble);
    expect(clauseLines(text).map((l) => l.clause)).toEqual([
      CLAUSE.CREATE,
      CLAUSE.COUNT,
      CLAUSE.FROM,
      CLAUSE.WINDOW,
      CLAUSE.GROUP_BY,
      CLAUSE.HAVING,
    ]);
    expect(view.clauses?.at(-1)).toBe(ALL_CLAUSES);
  });

  it('reads the window, the threshold and the count column from the query text', () => {
    const shape = ksqlEngine.describe(stateAfter(0).ksql.queries[view.query!]!.script);
    expect(shape).toMatchObject({
      sink: 'POSSIBLE_FRAUD',
      window: { type: 'TUMBLING', sizeMs: 300_000, advanceMs: 300_000 },
      having: { op: '>', value: 3 },
      countColumn: 'KSQL_COL_0',
    });
  });

  it('shows the dots the query has read by the playhead, and the output rows of this run', () => {
    const state = stateAfter(5);
    const model = streamModel(state, view.query, view.output, view.preamble, state.now);
    expect(model.dots.length).toBe(state.ksql.queries[view.query!]!.processed);
    expect(model.output.map((r) => r.count)).toEqual([4, 5, 6, 4]);
    expect(model.flagged.size).toBe(2);
    const early = streamModel(
      state,
      view.query,
      view.output,
      view.preamble,
      state.ksql.queries[view.query!]!.startedAtMs,
    );
    expect(early.dots).toEqual([]);
    expect(early.output).toEqual([]);
    expect(early.cards).toEqual(model.cards);
  });

  it('maps ksqlDB errors onto the editor text, without the preamble', () => {
    const error = checkQuery(
      view.preamble,
      'CREATE TABLE t AS\nSELECT card_number, count(*)\nFROM authorization_attempts\nGROUP card_number;',
    );
    expect(error?.line).toBe(4);
    expect(describeError(error!)).toMatch(/^line 4, column \d+: /);
    expect(checkQuery(view.preamble, 'SELECT * FROM authorization_attempts EMIT CHANGES;')).toBeNull();
  });

  it('formats model time as a UTC clock and masks card numbers', () => {
    expect(clock(12 * 3_600_000 + 5 * 60_000)).toBe('12:05');
    expect(clock(12 * 3_600_000 + 5 * 60_000 + 30_000, true)).toBe('12:05:30');
    expect(maskedCard('5500-4779-1200-5301')).toBe('•••• 5301');
  });
});

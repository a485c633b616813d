import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { replay, Timeline } from '../core/history';
import { initialState, step } from '../core/step';
import { canonical } from '../core/trace';
import { ksqlEngine } from '../testing/ksql';
import { needsKsqlEngine } from './engine-api';

const setup: Command[] = [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 'payments', partitions: 1 },
];
const runQuery: Command = {
  type: 'runQuery',
  query: 'q1',
  script: `CREATE STREAM payments (amount DOUBLE) WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON');
SELECT amount FROM payments EMIT CHANGES;`,
};

describe('the ksql engine, passed to step in its environment', () => {
  it('refuses a query when step is not given the engine, and runs it when it is: nothing is installed', () => {
    let state = initialState(7);
    for (const c of setup) state = step(state, c).state;
    expect(needsKsqlEngine([...setup, runQuery])).toBe(true);
    expect(needsKsqlEngine(setup)).toBe(false);

    const refused = step(state, runQuery);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('KSQL_NOT_READY');
    expect(refused.state).toBe(state);

    expect(step(state, runQuery, { ksql: ksqlEngine }).ok).toBe(true);
    // The same call without the engine is refused again: the earlier call left nothing behind.
    expect(step(state, runQuery).ok).toBe(false);
  });

  it('a Timeline and replay step with the environment they are given', () => {
    const run = { seed: 7, commands: [...setup, runQuery, { type: 'advance', ms: 1_000 } as Command] };
    const env = { ksql: ksqlEngine };
    const withEngine = replay(run, env);
    expect(withEngine.errors).toEqual([]);
    expect(replay(run).errors.map((e) => e.code)).toEqual(['KSQL_NOT_READY']);
    const timeline = new Timeline(run.seed, run.commands, env);
    expect(canonical(timeline.stateAt(run.commands.length))).toBe(canonical(withEngine.state));
    expect(new Timeline(run.seed, run.commands).seek(3).error?.code).toBe('KSQL_NOT_READY');
  });
});

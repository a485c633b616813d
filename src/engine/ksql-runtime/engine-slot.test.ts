import { describe, expect, it, vi } from 'vitest';
import type { Command } from '../core/commands';

const setup: Command[] = [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 'payments', partitions: 1 },
];
const run: Command = {
  type: 'runQuery',
  query: 'q1',
  script: `CREATE STREAM payments (amount DOUBLE) WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON');
SELECT amount FROM payments EMIT CHANGES;`,
};

describe('the ksql engine slot', () => {
  it('refuses a query before the ksql engine is installed, and runs it once it is', async () => {
    // A fresh module graph: the setup file installed the engine in the old one, not in this one.
    vi.resetModules();
    const { initialState, step } = await import('../core/step');
    const { installKsqlEngine, needsKsqlEngine } = await import('./engine-slot');
    let state = initialState(7);
    for (const c of setup) state = (step(state, c) as { state: typeof state }).state;
    expect(needsKsqlEngine([...setup, run])).toBe(true);
    expect(needsKsqlEngine(setup)).toBe(false);

    const refused = step(state, run);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('KSQL_NOT_READY');

    installKsqlEngine((await import('./ksql-engine')).ksqlEngine);
    const ran = step(state, run);
    expect(ran.ok).toBe(true);
  });
});

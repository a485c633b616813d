import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptRecords } from '../broker/log';
import type { Command } from '../core/commands';
import { initialState, step } from '../core/step';
import { canonical } from '../core/trace';
import type { EngineState } from '../core/types';
import { partitionForKey } from '../producer/partitioner';
import { ksqlEngine } from '../testing/ksql';
import { attemptAt, LATE_SCRIPT, LATE_TOPIC, MINUTE, NOON } from '../testing/late-fixture';
import { runCommands } from '../testing/test-support';
import { sinkKeyText } from './sink-key';
import { QUERY_POLL_INTERVAL_MS } from './types';

/** Every step here may run a query: the ksql engine is passed in, as the app does once it has loaded. */
const env = { ksql: ksqlEngine };
const runWithKsql = (seed: number, commands: readonly Command[]) => runCommands(seed, commands, env);

/** 12:00 UTC on the simulator's day 0: a round 5-minute boundary. */
const TOPIC = LATE_TOPIC;
const FRAUD = '4111-0000-0000-0001';

const SCRIPT = (threshold = 3, window = 'TUMBLING (SIZE 5 MINUTE)') => `
CREATE STREAM authorization_attempts (card_number VARCHAR, amount DOUBLE, merchant VARCHAR)
  WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');
CREATE TABLE possible_fraud AS
  SELECT card_number, count(*)
  FROM authorization_attempts
  WINDOW ${window}
  GROUP BY card_number
  HAVING count(*) > ${threshold};`;

const setup: Command[] = [
  { type: 'advance', ms: NOON },
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: TOPIC, partitions: 2 },
  { type: 'addProducer', producer: 'terminal', lingerMs: 0 },
];

/** One attempt per [minutesAfterNoon, card], produced at that model time. */
function attempts(list: [number, string][]): Command[] {
  const out: Command[] = [];
  let now = NOON;
  for (const [m, card] of list) {
    const at = NOON + m * MINUTE;
    if (at > now) out.push({ type: 'advance', ms: at - now });
    now = Math.max(now, at);
    out.push({
      type: 'produce',
      producer: 'terminal',
      topic: TOPIC,
      key: card,
      value: JSON.stringify({ card_number: card, amount: 9.99, merchant: 'Streamly' }),
    });
  }
  return out;
}

const traffic = attempts([
  [20.5, FRAUD],
  [21, '5500-0000-0000-0002'],
  [21.2, FRAUD],
  [21.9, FRAUD],
  [22.4, FRAUD],
  [23, '5500-0000-0000-0002'],
  [23.5, FRAUD],
  [24, FRAUD],
]);

function outputRows(state: EngineState, topic = 'POSSIBLE_FRAUD') {
  return (state.topics[topic]?.partitions ?? []).flatMap((p) =>
    p.leader === null
      ? []
      : keptRecords(p.logs[p.leader]!).map((r) => ({
          key: r.key,
          partition: p.partition,
          value: r.value === '' ? null : (JSON.parse(r.value) as Record<string, unknown>),
          windowStart: Number(r.headers.windowStart),
        })),
  );
}

describe('a ksqlDB query running in the simulation', () => {
  it('reads the source topic as it fills and writes the fraud rows, counts 4, 5 and 6, to its output topic', () => {
    const { state, events, errors } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: SCRIPT() },
      ...traffic,
      { type: 'advance', ms: 2 * MINUTE },
    ]);
    expect(errors).toEqual([]);
    expect(state.topics.POSSIBLE_FRAUD?.partitions).toHaveLength(2);
    expect(state.topics.POSSIBLE_FRAUD?.config.replicationFactor).toBe(1);
    const rows = outputRows(state);
    expect(rows.map((r) => r.value?.KSQL_COL_0)).toEqual([4, 5, 6]);
    for (const r of rows) {
      expect(r.key).toBe(FRAUD);
      expect(r.windowStart).toBe(NOON + 20 * MINUTE);
    }
    const emitted = events.filter((e) => e.type === 'queryEmitted');
    expect(emitted.map((e) => e.type === 'queryEmitted' && e.count)).toEqual([4, 5, 6]);
    const processed = events.filter((e) => e.type === 'recordProcessedByQuery');
    expect(processed).toHaveLength(8);
    expect(state.ksql.queries.fraud?.processed).toBe(8);
    // Where each record went, kept for the views: its card and its one tumbling window.
    const placed = state.ksql.queries.fraud!.placed;
    expect(placed.filter((p) => p.key?.CARD_NUMBER === FRAUD)).toHaveLength(6);
    for (const p of placed)
      expect(p.windows).toEqual([{ start: NOON + 20 * MINUTE, end: NOON + 25 * MINUTE }]);
  });

  it('writes KEY_FORMAT KAFKA keys, ksqlDB 0.29’s default: the card number itself, hashed alone for the partition', () => {
    const { state } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: SCRIPT() },
      ...traffic,
      { type: 'advance', ms: 2 * MINUTE },
    ]);
    const rows = outputRows(state);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      // Not {"CARD_NUMBER":"..."}: the KAFKA format serializes the one key column on its own. The window
      // (appended as 8 bytes in Kafka) rides in the record headers here.
      expect(r.key).toBe(FRAUD);
      expect(r.windowStart).toBe(NOON + 20 * MINUTE);
      // WindowedStreamPartitioner hashes the inner key's bytes: murmur2 of the card, over the sink's 2 partitions.
      expect(r.partition).toBe(partitionForKey(FRAUD, 2));
    }
    expect(sinkKeyText(rows[0]!.key)).toBe(FRAUD);
  });

  it('processes a record only once it is below the high watermark, on the next poll', () => {
    const { events } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: SCRIPT() },
      ...attempts([[1, FRAUD]]),
      { type: 'advance', ms: 5 * QUERY_POLL_INTERVAL_MS },
    ]);
    const appended = events.find((e) => e.type === 'recordAppended' && e.topic === TOPIC)!;
    const processed = events.find((e) => e.type === 'recordProcessedByQuery')!;
    expect(processed.atMs).toBeGreaterThanOrEqual(appended.atMs);
    expect(processed.atMs % QUERY_POLL_INTERVAL_MS).toBe(0);
    expect(processed).toMatchObject({
      key: { CARD_NUMBER: FRAUD },
      windowStart: NOON,
      windowEnd: NOON + 5 * MINUTE,
    });
  });

  it('reruns from the beginning of the source when the query is replaced: a higher threshold, fewer rows', () => {
    const base = [...setup, { type: 'runQuery', query: 'fraud', script: SCRIPT() } as Command, ...traffic];
    const { state } = runWithKsql(1, [
      ...base,
      { type: 'advance', ms: MINUTE },
      { type: 'runQuery', query: 'fraud', script: SCRIPT(5) },
      { type: 'advance', ms: MINUTE },
    ]);
    const q = state.ksql.queries.fraud!;
    const all = outputRows(state);
    expect(all.map((r) => r.value?.KSQL_COL_0)).toEqual([4, 5, 6, 6]);
    // This run's rows start where the last run's ended.
    const fresh = state.topics.POSSIBLE_FRAUD!.partitions.flatMap((p) =>
      keptRecords(p.logs[p.leader!]!).filter(
        (r) => r.offset >= (q.outputFrom.POSSIBLE_FRAUD?.[p.partition] ?? 0),
      ),
    );
    expect(fresh.map((r) => JSON.parse(r.value).KSQL_COL_0)).toEqual([6]);
    expect(q.processed).toBe(8);
  });

  it('changes the windows when the window changes: a 2-minute tumbling window splits the burst', () => {
    const { state } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: SCRIPT(2, 'TUMBLING (SIZE 2 MINUTES)') },
      ...traffic,
      { type: 'advance', ms: MINUTE },
    ]);
    // [12:20,12:22): 20.5, 21.2, 21.9 -> count 3; [12:22,12:24): 22.4, 23.5 -> 2; [12:24,12:26): 24 -> 1.
    expect(outputRows(state).map((r) => [r.windowStart - NOON, r.value?.KSQL_COL_0])).toEqual([
      [20 * MINUTE, 3],
    ]);
  });

  it('refuses a bad script with ksqlDB message, line and column, and leaves the state unchanged', () => {
    const { state } = runWithKsql(1, setup);
    const bad = SCRIPT().replace('GROUP BY card_number', 'GROUP card_number');
    const r = step(state, { type: 'runQuery', query: 'fraud', script: bad }, env);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.state).toBe(state);
    expect(r.error.code).toBe('KSQL_STATEMENT_ERROR');
    expect(r.error.line).toBe(8);
    expect(r.error.column).toBeGreaterThan(0);
    expect(r.error.message.length).toBeGreaterThan(0);
  });

  it('refuses the slide statement in strict mode with ksqlDB own words, and runs it as a TABLE with a warning otherwise', () => {
    const slide = SCRIPT().replace('CREATE TABLE possible_fraud', 'CREATE STREAM possible_fraud');
    const { state } = runWithKsql(1, setup);
    const strict = step(state, { type: 'runQuery', query: 'fraud', script: slide, strict: true }, env);
    expect(strict.ok || strict.error.message).toBe(
      'Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.',
    );
    const talk = step(state, { type: 'runQuery', query: 'fraud', script: slide }, env);
    expect(talk.ok && talk.state.ksql.queries.fraud?.warnings[0]).toContain('TABLE');
  });

  it('refuses a source over a topic that does not exist', () => {
    const { state } = runWithKsql(1, setup.slice(0, 2));
    const r = step(state, { type: 'runQuery', query: 'fraud', script: SCRIPT() }, env);
    expect(r.ok || r.error.message).toContain("Topic 'authorization_attempts' does not exist");
  });

  it('stops a query: no more polls, nothing more processed', () => {
    const { state, events } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: SCRIPT() },
      { type: 'stopQuery', query: 'fraud' },
      ...traffic,
    ]);
    expect(state.ksql.queries).toEqual({});
    expect(state.timers.some((t) => t.kind === 'ksqlPoll')).toBe(false);
    expect(events.some((e) => e.type === 'recordProcessedByQuery')).toBe(false);
  });

  it('marks a record late when its window has closed, and drops it', () => {
    // Produced records carry the model time as their timestamp, so they arrive in order; an event time in
    // the value (WITH TIMESTAMP=...) can arrive late: see late-fixture.ts.
    const at = (m: number) => attemptAt(FRAUD, m);
    const { events, state } = runWithKsql(1, [
      ...setup,
      { type: 'runQuery', query: 'fraud', script: LATE_SCRIPT },
      at(21),
      at(31),
      at(22),
      { type: 'advance', ms: MINUTE },
    ]);
    const late = events.filter((e) => e.type === 'lateRecordDropped');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      offset: 2,
      timestampMs: NOON + 22 * MINUTE,
      key: { CARD_NUMBER: FRAUD },
    });
    const processed = events.filter((e) => e.type === 'recordProcessedByQuery');
    expect(processed.map((e) => e.type === 'recordProcessedByQuery' && e.late)).toEqual([false, false, true]);
    expect(state.ksql.queries.fraud?.late).toBe(1);
  });

  it('is deterministic: the same commands give the same state, byte for byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 6 }), (seed, threshold) => {
        const commands: Command[] = [
          ...setup,
          { type: 'runQuery', query: 'fraud', script: SCRIPT(threshold) },
          ...traffic,
          { type: 'advance', ms: MINUTE },
        ];
        const a = runWithKsql(seed, commands);
        const b = runWithKsql(seed, commands);
        expect(canonical(a.state)).toBe(canonical(b.state));
        expect(canonical(a.events)).toBe(canonical(b.events));
      }),
      { numRuns: 3 },
    );
  }, 30_000);

  it('keeps old states valid: stepping on from an earlier state gives the same result again', () => {
    let s = initialState(3);
    for (const c of [...setup, { type: 'runQuery', query: 'fraud', script: SCRIPT() } as Command, ...traffic])
      s = step(s, c, env).state;
    const before = canonical(s);
    const once = step(s, { type: 'advance', ms: MINUTE }, env);
    const twice = step(s, { type: 'advance', ms: MINUTE }, env);
    expect(canonical(once.state)).toBe(canonical(twice.state));
    expect(canonical(s)).toBe(before);
  });
});

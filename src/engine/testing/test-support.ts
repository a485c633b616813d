/**
 * Shared helpers for the engine's tests: run commands, read logs, and random command lists for properties.
 * Not imported by the app.
 */
import fc from 'fast-check';
import { keptRecords, type LogRecord } from '../broker/log';
import type { Command } from '../core/commands';
import { NO_ENV, type StepEnv } from '../core/env';
import type { EngineEvent } from '../core/events';
import { replay } from '../core/history';
import type { StepResult } from '../core/step';
import type { EngineState } from '../core/types';
import type { AssignorName } from '../groups/types';

/** Steps through the commands (core/history.ts's replay), showing each step's result to `afterStep`. */
export function runStepwise(
  seed: number,
  commands: readonly Command[],
  afterStep: (result: StepResult, command: Command) => void = () => undefined,
  env: StepEnv = NO_ENV,
): { state: EngineState; events: EngineEvent[] } {
  const { state, events } = replay({ seed, commands }, env, afterStep);
  return { state, events };
}

/** Runs the commands; each refused one is listed as `type: CODE message`. */
export function runCommands(seed: number, commands: readonly Command[], env: StepEnv = NO_ENV) {
  const errors: string[] = [];
  const { state, events } = runStepwise(
    seed,
    commands,
    (r, c) => {
      if (!r.ok) errors.push(`${c.type}: ${r.error.code} ${r.error.message}`);
    },
    env,
  );
  return { state, events, errors };
}

/** The records the leader of topic/partition holds, oldest first. */
export function leaderRecords(state: EngineState, topic: string, partition: number): LogRecord[] {
  const p = state.topics[topic]?.partitions[partition];
  if (!p || p.leader === null) return [];
  return keptRecords(p.logs[p.leader]!);
}

export const oneBrokerTopic = (topic = 'orders', partitions = 4): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic, partitions },
];

type Weighted = fc.WeightedArbitrary<Command>;

/** A record value: any short string (ksql skips what is not JSON). */
const anyValue = fc.string({ maxLength: 12 });

/** The producers' commands on topic t, for producers p1 and p2. */
function producerCommands(value: fc.Arbitrary<string>): Weighted[] {
  const key = fc.option(fc.constantFrom('alice', 'bob', 'carol', 'dave', 'card-4412', ''), { nil: null });
  return [
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('produce' as const),
        producer: fc.constantFrom('p1', 'p2'),
        topic: fc.constant('t'),
        key,
        value,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('flush' as const), producer: fc.constantFrom('p1', 'p2') }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('addPartitions' as const),
        topic: fc.constant('t'),
        partitions: fc.integer({ min: 1, max: 8 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('configureProducer' as const),
        producer: fc.constant('p2'),
        keyless: fc.constantFrom('round-robin' as const, 'sticky' as const),
      }),
    },
  ];
}

/** Three brokers, topic t (4 partitions, small segments and retention) and producers p1 and p2. */
function producerSetup(topicConfig: Extract<Command, { type: 'createTopic' }>['config'] = {}): Command[] {
  return [
    { type: 'createCluster', brokers: 3 },
    {
      type: 'createTopic',
      topic: 't',
      partitions: 4,
      config: { segmentBytes: 200, retentionBytes: 1000, ...topicConfig },
    },
    { type: 'addProducer', producer: 'p1', keyless: 'round-robin', lingerMs: 0 },
    { type: 'addProducer', producer: 'p2', keyless: 'sticky', lingerMs: 10, batchSizeBytes: 100 },
  ];
}

/** Random but valid-looking command lists over a small cluster: what the properties feed the engine. */
export function arbitraryCommands(maxLength = 60): fc.Arbitrary<Command[]> {
  const cmd: fc.Arbitrary<Command> = fc.oneof(...producerCommands(anyValue));
  const setup = producerSetup();
  return fc.array(cmd, { maxLength }).map((cs) => [...setup, ...cs]);
}

const CONSUMERS = ['c1', 'c2', 'c3'];

/** A ksql script over topic t: a windowed count, and a filter (JSON values {card, amount}). */
export const KSQL_SCRIPTS = [
  `CREATE STREAM s (card VARCHAR, amount INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');
CREATE TABLE counts AS SELECT card, count(*) FROM s WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY card;`,
  `CREATE STREAM s (card VARCHAR, amount INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');
CREATE STREAM big AS SELECT card, amount FROM s WHERE amount > 10;`,
];

/** Consumers c1..c3 in group g: joining, dying, leaving, coming back, committing, resubscribing. */
function groupCommands(): Weighted[] {
  const consumer = fc.constantFrom(...CONSUMERS);
  const one = (type: 'killConsumer' | 'closeConsumer' | 'restartConsumer' | 'commitSync') =>
    consumer.map((c): Command => ({ type, consumer: c }));
  return [
    {
      weight: 3,
      arbitrary: fc.tuple(consumer, fc.constantFrom<AssignorName>('range', 'cooperative-sticky')).map(
        ([c, assignor]): Command => ({
          type: 'addConsumer',
          consumer: c,
          group: 'g',
          topics: ['t'],
          assignor,
          autoOffsetReset: 'earliest',
          // group.min.session.timeout.ms is 6 s.
          sessionTimeoutMs: 6000,
          heartbeatIntervalMs: 2000,
        }),
      ),
    },
    { weight: 1, arbitrary: one('killConsumer') },
    { weight: 1, arbitrary: one('closeConsumer') },
    { weight: 1, arbitrary: one('restartConsumer') },
    { weight: 1, arbitrary: one('commitSync') },
    {
      weight: 3,
      arbitrary: fc.integer({ min: 0, max: 5000 }).map((ms): Command => ({ type: 'advance', ms })),
    },
  ];
}

/** Consumers m1..m3 of the consumer protocol (KIP-848) in group mg: joining, dying, leaving. */
function modernGroupCommands(): Weighted[] {
  const consumer = fc.constantFrom('m1', 'm2', 'm3');
  return [
    {
      weight: 2,
      arbitrary: fc.tuple(consumer, fc.constantFrom<'uniform' | 'range'>('uniform', 'range')).map(
        ([c, assignor]): Command => ({
          type: 'addModernConsumer',
          consumer: c,
          group: 'mg',
          topics: ['t'],
          assignor,
          autoOffsetReset: 'earliest',
        }),
      ),
    },
    { weight: 1, arbitrary: consumer.map((c): Command => ({ type: 'killModernConsumer', consumer: c })) },
    { weight: 1, arbitrary: consumer.map((c): Command => ({ type: 'closeModernConsumer', consumer: c })) },
  ];
}

/** A broker dies or comes back. */
function brokerCommands(): Weighted[] {
  const broker = fc.integer({ min: 0, max: 2 });
  return [
    { weight: 1, arbitrary: broker.map((b): Command => ({ type: 'killBroker', broker: b })) },
    { weight: 1, arbitrary: broker.map((b): Command => ({ type: 'shutdownBroker', broker: b })) },
    { weight: 1, arbitrary: broker.map((b): Command => ({ type: 'restartBroker', broker: b })) },
  ];
}

/** Topic t becomes compacted (small segments by time, eager cleaner, short tombstone life), and tombstones. */
function compactionCommands(): Weighted[] {
  return [
    {
      weight: 1,
      arbitrary: fc.constantFrom('compact' as const, 'compact,delete' as const).map(
        (cleanupPolicy): Command => ({
          type: 'setTopicConfig',
          topic: 't',
          config: { cleanupPolicy, segmentMs: 500, minCleanableDirtyRatio: 0.1, deleteRetentionMs: 3000 },
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('alice', 'bob', 'card-4412').map(
        (key): Command => ({
          type: 'produce',
          producer: 'p1',
          topic: 't',
          key,
          value: '',
          tombstone: true,
        }),
      ),
    },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'advance', ms: 15_000 }) },
  ];
}

/** A ksql query starts (or starts over) on topic t, or stops. */
function ksqlCommands(): Weighted[] {
  const query = fc.constantFrom('q1', 'q2');
  return [
    {
      weight: 1,
      arbitrary: fc
        .tuple(query, fc.constantFrom(...KSQL_SCRIPTS))
        .map(([q, script]): Command => ({ type: 'runQuery', query: q, script })),
    },
    { weight: 1, arbitrary: query.map((q): Command => ({ type: 'stopQuery', query: q })) },
  ];
}

/** Transactional producer tp writes to topic t in transactions it commits or aborts (transactions/). */
function transactionCommands(): Weighted[] {
  const producer = 'tp';
  return [
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'beginTransaction', producer }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 3 }), anyValue)
        .map(([partition, value]): Command => ({ type: 'produce', producer, topic: 't', partition, value })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: 9 }).map(
        (offset): Command => ({
          type: 'sendOffsetsToTransaction',
          producer,
          group: 'g',
          offsets: [{ topic: 't', partition: 0, offset }],
        }),
      ),
    },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'commitTransaction', producer }) },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'abortTransaction', producer }) },
  ];
}

const SHARE_MEMBERS = ['s1', 's2', 's3'];

/**
 * Share consumers s1..s3 of share group sg on topic t (KIP-932): joining, fetching, acknowledging any of
 * offsets 0..5 of partitions 0..1 (refused unless held), leaving; the group's settings now and then.
 */
export function shareCommands(topic = 't', partitions = 2): Weighted[] {
  const member = fc.constantFrom(...SHARE_MEMBERS);
  return [
    {
      weight: 2,
      arbitrary: member.map(
        (m): Command => ({ type: 'joinShareGroup', group: 'sg', member: m, topics: [topic] }),
      ),
    },
    {
      weight: 1,
      arbitrary: member.map((m): Command => ({ type: 'leaveShareGroup', group: 'sg', member: m })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(member, fc.integer({ min: 1, max: 4 }))
        .map(([m, maxRecords]): Command => ({ type: 'shareFetch', group: 'sg', member: m, maxRecords })),
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          member,
          fc.integer({ min: 0, max: partitions - 1 }),
          fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
          fc.constantFrom('ACCEPT' as const, 'RELEASE' as const, 'REJECT' as const),
        )
        .map(
          ([m, partition, offsets, acknowledgeType]): Command => ({
            type: 'shareAcknowledge',
            group: 'sg',
            member: m,
            topic,
            partition,
            offsets,
            acknowledgeType,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          autoOffsetReset: fc.constantFrom('earliest' as const, 'latest' as const),
          recordLockDurationMs: fc.constantFrom(1000, 2000, 30_000),
          deliveryCountLimit: fc.integer({ min: 2, max: 5 }),
          partitionMaxRecordLocks: fc.integer({ min: 1, max: 6 }),
        })
        .map((config): Command => ({ type: 'setShareGroupConfig', group: 'sg', config })),
    },
  ];
}

/**
 * Command lists over the whole engine: producers (some values JSON for the queries), consumers in a group,
 * broker failures, ksql queries, transactions and share consumers, on a topic replicated three times. For properties that must hold
 * whatever happens, such as determinism and seek equals replay.
 */
export function arbitraryEngineCommands(maxLength = 80): fc.Arbitrary<Command[]> {
  const json = fc
    .record({ card: fc.constantFrom('a', 'b', 'c'), amount: fc.integer({ min: 0, max: 20 }) })
    .map((v) => JSON.stringify(v));
  const cmd: fc.Arbitrary<Command> = fc.oneof(
    ...producerCommands(fc.oneof(anyValue, json)),
    ...groupCommands(),
    ...modernGroupCommands(),
    ...brokerCommands(),
    ...ksqlCommands(),
    ...shareCommands(),
    ...compactionCommands(),
    ...transactionCommands(),
  );
  const setup: Command[] = [
    ...producerSetup({ replicationFactor: 3, minInsyncReplicas: 2 }),
    { type: 'addProducer', producer: 'tp', transactionalId: 'tp-tx', lingerMs: 0 },
    { type: 'initTransactions', producer: 'tp' },
  ];
  return fc.array(cmd, { maxLength }).map((cs) => [...setup, ...cs]);
}

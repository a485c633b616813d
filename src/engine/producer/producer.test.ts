import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { leaderRecords, oneBrokerTopic, runCommands } from '../testing/test-support';

const produceN = (n: number, extra: Partial<Extract<Command, { type: 'produce' }>> = {}): Command[] =>
  Array.from(
    { length: n },
    (_, i) => ({ type: 'produce', producer: 'p', topic: 'orders', value: `m${i}`, ...extra }) as Command,
  );

describe('producing without a key, round robin', () => {
  const commands: Command[] = [
    ...oneBrokerTopic(),
    {
      type: 'addProducer',
      producer: 'p',
      keyless: 'round-robin',
      roundRobinStart: 0,
      lingerMs: 0,
      acks: 1,
      idempotent: false,
    },
    ...produceN(10),
    { type: 'advance', ms: 100 },
  ];

  it('sends message N to partition N mod 4', () => {
    const { events, errors } = runCommands(1, commands);
    expect(errors).toEqual([]);
    const chosen = events.filter((e) => e.type === 'partitionChosen').map((e) => e.partition);
    expect(chosen).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });

  it('gives each partition offsets 0, 1, 2 ... with no gaps', () => {
    const { state } = runCommands(1, commands);
    for (let p = 0; p < 4; p++) {
      const recs = leaderRecords(state, 'orders', p);
      expect(recs.map((r) => r.offset)).toEqual(recs.map((_, i) => i));
      expect(recs.map((r) => r.value)).toEqual(
        [`m${p}`, `m${p + 4}`, `m${p + 8}`].filter((v) => Number(v.slice(1)) < 10),
      );
    }
  });

  it('starts the counter at a random partition when the scene does not pin it, as Kafka does', () => {
    const starts = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const { events } = runCommands(seed, [
        ...oneBrokerTopic(),
        { type: 'addProducer', producer: 'p', keyless: 'round-robin', lingerMs: 0 },
        ...produceN(1),
      ]);
      const first = events.find((e) => e.type === 'partitionChosen');
      if (first?.type === 'partitionChosen') starts.add(first.partition);
    }
    expect(starts.size).toBeGreaterThan(1);
  });
});

describe('producing with a key', () => {
  it('puts alice on partition 1 and bob on partition 2 of 4, as the Java client does', () => {
    const { events } = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p', lingerMs: 0 },
      { type: 'produce', producer: 'p', topic: 'orders', key: 'alice', value: 'a' },
      { type: 'produce', producer: 'p', topic: 'orders', key: 'bob', value: 'b' },
    ]);
    const chosen = events.flatMap((e) => (e.type === 'partitionChosen' ? [[e.key, e.partition]] : []));
    expect(chosen).toEqual([
      ['alice', 1],
      ['bob', 2],
    ]);
  });

  it('puts alice on partition 3 from a librdkafka client (CRC-32), not 1', () => {
    const { events } = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'py', client: 'librdkafka', lingerMs: 0 },
      { type: 'produce', producer: 'py', topic: 'orders', key: 'alice', value: 'a' },
    ]);
    const chosen = events.find((e) => e.type === 'partitionChosen');
    expect(chosen?.type === 'partitionChosen' && chosen.partition).toBe(3);
  });

  it('sends bob elsewhere once its metadata shows 6 partitions, leaving his old records in place', () => {
    const { state, events } = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p', lingerMs: 0 },
      { type: 'produce', producer: 'p', topic: 'orders', key: 'bob', value: 'before' },
      { type: 'advance', ms: 50 },
      { type: 'addPartitions', topic: 'orders', partitions: 6 },
      { type: 'refreshProducerMetadata', producer: 'p' },
      { type: 'produce', producer: 'p', topic: 'orders', key: 'bob', value: 'after' },
      { type: 'advance', ms: 50 },
    ]);
    const chosen = events.flatMap((e) => (e.type === 'partitionChosen' ? [e.partition] : []));
    expect(chosen).toEqual([2, 0]);
    expect(leaderRecords(state, 'orders', 2).map((r) => r.value)).toEqual(['before']);
    expect(leaderRecords(state, 'orders', 0).map((r) => r.value)).toEqual(['after']);
  });
});

describe('the sticky partitioner (KIP-794)', () => {
  it('keeps keyless records on one partition until about batch.size bytes went there', () => {
    const { events } = runCommands(3, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p', keyless: 'sticky', batchSizeBytes: 50, lingerMs: 10 },
      ...produceN(12),
    ]);
    const chosen = events.flatMap((e) => (e.type === 'partitionChosen' ? [e.partition] : []));
    // Each record is 7 + 2 or 3 bytes, so about five go to a partition before the switch.
    const runs = chosen.flatMap((p, i) => (i > 0 && p === chosen[i - 1] ? [] : [i]));
    expect(runs[0]).toBe(0);
    expect(runs.length).toBeLessThan(chosen.length / 2);
    const firstSwitch = events.find(
      (e) => e.type === 'partitionChosen' && e.how.rule === 'sticky' && e.how.switched && e.recordId !== 'r0',
    );
    expect(firstSwitch).toBeDefined();
  });
});

describe('batching and acks', () => {
  it('holds records until linger.ms passes, then sends them in one request', () => {
    const { events } = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p', lingerMs: 20 },
      { type: 'produce', producer: 'p', topic: 'orders', partition: 0, value: 'a' },
      { type: 'produce', producer: 'p', topic: 'orders', partition: 0, value: 'b' },
      { type: 'advance', ms: 19 },
      { type: 'advance', ms: 30 },
    ]);
    const sent = events.filter((e) => e.type === 'messageSent' && e.message.kind === 'produceRequest');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.atMs).toBe(20);
    expect(events.filter((e) => e.type === 'produceAcked')).toHaveLength(1);
  });

  it('fails acks=all with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas', () => {
    const { events } = runCommands(1, [
      { type: 'createCluster', brokers: 2 },
      {
        type: 'createTopic',
        topic: 't',
        partitions: 1,
        config: { replicationFactor: 2, minInsyncReplicas: 2 },
        replicaAssignment: [[0, 1]],
      },
      // A controlled shutdown takes broker 1 out of the ISR at once (a crash would take 9 s).
      { type: 'shutdownBroker', broker: 1 },
      { type: 'addProducer', producer: 'p', lingerMs: 0 },
      { type: 'produce', producer: 'p', topic: 't', value: 'x' },
      { type: 'advance', ms: 20 },
    ]);
    const failed = events.find((e) => e.type === 'produceFailed');
    expect(failed?.type === 'produceFailed' && failed.error).toBe('NOT_ENOUGH_REPLICAS');
  });
});

describe('the idempotent producer', () => {
  it('retries a batch whose answer was lost without writing it twice', () => {
    const { state, events } = runCommands(1, [
      ...oneBrokerTopic('t', 1),
      { type: 'addProducer', producer: 'p', lingerMs: 0 },
      { type: 'produce', producer: 'p', topic: 't', value: 'once' },
      // The request reaches the leader within 6 ms; then the leader is cut off before its answer lands.
      { type: 'advance', ms: 6 },
      { type: 'isolateBroker', broker: 0 },
      { type: 'advance', ms: 10 },
      { type: 'healBroker', broker: 0 },
      { type: 'advance', ms: 31_000 },
    ]);
    expect(events.some((e) => e.type === 'produceRetried')).toBe(true);
    expect(events.some((e) => e.type === 'duplicateDropped')).toBe(true);
    expect(leaderRecords(state, 't', 0).map((r) => r.value)).toEqual(['once']);
    expect(state.producers.p!.acked).toBe(1);
  });
});

describe('order within a partition', () => {
  it('appends a burst of records for one key in the order they were produced, losing none', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.constantFrom('alice', 'bob', 'carol'), { minLength: 1, maxLength: 40 }),
        (seed, keys) => {
          const { state, errors } = runCommands(seed, [
            ...oneBrokerTopic('t', 4),
            { type: 'addProducer', producer: 'p', lingerMs: 0 },
            ...keys.map(
              (key, i): Command => ({ type: 'produce', producer: 'p', topic: 't', key, value: `v${i}` }),
            ),
            { type: 'advance', ms: 1000 },
          ]);
          expect(errors).toEqual([]);
          for (const key of new Set(keys)) {
            const produced = keys.flatMap((k, i) => (k === key ? [`v${i}`] : []));
            const stored = [0, 1, 2, 3].flatMap((p) =>
              leaderRecords(state, 't', p)
                .filter((r) => r.key === key)
                .map((r) => r.value),
            );
            expect(stored).toEqual(produced);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('changing acks on a running producer', () => {
  it('refuses acks=1 while idempotence is on, and takes it with idempotence off', () => {
    const refused = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p' },
      { type: 'configureProducer', producer: 'p', acks: 1 },
    ]);
    expect(refused.errors).toEqual([
      'configureProducer: INVALID_CONFIG Must set acks to all in order to use the idempotent producer.',
    ]);
    const taken = runCommands(1, [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'p' },
      { type: 'configureProducer', producer: 'p', acks: 1, idempotent: false },
    ]);
    expect(taken.errors).toEqual([]);
    expect(taken.state.producers.p!.config).toMatchObject({ acks: 1, idempotent: false });
  });
});

describe('a librdkafka producer without a key (sticky.partitioning.linger.ms, librdkafka 1.6+)', () => {
  const keyless = (n: number, from = 0): Command[] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'produce' as const,
      producer: 'c',
      topic: 'orders',
      key: null,
      value: `k${from + i}`,
    }));
  const partitionsOf = (events: ReturnType<typeof runCommands>['events']) =>
    events.filter((e) => e.type === 'partitionChosen').map((e) => e.partition);

  it('keeps every record of one 10 ms window on one partition', () => {
    for (let seed = 0; seed < 10; seed++) {
      const { events, errors } = runCommands(seed, [
        ...oneBrokerTopic(),
        { type: 'addProducer', producer: 'c', client: 'librdkafka', lingerMs: 0 },
        ...keyless(12),
        { type: 'advance', ms: 5 },
        ...keyless(4, 12),
      ]);
      expect(errors).toEqual([]);
      expect(new Set(partitionsOf(events)).size).toBe(1);
    }
  });

  it('picks a partition again once the window has passed', () => {
    const windows: number[][] = [];
    const commands: Command[] = [
      ...oneBrokerTopic(),
      { type: 'addProducer', producer: 'c', client: 'librdkafka', lingerMs: 0 },
    ];
    for (let w = 0; w < 12; w++) commands.push(...keyless(3, w * 3), { type: 'advance', ms: 10 });
    const { events } = runCommands(3, commands);
    const parts = partitionsOf(events);
    for (let w = 0; w < 12; w++) windows.push(parts.slice(w * 3, w * 3 + 3));
    expect(windows.every((w) => new Set(w).size === 1)).toBe(true);
    expect(new Set(windows.map((w) => w[0])).size).toBeGreaterThan(1);
  });

  it('draws a partition per record when sticky.partitioning.linger.ms is 0', () => {
    const { events } = runCommands(3, [
      ...oneBrokerTopic(),
      {
        type: 'addProducer',
        producer: 'c',
        client: 'librdkafka',
        lingerMs: 0,
        stickyPartitioningLingerMs: 0,
      },
      ...keyless(16),
    ]);
    expect(new Set(partitionsOf(events)).size).toBeGreaterThan(1);
  });
});

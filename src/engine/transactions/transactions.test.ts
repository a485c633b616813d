/**
 * Transactions as a user of Kafka would recognise them: a committed transaction's records reach a
 * read_committed consumer, an aborted one's never do; the LSO holds read_committed back while a transaction
 * is open; markers take offsets; a newer instance fences a zombie; the idempotence defaults.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import type { EngineState } from '../core/types';
import { leaderRecords, runCommands, runStepwise } from '../testing/test-support';
import { partitionLastStableOffset } from './stable-offset';

const cluster = (): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 'out', partitions: 2 },
  { type: 'addProducer', producer: 'app', transactionalId: 'app-tx', lingerMs: 0 },
  { type: 'initTransactions', producer: 'app' },
];

const reader = (consumer: string, isolationLevel: 'read_committed' | 'read_uncommitted'): Command => ({
  type: 'addConsumer',
  consumer,
  group: consumer,
  topics: ['out'],
  autoOffsetReset: 'earliest',
  isolationLevel,
});

/** The values a consumer processed, in order. */
function processed(events: ReturnType<typeof runCommands>['events'], state: EngineState, consumer: string) {
  const out: string[] = [];
  for (const e of events) {
    if (e.type !== 'recordProcessed' || e.consumer !== consumer) continue;
    const r = leaderRecords(state, e.topic, e.partition).find((x) => x.offset === e.offset);
    out.push(r?.value ?? '?');
  }
  return out;
}

const txn = (values: string[], end: 'commitTransaction' | 'abortTransaction'): Command[] => [
  { type: 'beginTransaction', producer: 'app' },
  ...values.map(
    (value, i): Command => ({ type: 'produce', producer: 'app', topic: 'out', value, partition: i % 2 }),
  ),
  { type: 'advance', ms: 50 },
  { type: end, producer: 'app' },
  { type: 'advance', ms: 50 },
];

describe('transactions', () => {
  it('a read_committed consumer gets the committed records and never the aborted ones; read_uncommitted gets both', () => {
    const { state, events, errors } = runCommands(1, [
      ...cluster(),
      reader('rc', 'read_committed'),
      reader('ru', 'read_uncommitted'),
      ...txn(['c1', 'c2'], 'commitTransaction'),
      ...txn(['a1', 'a2'], 'abortTransaction'),
      { type: 'advance', ms: 10_000 },
    ]);
    expect(errors).toEqual([]);
    expect(processed(events, state, 'rc').sort()).toEqual(['c1', 'c2']);
    expect(processed(events, state, 'ru').sort()).toEqual(['a1', 'a2', 'c1', 'c2']);
  });

  it('writes a marker at an offset on every partition of the transaction, which no consumer ever gets', () => {
    const { state, events } = runCommands(1, [
      ...cluster(),
      reader('ru', 'read_uncommitted'),
      ...txn(['x', 'y'], 'commitTransaction'),
      { type: 'advance', ms: 10_000 },
    ]);
    for (const partition of [0, 1]) {
      const log = leaderRecords(state, 'out', partition);
      expect(log.map((r) => r.control ?? r.value)).toEqual([partition === 0 ? 'x' : 'y', 'COMMIT']);
    }
    const offsets = events.flatMap((e) =>
      e.type === 'recordProcessed' && e.consumer === 'ru' ? [e.offset] : [],
    );
    expect(offsets).toEqual([0, 0]);
    // Its position moved past the marker: offset 1 was skipped, the next record would be at 2.
    expect(state.groups.consumers.ru!.positions['out/0']).toBe(2);
  });

  it('holds a read_committed consumer at the last stable offset while a transaction is open', () => {
    const { state, events } = runCommands(1, [
      ...cluster(),
      { type: 'addProducer', producer: 'plain', lingerMs: 0 },
      reader('rc', 'read_committed'),
      { type: 'beginTransaction', producer: 'app' },
      { type: 'produce', producer: 'app', topic: 'out', value: 'open', partition: 0 },
      { type: 'advance', ms: 50 },
      { type: 'produce', producer: 'plain', topic: 'out', value: 'after', partition: 0 },
      { type: 'advance', ms: 10_000 },
    ]);
    const p = state.topics.out!.partitions[0]!;
    expect(p.highWatermark).toBe(2);
    expect(partitionLastStableOffset(p)).toBe(0);
    // 'after' is not transactional, but it lies past the LSO: read_committed waits for the transaction.
    expect(processed(events, state, 'rc')).toEqual([]);
  });

  it('commits the input offsets with the transaction, and only then', () => {
    const base: Command[] = [
      ...cluster(),
      { type: 'beginTransaction', producer: 'app' },
      {
        type: 'sendOffsetsToTransaction',
        producer: 'app',
        group: 'app-in',
        offsets: [{ topic: 'out', partition: 0, offset: 7 }],
      },
    ];
    const open = runCommands(1, base).state;
    expect(open.groups.groups['app-in']?.offsets['out/0']).toBeUndefined();
    const done = runCommands(1, [...base, { type: 'commitTransaction', producer: 'app' }]).state;
    expect(done.groups.groups['app-in']!.offsets['out/0']!.offset).toBe(7);
    const aborted = runCommands(1, [...base, { type: 'abortTransaction', producer: 'app' }]).state;
    expect(aborted.groups.groups['app-in']?.offsets['out/0']).toBeUndefined();
  });

  it("a second instance with the same transactional.id bumps the epoch, aborts the zombie's transaction and fences it", () => {
    const { state, errors } = runCommands(1, [
      ...cluster(),
      { type: 'beginTransaction', producer: 'app' },
      { type: 'produce', producer: 'app', topic: 'out', value: 'zombie', partition: 0 },
      { type: 'advance', ms: 50 },
      { type: 'addProducer', producer: 'app-2', transactionalId: 'app-tx', lingerMs: 0 },
      { type: 'initTransactions', producer: 'app-2' },
      { type: 'commitTransaction', producer: 'app' },
    ]);
    expect(errors).toEqual([expect.stringMatching(/^commitTransaction: PRODUCER_FENCED/)]);
    const m = state.transactions.transactions['app-tx']!;
    expect(m.producerEpoch).toBe(1);
    expect(m.owner).toBe('app-2');
    expect(leaderRecords(state, 'out', 0).map((r) => r.control ?? r.value)).toEqual(['zombie', 'ABORT']);
    expect(partitionLastStableOffset(state.topics.out!.partitions[0]!)).toBe(2);
  });

  it('refuses a send outside a transaction, and before initTransactions', () => {
    const { errors } = runCommands(1, [
      { type: 'createCluster', brokers: 1 },
      { type: 'createTopic', topic: 'out', partitions: 1 },
      { type: 'addProducer', producer: 'app', transactionalId: 'app-tx' },
      { type: 'produce', producer: 'app', topic: 'out', value: 'x' },
      { type: 'initTransactions', producer: 'app' },
      { type: 'produce', producer: 'app', topic: 'out', value: 'x' },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^produce: INVALID_TXN_STATE Cannot send before completing a call to initTransactions/,
      ),
      expect.stringMatching(/^produce: INVALID_TXN_STATE .*in state READY/),
    ]);
  });

  it('bumps the epoch at every EndTxn (transaction version 2) and gives every idempotent producer an id', () => {
    const { state } = runCommands(1, [
      ...cluster(),
      { type: 'addProducer', producer: 'plain' },
      ...txn(['a'], 'commitTransaction'),
      ...txn(['b'], 'abortTransaction'),
    ]);
    expect(state.transactions.producerIds.app).toEqual({ producerId: 0, producerEpoch: 2 });
    expect(state.transactions.producerIds.plain).toEqual({ producerId: 1, producerEpoch: 0 });
    const markers = leaderRecords(state, 'out', 0).filter((r) => r.control);
    expect(markers.map((r) => [r.control, r.producerEpoch])).toEqual([
      ['COMMIT', 1],
      ['ABORT', 2],
    ]);
  });
});

describe('idempotence defaults (ProducerConfig)', () => {
  it('is on by default, silently off with acks=1 unless asked for, and refused with acks=1 when asked for', () => {
    const { state, errors } = runCommands(1, [
      { type: 'createCluster', brokers: 1 },
      { type: 'addProducer', producer: 'default' },
      { type: 'addProducer', producer: 'fast', acks: 1 },
      { type: 'addProducer', producer: 'both', acks: 1, idempotent: true },
      { type: 'addProducer', producer: 'tx', acks: 1, transactionalId: 't' },
    ]);
    expect(state.producers.default!.config.idempotent).toBe(true);
    expect(state.producers.fast!.config.idempotent).toBe(false);
    expect(errors).toEqual([
      'addProducer: INVALID_CONFIG Must set acks to all in order to use the idempotent producer.',
      'addProducer: INVALID_CONFIG Cannot set a transactional.id without also enabling idempotence.',
    ]);
  });
});

describe('invariants along a transactional run', () => {
  it('hold after every step', () => {
    runStepwise(
      3,
      [
        ...cluster(),
        reader('rc', 'read_committed'),
        ...txn(['a', 'b', 'c'], 'commitTransaction'),
        ...txn(['d'], 'abortTransaction'),
      ],
      (r, c) => {
        const problems = checkInvariants(r.state);
        if (problems.length > 0) throw new Error(`after ${JSON.stringify(c)}: ${problems.join('; ')}`);
      },
    );
  });
});

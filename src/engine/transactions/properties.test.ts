/**
 * Properties of transactions over random runs of transactions (committed, aborted, left open), plain
 * writes, broker failures and the passing of time, read by a read_committed and a read_uncommitted consumer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptRecords } from '../broker/log';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import { checkInvariants } from '../core/invariants';
import type { EngineState } from '../core/types';
import { runStepwise } from '../testing/test-support';
import { partitionLastStableOffset, transactionRanges } from './stable-offset';

const setup: Command[] = [
  { type: 'createCluster', brokers: 3 },
  {
    type: 'createTopic',
    topic: 'out',
    partitions: 2,
    config: { replicationFactor: 3, minInsyncReplicas: 2 },
  },
  { type: 'addProducer', producer: 'app', transactionalId: 'app-tx', lingerMs: 0, requestTimeoutMs: 1000 },
  { type: 'addProducer', producer: 'plain', lingerMs: 0, requestTimeoutMs: 1000 },
  { type: 'initTransactions', producer: 'app' },
  ...(['read_committed', 'read_uncommitted'] as const).map(
    (isolationLevel): Command => ({
      type: 'addConsumer',
      consumer: isolationLevel === 'read_committed' ? 'rc' : 'ru',
      group: isolationLevel,
      topics: ['out'],
      autoOffsetReset: 'earliest',
      isolationLevel,
    }),
  ),
];

const step: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Command>({ type: 'beginTransaction', producer: 'app' }) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom('app', 'plain'), fc.integer({ min: 0, max: 1 }), fc.string({ maxLength: 4 }))
      .map(
        ([producer, partition, value]): Command => ({
          type: 'produce',
          producer,
          topic: 'out',
          partition,
          value,
        }),
      ),
  },
  { weight: 2, arbitrary: fc.constant<Command>({ type: 'commitTransaction', producer: 'app' }) },
  { weight: 2, arbitrary: fc.constant<Command>({ type: 'abortTransaction', producer: 'app' }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'killBroker' as const,
          'restartBroker' as const,
          'isolateBroker' as const,
          'healBroker' as const,
        ),
        fc.integer({ min: 0, max: 2 }),
      )
      .map(([type, broker]): Command => ({ type, broker })),
  },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms): Command => ({ type: 'advance', ms })) },
);

/** Offsets of records of aborted transactions, per partition, as the final leader logs say. */
function abortedOffsets(state: EngineState): Set<string> {
  const out = new Set<string>();
  for (const p of state.topics.out!.partitions) {
    if (p.leader === null) continue;
    const log = p.logs[p.leader]!;
    for (const t of transactionRanges(log)) {
      if (t.marker?.type !== 'ABORT') continue;
      for (const r of keptRecords(log))
        if (
          r.producerId === t.producer &&
          r.transactional &&
          r.offset >= t.firstOffset &&
          r.offset <= t.lastOffset
        )
          out.add(`${p.partition}@${r.offset}`);
    }
  }
  return out;
}

function run(seed: number, commands: Command[]) {
  const readCommitted: { partition: number; offset: number; recordId: string }[] = [];
  const result = runStepwise(
    seed,
    [
      ...setup,
      ...commands,
      { type: 'healBroker', broker: 0 },
      { type: 'healBroker', broker: 1 },
      { type: 'healBroker', broker: 2 },
      { type: 'advance', ms: 20_000 },
    ],
    (r, c) => {
      if (!r.ok) return;
      const problems = checkInvariants(r.state);
      if (problems.length > 0) throw new Error(`after ${JSON.stringify(c)}: ${problems.join('; ')}`);
      for (const e of r.events as EngineEvent[]) {
        if (e.type !== 'recordProcessed' || e.consumer !== 'rc') continue;
        const p = r.state.topics.out!.partitions[e.partition]!;
        // Never past the last stable offset: everything read_committed got lies below it.
        const lso = partitionLastStableOffset(p);
        if (e.offset >= lso)
          throw new Error(`rc read offset ${e.offset} of out/${e.partition} at LSO ${lso}`);
        readCommitted.push({ partition: e.partition, offset: e.offset, recordId: e.recordId });
      }
    },
  );
  return { ...result, readCommitted };
}

describe('transactions, whatever happens', () => {
  it('a read_committed consumer never sees an aborted record and never reads past the LSO', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(step, { maxLength: 40 }), (seed, commands) => {
        const { state, readCommitted } = run(seed, commands);
        const aborted = abortedOffsets(state);
        for (const r of readCommitted) expect(aborted.has(`${r.partition}@${r.offset}`)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('appends every record at most once, however often its batch is retried', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(step, { maxLength: 40 }), (seed, commands) => {
        const { state } = run(seed, commands);
        for (const p of state.topics.out!.partitions) {
          if (p.leader === null) continue;
          const ids = keptRecords(p.logs[p.leader]!).map((r) => r.id);
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * Properties of the consumer protocol over random runs of joins, crashes, leaves, records, new partitions
 * and broker failures: no partition ever has two owners, and once membership stops changing every member
 * converges to the target assignment at the group epoch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { tpKey } from '../core/types';
import { runStepwise } from '../testing/test-support';
import { CONSUMER_SESSION_TIMEOUT_MS } from './types';

const CONSUMERS = ['n1', 'n2', 'n3', 'n4'];

const setup: Command[] = [
  { type: 'createCluster', brokers: 3 },
  { type: 'createTopic', topic: 't', partitions: 5, config: { replicationFactor: 3 } },
  { type: 'addProducer', producer: 'p', keyless: 'round-robin', lingerMs: 0 },
];

function commands(withBrokerFailures: boolean): fc.Arbitrary<Command[]> {
  const consumer = fc.constantFrom(...CONSUMERS);
  const options: fc.Arbitrary<Command>[] = [
    fc.tuple(consumer, fc.constantFrom<'uniform' | 'range'>('uniform', 'range')).map(
      ([c, assignor]): Command => ({
        type: 'addModernConsumer',
        consumer: c,
        group: 'g',
        topics: ['t'],
        assignor,
        autoOffsetReset: 'earliest',
      }),
    ),
    consumer.map((c): Command => ({ type: 'killModernConsumer', consumer: c })),
    consumer.map((c): Command => ({ type: 'closeModernConsumer', consumer: c })),
    fc.integer({ min: 0, max: 8000 }).map((ms): Command => ({ type: 'advance', ms })),
    fc.integer({ min: 0, max: 30 }).map((ms): Command => ({ type: 'advance', ms })),
    fc.constant<Command>({ type: 'produce', producer: 'p', topic: 't', value: 'v' }),
    fc.constant<Command>({ type: 'addPartitions', topic: 't', partitions: 7 }),
  ];
  if (withBrokerFailures)
    options.push(
      fc.integer({ min: 0, max: 2 }).map((b): Command => ({ type: 'killBroker', broker: b })),
      fc.integer({ min: 0, max: 2 }).map((b): Command => ({ type: 'restartBroker', broker: b })),
    );
  return fc.array(fc.oneof(...options), { maxLength: 40 }).map((cs) => [...setup, ...cs]);
}

describe('consumer protocol properties', () => {
  it('no partition is owned by two running members of a group at any instant, whatever happens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), commands(true), (seed, cs) => {
        runStepwise(seed, cs, (r) => {
          if (r.ok) expect(checkInvariants(r.state)).toEqual([]);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('once membership stops changing, every member reaches its target at the group epoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), commands(false), (seed, cs) => {
        const settle: Command = { type: 'advance', ms: CONSUMER_SESSION_TIMEOUT_MS + 30_000 };
        const { state } = runStepwise(seed, [...cs, settle]);
        const group = state.modernGroups.groups.g;
        const running = Object.values(state.modernGroups.consumers).filter(
          (c) => c.status !== 'dead' && c.status !== 'closed',
        );
        // An empty group keeps its last target epoch: the next heartbeat computes a target, none comes.
        if (!group || running.length === 0) return;
        expect(group.assignmentEpoch).toBe(group.groupEpoch);
        expect(Object.keys(group.members).sort()).toEqual(running.map((c) => c.memberId).sort());
        const owners = new Set<string>();
        for (const c of running) {
          const m = group.members[c.memberId]!;
          expect(m.memberEpoch).toBe(group.groupEpoch);
          expect(m.state).toBe('STABLE');
          expect(c.memberEpoch).toBe(group.groupEpoch);
          const keys = (tps: readonly { topic: string; partition: number }[]) =>
            tps.map((tp) => tpKey(tp.topic, tp.partition)).sort();
          expect(keys(c.owned)).toEqual(keys(group.target[c.memberId] ?? []));
          for (const k of keys(c.owned)) owners.add(k);
        }
        // Every partition of the topic is read by someone when anyone runs.
        const partitions = state.topics.t!.partitions.length;
        if (running.length > 0) expect(owners.size).toBe(partitions);
      }),
      { numRuns: 60 },
    );
  });
});

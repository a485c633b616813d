/** The talk's consumer-group scenes as event-list tests. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { clusterWithTopic, consumer, only, partitionsOf, produce } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import { groupLag, groupLagTotals } from './lag';

const run = (commands: Command[]) => {
  const r = runCommands(4, commands);
  expect(r.errors).toEqual([]);
  expect(checkInvariants(r.state)).toEqual([]);
  return r;
};

const processedBy = (events: ReturnType<typeof run>['events'], c: string) =>
  only(events, 'recordProcessed').filter((e) => e.consumer === c);

describe('one consumer', () => {
  it('reads all four partitions, every record once, in offset order per partition', () => {
    const { events, state } = run([
      ...clusterWithTopic(),
      consumer('a', 'billing'),
      ...produce(12),
      { type: 'advance', ms: 10_000 },
    ]);
    const assigned = only(events, 'partitionsAssigned');
    expect(assigned).toHaveLength(1);
    expect(partitionsOf(assigned[0]!.partitions)).toEqual([0, 1, 2, 3]);
    const processed = processedBy(events, 'a');
    expect(processed).toHaveLength(12);
    expect(processed.every((e) => !e.redelivered)).toBe(true);
    for (let p = 0; p < 4; p++)
      expect(processed.filter((e) => e.partition === p).map((e) => e.offset)).toEqual([0, 1, 2]);
    expect(groupLagTotals(state, 'billing')).toMatchObject({ totalLag: 0, uncommitted: 0, partitions: 4 });
  });
});

describe('two groups on one topic', () => {
  it('each reads every record, with its own committed offsets and lag', () => {
    const { events, state } = run([
      ...clusterWithTopic(),
      consumer('billing-1', 'billing'),
      consumer('audit-1', 'audit', { autoCommit: false }),
      ...produce(8),
      { type: 'advance', ms: 10_000 },
    ]);
    expect(processedBy(events, 'billing-1')).toHaveLength(8);
    expect(processedBy(events, 'audit-1')).toHaveLength(8);
    // billing auto-commits; audit never commits, so its lag stays unknown while billing's is 0.
    expect(groupLag(state, 'billing').map((r) => r.committedOffset)).toEqual([2, 2, 2, 2]);
    expect(groupLag(state, 'audit').map((r) => r.committedOffset)).toEqual([null, null, null, null]);
    expect(only(events, 'offsetCommitted').every((e) => e.group === 'billing')).toBe(true);
  });

  it('pausing one group does not slow the other', () => {
    const { events, state } = run([
      ...clusterWithTopic(),
      consumer('billing-1', 'billing'),
      consumer('audit-1', 'audit'),
      { type: 'advance', ms: 8000 },
      { type: 'pauseConsumer', consumer: 'audit-1' },
      ...produce(8),
      { type: 'advance', ms: 8000 },
    ]);
    expect(processedBy(events, 'billing-1')).toHaveLength(8);
    expect(processedBy(events, 'audit-1')).toHaveLength(0);
    expect(groupLagTotals(state, 'audit').totalLag).toBe(8);
    expect(groupLagTotals(state, 'billing').totalLag).toBe(0);
    // Paused, it still heartbeats and keeps its partitions: no rebalance.
    expect(state.groups.groups.audit?.state).toBe('Stable');
  });
});

describe('a consumer of three dies before committing', () => {
  const commands: Command[] = [
    ...clusterWithTopic(),
    consumer('a', 'g'),
    consumer('b', 'g'),
    consumer('c', 'g'),
    { type: 'advance', ms: 10_000 },
    ...produce(8),
    { type: 'advance', ms: 400 },
    { type: 'killConsumer', consumer: 'b' },
    { type: 'advance', ms: 60_000 },
  ];

  it('stops heartbeating, is removed after session.timeout.ms, and its partition moves', () => {
    const { events } = run(commands);
    const killedAt = only(events, 'consumerKilled')[0]!.atMs;
    const lastHeartbeat = only(events, 'messageSent')
      .filter((e) => e.message.kind === 'heartbeat' && e.message.from === 'consumer:b')
      .at(-1)!;
    expect(lastHeartbeat.atMs).toBeLessThan(killedAt);
    const expired = only(events, 'sessionExpired')[0]!;
    expect(expired.consumer).toBe('b');
    expect(expired.atMs - lastHeartbeat.message.arrivesAtMs).toBeGreaterThanOrEqual(45_000);
    expect(expired.atMs - killedAt).toBeLessThanOrEqual(45_000);
    const second = only(events, 'assignmentComputed').at(-1)!;
    expect(second.generationId).toBe(2);
    expect(Object.values(second.consumers).sort()).toEqual(['a', 'c']);
    // Range over a and c: a keeps 0 and 1, c takes b's partition 2 and keeps 3.
    const owner = (m: string) => partitionsOf(second.assignment[m]!);
    const byConsumer = Object.fromEntries(Object.entries(second.consumers).map(([m, c]) => [c, owner(m)]));
    expect(byConsumer).toEqual({ a: [0, 1], c: [2, 3] });
  });

  it('makes the new owner read again what b processed but never committed (at-least-once)', () => {
    const { events } = run(commands);
    const byB = processedBy(events, 'b');
    expect(byB.length).toBeGreaterThan(0);
    const again = processedBy(events, 'c').filter((e) => e.partition === 2);
    expect(again.map((e) => e.offset)).toEqual(byB.map((e) => e.offset));
    expect(again.every((e) => e.redelivered)).toBe(true);
    expect(again.map((e) => e.recordId)).toEqual(byB.map((e) => e.recordId));
    // Nobody else saw a duplicate.
    expect(only(events, 'recordProcessed').filter((e) => e.redelivered && e.partition !== 2)).toEqual([]);
  });
});

describe('more consumers than partitions', () => {
  it('leaves the fifth consumer on a four-partition topic idle, though a member that heartbeats', () => {
    const { events, state } = run([
      ...clusterWithTopic(),
      ...['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => consumer(c, 'g')),
      ...produce(8),
      { type: 'advance', ms: 15_000 },
    ]);
    const assigned = only(events, 'partitionsAssigned');
    expect(assigned.map((e) => [e.consumer, partitionsOf(e.partitions)]).sort()).toEqual([
      ['c1', [0]],
      ['c2', [1]],
      ['c3', [2]],
      ['c4', [3]],
      ['c5', []],
    ]);
    expect(processedBy(events, 'c5')).toEqual([]);
    expect(state.groups.groups.g?.memberIds).toHaveLength(5);
    const heartbeats = only(events, 'messageSent').filter(
      (e) => e.message.kind === 'heartbeat' && e.message.from === 'consumer:c5',
    );
    expect(heartbeats.length).toBeGreaterThan(1);
  });
});

describe('restart', () => {
  it('resumes from the group committed offset, not from auto.offset.reset', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g'),
      ...produce(8),
      { type: 'advance', ms: 12_000 },
      { type: 'closeConsumer', consumer: 'a' },
      { type: 'advance', ms: 1000 },
      ...produce(4, 'orders', 8),
      { type: 'restartConsumer', consumer: 'a' },
      { type: 'advance', ms: 12_000 },
    ]);
    const fetched = only(events, 'offsetsFetched');
    expect(fetched.at(-1)!.offsets.map((o) => o.committedOffset)).toEqual([2, 2, 2, 2]);
    const processed = processedBy(events, 'a');
    expect(processed).toHaveLength(12);
    expect(processed.filter((e) => e.redelivered)).toEqual([]);
  });
});

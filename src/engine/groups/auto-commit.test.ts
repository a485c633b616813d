/**
 * When a group first commits, and where a member starts when nothing is committed yet: the Java consumer
 * restarts its auto-commit timer when a join completes (ConsumerCoordinator.onJoinComplete), and a
 * partition without a committed offset starts where auto.offset.reset says.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { clusterWithTopic, consumer, only, produce } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import { AUTO_COMMIT_INTERVAL_MS, POLL_INTERVAL_MS } from './config';
import { groupLag } from './lag';
import type { OffsetResetStrategy } from './types';

const run = (commands: Command[]) => {
  const r = runCommands(4, commands);
  expect(r.errors).toEqual([]);
  expect(checkInvariants(r.state)).toEqual([]);
  return r;
};

describe('the first auto-commit of a new group', () => {
  const start: Command[] = [...clusterWithTopic(), consumer('a', 'g'), ...produce(8)];

  it('comes auto.commit.interval.ms after the join completes, not after the consumer started', () => {
    const { events } = run([...start, { type: 'advance', ms: 20_000 }]);
    const joinedAt = only(events, 'partitionsAssigned')[0]!.atMs;
    const firstCommitAt = only(events, 'offsetCommitted')[0]!.atMs;
    expect(firstCommitAt).toBeGreaterThanOrEqual(joinedAt + AUTO_COMMIT_INTERVAL_MS);
    // The next poll after the interval sends it; the answer is a few ms of network away.
    expect(firstCommitAt).toBeLessThan(joinedAt + AUTO_COMMIT_INTERVAL_MS + 2 * POLL_INTERVAL_MS);
  });

  it('leaves the group without a committed offset (lag unknown) while it processes, for those 5 s', () => {
    const { events } = run([...start, { type: 'advance', ms: 20_000 }]);
    const joinedAt = only(events, 'partitionsAssigned')[0]!.atMs;
    // Replayed to 4.5 s after the join: every record is processed, and still nothing is committed.
    const { state, events: early } = run([...start, { type: 'advance', ms: joinedAt + 4500 - 50 }]);
    expect(state.now).toBe(joinedAt + 4500);
    expect(only(early, 'recordProcessed')).toHaveLength(8);
    expect(groupLag(state, 'g').map((r) => [r.committedOffset, r.lag])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('restarts at every completed join: a rebalance puts the next auto-commit 5 s after it', () => {
    const { events } = run([
      ...start,
      { type: 'advance', ms: 7000 },
      consumer('b', 'g'),
      { type: 'advance', ms: 20_000 },
    ]);
    const secondJoin = only(events, 'partitionsAssigned').filter((e) => e.consumer === 'a')[1]!.atMs;
    const afterJoin = only(events, 'offsetCommitted').filter((e) => e.atMs > secondJoin);
    expect(afterJoin.length).toBeGreaterThan(0);
    expect(afterJoin[0]!.atMs).toBeGreaterThanOrEqual(secondJoin + AUTO_COMMIT_INTERVAL_MS);
  });
});

/**
 * a reads four records and dies 3 s after its join, before its first auto-commit; four more are written
 * while it is dead; b takes its partitions after a's session times out. With nothing committed, b starts
 * where auto.offset.reset says.
 */
function takeOverBeforeFirstCommit(reset: OffsetResetStrategy) {
  const fast = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000, autoOffsetReset: reset };
  return run([
    ...clusterWithTopic(),
    consumer('a', 'g', { ...fast, autoOffsetReset: 'earliest' }),
    { type: 'advance', ms: 4000 },
    ...produce(4),
    { type: 'advance', ms: 2000 },
    { type: 'killConsumer', consumer: 'a' },
    ...produce(4, 'orders', 4),
    consumer('b', 'g', fast),
    { type: 'advance', ms: 20_000 },
    ...produce(4, 'orders', 8),
    { type: 'advance', ms: 2000 },
  ]);
}

describe('auto.offset.reset, when a partition has no committed offset', () => {
  it('earliest: the new owner starts at the log start and reads again what a had processed', () => {
    const { events } = takeOverBeforeFirstCommit('earliest');
    expect(only(events, 'offsetCommitted').filter((e) => e.consumer === 'a')).toEqual([]);
    const byB = only(events, 'recordProcessed').filter((e) => e.consumer === 'b');
    expect(byB).toHaveLength(12);
    expect(byB.filter((e) => e.redelivered)).toHaveLength(4);
    expect(
      only(events, 'offsetReset')
        .filter((e) => e.consumer === 'b')
        .map((e) => e.offset),
    ).toEqual([0, 0, 0, 0]);
  });

  it('latest (the Java default): it starts at the log end and skips what was written while a was dead', () => {
    const { events } = takeOverBeforeFirstCommit('latest');
    const byB = only(events, 'recordProcessed').filter((e) => e.consumer === 'b');
    // Only the four written after b took over; m4..m7 are never read by the group.
    expect(byB).toHaveLength(4);
    expect(byB.every((e) => !e.redelivered)).toBe(true);
    expect(
      only(events, 'offsetReset')
        .filter((e) => e.consumer === 'b')
        .map((e) => e.offset),
    ).toEqual([2, 2, 2, 2]);
  });
});

/**
 * Properties of groups over random runs of joins, leaves, crashes, restarts, pauses, commits, produces and
 * broker failures: the invariants hold after every step, and a group with a live member settles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { canonical, formatTrace } from '../core/trace';
import type { EngineState } from '../core/types';
import { runStepwise } from '../testing/test-support';
import { groupLag } from './lag';
import { isRunning } from './slice';
import { type AssignorName, tpKey } from './types';

const CONSUMERS = ['c1', 'c2', 'c3', 'c4', 'c5'];
const SESSION_TIMEOUT_MS = 6000;
const MAX_POLL_INTERVAL_MS = 20_000;
/** Session timeout, then a join phase that may wait for the rebalance timeout, then two more rounds. */
const SETTLE_MS = SESSION_TIMEOUT_MS + MAX_POLL_INTERVAL_MS + 20_000;

/** A group member as the runs add it: fast sessions, three records a poll, metadata refreshed every 5 s. */
function addConsumer(c: string, topics: string[], assignor?: AssignorName): Command {
  return {
    type: 'addConsumer',
    consumer: c,
    group: 'g',
    topics,
    ...(assignor ? { assignor } : {}),
    autoOffsetReset: 'earliest',
    sessionTimeoutMs: SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: 1000,
    maxPollIntervalMs: MAX_POLL_INTERVAL_MS,
    maxPollRecords: 3,
    metadataMaxAgeMs: 5000,
  };
}

/** Three brokers, topics t (4 partitions) and u (2), both RF 3 with min ISR 2, and producer p (acks=all). */
function cluster(): Command[] {
  return [
    { type: 'createCluster', brokers: 3 },
    {
      type: 'createTopic',
      topic: 't',
      partitions: 4,
      config: { replicationFactor: 3, minInsyncReplicas: 2 },
    },
    {
      type: 'createTopic',
      topic: 'u',
      partitions: 2,
      config: { replicationFactor: 3, minInsyncReplicas: 2 },
    },
    { type: 'addProducer', producer: 'p', lingerMs: 0 },
  ];
}

/** The cluster and three members of group g (c3 also reads u), 4 s in: the group is still forming. */
const groupOfThree = (): Command[] => [
  ...cluster(),
  addConsumer('c1', ['t']),
  addConsumer('c2', ['t']),
  addConsumer('c3', ['t', 'u']),
  { type: 'advance', ms: 4000 },
];

function arbitraryRun(): fc.Arbitrary<{ seed: number; commands: Command[] }> {
  const consumer = fc.constantFrom(...CONSUMERS);
  const assignor = fc.constantFrom<AssignorName | undefined>(
    'range',
    'roundrobin',
    'sticky',
    'cooperative-sticky',
    undefined,
  );
  return fc.tuple(fc.integer(), assignor).chain(([seed, a]) => {
    const add = (c: string, topics: string[]) => addConsumer(c, topics, a);
    const cmd: fc.Arbitrary<Command> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(consumer, fc.constantFrom(['t'], ['t', 'u'])).map(([c, t]) => add(c, [...t])),
      },
      { weight: 2, arbitrary: consumer.map((c): Command => ({ type: 'killConsumer', consumer: c })) },
      { weight: 2, arbitrary: consumer.map((c): Command => ({ type: 'closeConsumer', consumer: c })) },
      { weight: 2, arbitrary: consumer.map((c): Command => ({ type: 'restartConsumer', consumer: c })) },
      { weight: 1, arbitrary: consumer.map((c): Command => ({ type: 'pauseConsumer', consumer: c })) },
      { weight: 1, arbitrary: consumer.map((c): Command => ({ type: 'resumeConsumer', consumer: c })) },
      { weight: 1, arbitrary: consumer.map((c): Command => ({ type: 'commitSync', consumer: c })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(consumer, fc.constantFrom(['t'], ['t', 'u'], ['u']))
          .map(([c, topics]): Command => ({ type: 'subscribe', consumer: c, topics: [...topics] })),
      },
      {
        weight: 4,
        arbitrary: fc
          .constantFrom('t', 'u')
          .map((topic): Command => ({ type: 'produce', producer: 'p', topic, value: 'v' })),
      },
      {
        weight: 5,
        arbitrary: fc.integer({ min: 0, max: 8000 }).map((ms): Command => ({ type: 'advance', ms })),
      },
      { weight: 1, arbitrary: fc.constant<Command>({ type: 'addPartitions', topic: 't', partitions: 6 }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 2 }).map((broker): Command => ({ type: 'killBroker', broker })),
      },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 0, max: 2 })
          .map((broker): Command => ({ type: 'restartBroker', broker })),
      },
    );
    const setup: Command[] = [
      ...cluster(),
      add('c1', ['t']),
      add('c2', ['t']),
      add('c3', ['t', 'u']),
      { type: 'advance', ms: 4000 },
    ];
    return fc
      .array(cmd, { minLength: 8, maxLength: 40 })
      .map((cs) => ({ seed, commands: [...setup, ...cs] }));
  });
}

function runChecked(seed: number, commands: readonly Command[]) {
  return runStepwise(seed, commands, (r, c) => {
    const problems = checkInvariants(r.state);
    if (problems.length > 0) throw new Error(`after ${JSON.stringify(c)}: ${problems.join('; ')}`);
  });
}

const runningMembers = (state: EngineState) =>
  Object.values(state.groups.consumers).filter((c) => c.group === 'g' && isRunning(c));

/** A partition of a subscribed topic is only guaranteed an owner once every broker is back. */
const heal = (): Command[] => [0, 1, 2].map((broker): Command => ({ type: 'restartBroker', broker }));

describe('groups under random joins, leaves and crashes', () => {
  it('keep every invariant after every step (one owner, subscribed topics only, committed <= HW)', () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ seed, commands }) => {
        runChecked(seed, [...commands, { type: 'advance', ms: 10_000 }]);
      }),
      { numRuns: Number(process.env.GROUP_RUNS ?? 40) },
    );
  }, 120_000);

  it('return to Stable, every subscribed partition owned by exactly one live member, when one lives', () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ seed, commands }) => {
        const { state } = runChecked(seed, [...commands, ...heal(), { type: 'advance', ms: SETTLE_MS }]);
        const live = runningMembers(state).filter((c) => c.status !== 'failed');
        if (live.length === 0) return;
        const group = state.groups.groups.g!;
        expect(group.state).toBe('Stable');
        expect(group.memberIds.map((id) => group.members[id]!.consumer).sort()).toEqual(
          live.map((c) => c.id).sort(),
        );
        const owners = new Map<string, string>();
        for (const c of live) {
          const member = group.members[c.memberId]!;
          expect(c.owned.map((tp) => tpKey(tp.topic, tp.partition)).sort()).toEqual(
            (group.assignment[c.memberId] ?? []).map((tp) => tpKey(tp.topic, tp.partition)).sort(),
          );
          for (const tp of c.owned) {
            expect(member.topics).toContain(tp.topic);
            owners.set(tpKey(tp.topic, tp.partition), c.id);
          }
        }
        const subscribed = new Set(live.flatMap((c) => c.config.topics));
        for (const topic of subscribed)
          for (const p of state.topics[topic]!.partitions)
            expect(owners.has(tpKey(topic, p.partition))).toBe(true);
      }),
      { numRuns: Number(process.env.GROUP_RUNS ?? 40) },
    );
  }, 120_000);

  it('rejoin after a JoinGroup lost with its coordinator, though a commit was answered meanwhile (fast-check seed 775607441)', () => {
    // c2's JoinGroup reached broker 1 just as it died; its earlier commit was answered, which once cleared
    // the one request deadline, so c2 waited for its join forever. Each request times out on its own.
    const produce: Command = { type: 'produce', producer: 'p', topic: 't', value: 'v' };
    const commands: Command[] = [
      ...groupOfThree(),
      { type: 'advance', ms: 2025 },
      { type: 'closeConsumer', consumer: 'c1' },
      produce,
      produce,
      { type: 'killConsumer', consumer: 'c1' },
      // 989 ms since auto-commit restarts its timer at each join (ConsumerCoordinator.onJoinComplete):
      // c2's rejoin commit is still answered just before broker 1 dies.
      { type: 'advance', ms: 989 },
      produce,
      { type: 'killBroker', broker: 1 },
      ...heal(),
      { type: 'advance', ms: SETTLE_MS },
    ];
    const { state, events } = runChecked(-1655372454, commands);
    const group = state.groups.groups.g!;
    expect(group.state).toBe('Stable');
    expect(group.memberIds.map((id) => group.members[id]!.consumer).sort()).toEqual(['c2', 'c3']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'coordinatorLost', consumer: 'c2', reason: 'request timed out' }),
    );
  }, 60_000);

  it('keep the processed bookkeeping equal to what recordProcessed events say, and lag equal to HW - committed', () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ seed, commands }) => {
        const { state, events } = runChecked(seed, [...commands, { type: 'advance', ms: 10_000 }]);
        const ends: Record<string, number> = {};
        for (const e of events) {
          if (e.type !== 'recordProcessed') continue;
          const key = tpKey(e.topic, e.partition);
          ends[key] = Math.max(ends[key] ?? 0, e.offset + 1);
        }
        expect(state.groups.processed.g ?? {}).toEqual(ends);
        for (const row of groupLag(state, 'g')) {
          if (row.committedOffset === null) expect(row.lag).toBeNull();
          else expect(row.lag).toBe(Math.max(0, row.highWatermark - row.committedOffset));
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('count no record read while rebalancing by an eager group, and never more than the group read (KIP-429)', () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ seed, commands }) => {
        const { state, events } = runChecked(seed, [...commands, { type: 'advance', ms: 10_000 }]);
        const cooperative = commands.some(
          (c) => c.type === 'addConsumer' && c.assignor === 'cooperative-sticky',
        );
        const during = state.groups.processedWhileRebalancing.g ?? 0;
        const read = events.filter((e) => e.type === 'recordProcessed' && e.group === 'g').length;
        expect(during).toBeLessThanOrEqual(read);
        // An eager member revokes everything before its JoinGroup (onJoinPrepare): nothing to read until SyncGroup.
        if (!cooperative) expect(during).toBe(0);
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('are deterministic: one seed and command list give the same trace and state', () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ seed, commands }) => {
        const a = runChecked(seed, commands);
        const b = runChecked(seed, commands);
        expect(formatTrace(b.events)).toBe(formatTrace(a.events));
        expect(canonical(b.state)).toBe(canonical(a.state));
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});

describe('a committed offset after a leader fails over', () => {
  // Found by the bookkeeping property above (fast-check seed 314186996), shrunk: the leader of u/1 advances
  // its HW to 1, the group commits 1, and the leader dies before its followers' next fetch tells them.
  const commands: Command[] = [
    ...groupOfThree(),
    // Found at 2518 ms; 3000 ms later now that the first auto-commit waits 5 s after the join.
    { type: 'advance', ms: 5518 },
    { type: 'produce', producer: 'p', topic: 'u', value: 'v' },
    { type: 'addPartitions', topic: 't', partitions: 6 },
    { type: 'closeConsumer', consumer: 'c1' },
    { type: 'advance', ms: 500 },
    // Found with an instant fail-over, which a controlled shutdown still is (a crash now waits 9 s).
    { type: 'shutdownBroker', broker: 0 },
  ];

  it('may sit above the new leader’s HW until a follower fetches, never above its log end', () => {
    const { state } = runChecked(1243852590, commands);
    const committed = state.groups.groups.g?.offsets['u/1']?.offset ?? 0;
    const u1 = state.topics.u!.partitions[1]!;
    expect(committed).toBe(1);
    expect(u1.leader).not.toBe(0);
    expect(u1.highWatermark).toBeLessThan(committed);
    expect(u1.logs[u1.leader!]!.logEndOffset).toBeGreaterThanOrEqual(committed);
    const later = runChecked(1243852590, [...commands, { type: 'advance', ms: 2000 }]).state;
    expect(later.topics.u!.partitions[1]!.highWatermark).toBeGreaterThanOrEqual(committed);
  });
});

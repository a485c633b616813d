/** The classic group protocol, run through the engine: join, leader, generations, sync, heartbeats, leaving. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { clusterWithTopic, consumer, only, partitionsOf, produce } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import { OFFSETS_TOPIC } from './config';
import { coordinatorPartition } from './coordinator-partition';
import { LEGAL_GROUP_TRANSITIONS } from './group-state';

const run = (commands: Command[], seed = 4) => {
  const r = runCommands(seed, commands);
  expect(r.errors).toEqual([]);
  expect(checkInvariants(r.state)).toEqual([]);
  return r;
};

const sent = (events: ReturnType<typeof run>['events'], kind: string) =>
  only(events, 'messageSent').filter((e) => e.message.kind === kind);

describe('joining', () => {
  const { events, state } = run([
    ...clusterWithTopic(),
    consumer('a', 'g'),
    { type: 'advance', ms: 500 },
    consumer('b', 'g'),
    { type: 'advance', ms: 20_000 },
  ]);

  it('finds the coordinator: the leader of its __consumer_offsets partition, created with 50 partitions', () => {
    const offsets = state.topics[OFFSETS_TOPIC]!;
    expect(offsets.partitions).toHaveLength(50);
    const leader = offsets.partitions[coordinatorPartition('g')]!.leader;
    expect(only(events, 'coordinatorFound').map((e) => e.coordinator)).toEqual([leader, leader]);
  });

  it('gives a member without an id one with MEMBER_ID_REQUIRED, then admits it (KIP-394)', () => {
    const answers = sent(events, 'joinGroupResponse').map((e) => e.message.payload.error);
    expect(answers.slice(0, 2)).toEqual(['MEMBER_ID_REQUIRED', 'MEMBER_ID_REQUIRED']);
    expect(only(events, 'memberJoined').map((e) => e.consumer)).toEqual(['a', 'b']);
  });

  it('waits group.initial.rebalance.delay.ms in a new group, makes the first member leader, generation 1', () => {
    const [prepare, complete, stable] = only(events, 'groupStateChanged');
    expect([prepare?.to, complete?.to, stable?.to]).toEqual([
      'PreparingRebalance',
      'CompletingRebalance',
      'Stable',
    ]);
    expect(complete!.atMs - prepare!.atMs).toBeGreaterThanOrEqual(3000);
    expect(complete!.generationId).toBe(1);
    expect(only(events, 'groupLeaderChosen').map((e) => e.consumer)).toEqual(['a']);
  });

  it('lets only the leader compute the assignment, with range, and hands each member its share', () => {
    const computed = only(events, 'assignmentComputed');
    expect(computed).toHaveLength(1);
    expect(computed[0]).toMatchObject({ consumer: 'a', assignor: 'range', generationId: 1 });
    const leaderSync = sent(events, 'syncGroup').find((e) => e.message.from === 'consumer:a')!;
    expect(Object.keys(leaderSync.message.payload.assignments as object)).toHaveLength(2);
    const followerSync = sent(events, 'syncGroup').find((e) => e.message.from === 'consumer:b')!;
    expect(followerSync.message.payload.assignments).toBeUndefined();
    const assigned = Object.fromEntries(
      only(events, 'partitionsAssigned').map((e) => [e.consumer, partitionsOf(e.partitions)]),
    );
    expect(assigned).toEqual({ a: [0, 1], b: [2, 3] });
  });

  it('heartbeats every heartbeat.interval.ms once in a generation', () => {
    const times = sent(events, 'heartbeat')
      .filter((e) => e.message.from === 'consumer:a')
      .map((e) => e.atMs);
    expect(times.length).toBeGreaterThan(2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(3000);
    expect(sent(events, 'heartbeatResponse').every((e) => e.message.payload.error === 'NONE')).toBe(true);
  });
});

describe('rebalancing', () => {
  it('answers heartbeats with REBALANCE_IN_PROGRESS when a member joins, and every member rejoins', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g'),
      consumer('b', 'g'),
      { type: 'advance', ms: 8000 },
      consumer('c', 'g'),
      { type: 'advance', ms: 8000 },
    ]);
    const rebalancing = sent(events, 'heartbeatResponse').filter(
      (e) => e.message.payload.error === 'REBALANCE_IN_PROGRESS',
    );
    expect(rebalancing.length).toBeGreaterThanOrEqual(2);
    const generations = only(events, 'groupStateChanged')
      .filter((e) => e.to === 'CompletingRebalance')
      .map((e) => e.generationId);
    expect(generations).toEqual([1, 2]);
    const assigned = only(events, 'partitionsAssigned').filter((e) => e.generationId === 2);
    expect(Object.fromEntries(assigned.map((e) => [e.consumer, partitionsOf(e.partitions)]))).toEqual({
      a: [0, 1],
      b: [2],
      c: [3],
    });
  });

  it('eager: every member commits, then revokes all its partitions before rejoining', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g'),
      consumer('b', 'g'),
      ...produce(8),
      { type: 'advance', ms: 8000 },
      consumer('c', 'g'),
      { type: 'advance', ms: 8000 },
    ]);
    const revoked = only(events, 'partitionsRevoked');
    expect(Object.fromEntries(revoked.map((e) => [e.consumer, partitionsOf(e.partitions)]))).toEqual({
      a: [0, 1],
      b: [2, 3],
    });
    for (const r of revoked) {
      const commit = sent(events, 'offsetCommit').filter(
        (e) => e.message.from === `consumer:${r.consumer}` && e.atMs === r.atMs,
      );
      expect(commit).toHaveLength(1);
    }
  });

  it('cooperative (KIP-429): only the moving partitions are revoked, and handed over in a second round', () => {
    const coop = { assignor: 'cooperative-sticky' as const };
    const { events } = run([
      ...clusterWithTopic('orders', 6),
      consumer('a', 'g', coop),
      consumer('b', 'g', coop),
      { type: 'advance', ms: 8000 },
      consumer('c', 'g', coop),
      { type: 'advance', ms: 12_000 },
    ]);
    const revoked = only(events, 'partitionsRevoked');
    expect(revoked.every((e) => e.reason === 'cooperative rebalance')).toBe(true);
    expect(revoked.flatMap((e) => e.partitions)).toHaveLength(2);
    const computed = only(events, 'assignmentComputed');
    expect(computed.map((e) => e.generationId)).toEqual([1, 2, 3]);
    const share = (gen: number, c: string) => {
      const e = computed.find((x) => x.generationId === gen)!;
      const m = Object.keys(e.consumers).find((id) => e.consumers[id] === c)!;
      return e.assignment[m]!.length;
    };
    expect([share(2, 'a'), share(2, 'b'), share(2, 'c')]).toEqual([2, 2, 0]);
    expect([share(3, 'a'), share(3, 'b'), share(3, 'c')]).toEqual([2, 2, 2]);
  });

  it('closeConsumer commits, sends LeaveGroup and the group rebalances without waiting for the session', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g'),
      consumer('b', 'g'),
      ...produce(8),
      { type: 'advance', ms: 8000 },
      { type: 'closeConsumer', consumer: 'b' },
      { type: 'advance', ms: 5000 },
    ]);
    const closedAt = only(events, 'consumerClosed')[0]!.atMs;
    expect(sent(events, 'leaveGroup').map((e) => e.message.from)).toEqual(['consumer:b']);
    expect(only(events, 'memberRemoved')).toMatchObject([{ consumer: 'b', reason: 'left group' }]);
    const stable = only(events, 'groupStateChanged')
      .filter((e) => e.to === 'Stable')
      .at(-1)!;
    expect(stable.generationId).toBe(2);
    expect(stable.atMs - closedAt).toBeLessThan(3100);
    expect(only(events, 'recordProcessed').filter((e) => e.redelivered)).toEqual([]);
  });

  it('the leader notices a topic grew on its metadata refresh and rejoins', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g', { metadataMaxAgeMs: 2000 }),
      consumer('b', 'g', { metadataMaxAgeMs: 2000 }),
      { type: 'advance', ms: 8000 },
      { type: 'addPartitions', topic: 'orders', partitions: 6 },
      { type: 'advance', ms: 8000 },
    ]);
    expect(only(events, 'rejoinRequested')[0]?.reason).toBe(
      'the partition count of a subscribed topic changed',
    );
    const last = only(events, 'assignmentComputed').at(-1)!;
    expect(Object.values(last.assignment).flat()).toHaveLength(6);
  });

  it('moves only along legal edges of the group state machine through joins, leaves and crashes', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g', { sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 }),
      consumer('b', 'g', { sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 }),
      { type: 'advance', ms: 5000 },
      { type: 'killConsumer', consumer: 'a' },
      { type: 'advance', ms: 1000 },
      { type: 'closeConsumer', consumer: 'b' },
      { type: 'advance', ms: 10_000 },
      { type: 'restartConsumer', consumer: 'b' },
      { type: 'advance', ms: 10_000 },
      { type: 'closeConsumer', consumer: 'b' },
      { type: 'advance', ms: 1000 },
      { type: 'deleteGroup', group: 'g' },
    ]);
    const changes = only(events, 'groupStateChanged');
    for (const c of changes) expect(LEGAL_GROUP_TRANSITIONS[c.from]).toContain(c.to);
    expect(changes.at(-1)).toMatchObject({ from: 'Empty', to: 'Dead' });
    expect(changes.map((c) => c.to)).toContain('Empty');
  });
});

describe('static membership (KIP-345)', () => {
  it('a static member that restarts within the session timeout gets its slot back without a rebalance', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('a', 'g', { groupInstanceId: 'a-host' }),
      consumer('b', 'g', { groupInstanceId: 'b-host' }),
      { type: 'advance', ms: 8000 },
      { type: 'closeConsumer', consumer: 'b' },
      { type: 'advance', ms: 2000 },
      { type: 'restartConsumer', consumer: 'b' },
      { type: 'advance', ms: 5000 },
    ]);
    expect(sent(events, 'leaveGroup')).toEqual([]);
    expect(only(events, 'memberRemoved')).toMatchObject([{ consumer: 'b', reason: 'replaced' }]);
    expect(only(events, 'groupStateChanged').filter((e) => e.generationId > 1)).toEqual([]);
    expect(partitionsOf(only(events, 'partitionsAssigned').at(-1)!.partitions)).toEqual([2, 3]);
  });

  it('a cooperative static member restarted empty-handed still causes no rebalance: only the protocol counts', () => {
    const sticky = { groupInstanceId: 'b-host', assignor: 'cooperative-sticky' as const };
    const { events, state } = run([
      ...clusterWithTopic(),
      consumer('a', 'g', { groupInstanceId: 'a-host', assignor: 'cooperative-sticky' }),
      consumer('b', 'g', sticky),
      { type: 'advance', ms: 8000 },
      // A third member makes b rejoin while it owns partitions: the coordinator keeps them in b's metadata.
      consumer('c', 'g', { assignor: 'cooperative-sticky' }),
      { type: 'advance', ms: 8000 },
      { type: 'killConsumer', consumer: 'b' },
      { type: 'advance', ms: 2000 },
      { type: 'restartConsumer', consumer: 'b' },
      { type: 'advance', ms: 5000 },
    ]);
    const settled = only(events, 'groupStateChanged').filter((e) => e.to === 'Stable');
    const before = settled.at(-1)!;
    expect(before.atMs).toBeLessThan(16_000);
    expect(state.groups.groups.g?.generationId).toBe(before.generationId);
    expect(state.groups.consumers.b?.owned.length).toBeGreaterThan(0);
  });

  it('a static member whose poll timer runs out sends no LeaveGroup; it rejoins by its instance id', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('slow', 'g', {
        groupInstanceId: 'slow-host',
        pollIntervalMs: 20_000,
        maxPollIntervalMs: 10_000,
      }),
      { type: 'advance', ms: 30_000 },
    ]);
    expect(only(events, 'pollTimeoutExpired')).not.toHaveLength(0);
    expect(sent(events, 'leaveGroup')).toEqual([]);
  });
});

describe('the coordinator', () => {
  it('moves to the new leader of the offsets partition when its broker shuts down, and the group carries on', () => {
    const setup: Command[] = [
      { type: 'createCluster', brokers: 3 },
      { type: 'createTopic', topic: 'orders', partitions: 4, config: { replicationFactor: 3 } },
      { type: 'addProducer', producer: 'p', lingerMs: 0, keyless: 'round-robin', roundRobinStart: 0 },
      consumer('a', 'g'),
      consumer('b', 'g'),
      { type: 'advance', ms: 8000 },
    ];
    const before = run(setup);
    const old = before.state.groups.groups.g!.coordinator!;
    const { events, state } = run([
      ...setup,
      { type: 'shutdownBroker', broker: old },
      ...produce(8),
      { type: 'advance', ms: 10_000 },
    ]);
    const now = state.topics[OFFSETS_TOPIC]!.partitions[coordinatorPartition('g')]!.leader;
    expect(now).not.toBe(old);
    expect(only(events, 'coordinatorLost').map((e) => e.coordinator)).toEqual([old, old]);
    expect(
      only(events, 'coordinatorFound')
        .slice(-2)
        .map((e) => e.coordinator),
    ).toEqual([now, now]);
    expect(only(events, 'groupLoaded').at(-1)?.coordinator).toBe(now);
    expect(state.groups.groups.g?.state).toBe('Stable');
    expect(only(events, 'recordProcessed')).toHaveLength(8);
  });
});

describe('max.poll.interval.ms', () => {
  it('a consumer whose processing outlasts it leaves the group and loses its partitions', () => {
    const { events } = run([
      ...clusterWithTopic(),
      consumer('slow', 'g', { pollIntervalMs: 20_000, maxPollIntervalMs: 10_000 }),
      { type: 'advance', ms: 30_000 },
    ]);
    expect(only(events, 'pollTimeoutExpired')).not.toHaveLength(0);
    expect(sent(events, 'leaveGroup').length).toBeGreaterThan(0);
    expect(only(events, 'partitionsLost')[0]?.reason).toBe('max.poll.interval.ms expired');
  });
});

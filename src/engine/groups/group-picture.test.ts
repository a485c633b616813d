import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { clusterWithTopic, consumer } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import { INITIAL_REBALANCE_DELAY_MS } from './config';
import { coordinatorPartition } from './coordinator-partition';
import { coordinatorPicture, groupMembers, joinPhase, sessionDeadlineAt } from './group-picture';

const SESSION_MS = 10_000;
const three: Command[] = ['a', 'b', 'c'].map((c) =>
  consumer(c, 'payments', { sessionTimeoutMs: SESSION_MS, heartbeatIntervalMs: 1000 }),
);

function run(commands: Command[]) {
  const r = runCommands(33, commands);
  expect(r.errors).toEqual([]);
  return r;
}

describe('coordinatorPicture', () => {
  it('finds the coordinator as FindCoordinator answers it: the leader of partition abs(hashCode) % 50', () => {
    const { state } = run([...clusterWithTopic(), ...three, { type: 'advance', ms: 100 }]);
    const picture = coordinatorPicture(state, 'payments');
    expect(picture.partitionCount).toBe(50);
    expect(Math.abs(picture.hashCode) % 50).toBe(picture.partition);
    expect(picture.partition).toBe(coordinatorPartition('payments'));
    expect(picture.leader).toBe(state.groups.consumers.a!.coordinator);
    expect(picture.ledBy[picture.leader!]).toContain(picture.partition);
    expect(
      Object.values(picture.ledBy)
        .flat()
        .sort((x, y) => x - y),
    ).toEqual([...Array(50).keys()]);
  });
});

describe('joinPhase', () => {
  it('holds a new group’s JoinGroups for group.initial.rebalance.delay.ms, then extends it once when members kept arriving', () => {
    const early = run([...clusterWithTopic(), ...three, { type: 'advance', ms: 100 }]).state;
    const first = joinPhase(early, 'payments')!;
    expect(first.initialDelay).toBe(true);
    expect(first.held).toEqual(['a', 'b', 'c']);
    expect(first.deadlineMs - first.windowStartMs).toBe(INITIAL_REBALANCE_DELAY_MS);
    expect(first.extended).toBe(false);

    const later = run([...clusterWithTopic(), ...three, { type: 'advance', ms: 5000 }]).state;
    const second = joinPhase(later, 'payments')!;
    expect(second.extended).toBe(true);
    expect(second.deadlineMs).toBe(first.deadlineMs + INITIAL_REBALANCE_DELAY_MS);
  });

  it('is null once the group has a generation', () => {
    const { state } = run([...clusterWithTopic(), ...three, { type: 'advance', ms: 8000 }]);
    expect(state.groups.groups.payments!.state).toBe('Stable');
    expect(joinPhase(state, 'payments')).toBeNull();
  });
});

describe('groupMembers', () => {
  it('names the leader and gives each member its share of the leader’s plan', () => {
    const { state } = run([...clusterWithTopic(), ...three, { type: 'advance', ms: 8000 }]);
    const members = groupMembers(state, 'payments');
    expect(members.map((m) => m.consumer)).toEqual(['a', 'b', 'c']);
    expect(members.filter((m) => m.isLeader).map((m) => m.consumer)).toEqual(['a']);
    const shares = members.flatMap((m) => m.assignment.map((tp) => tp.partition)).sort();
    expect(shares).toEqual([0, 1, 2, 3]);
  });
});

describe('sessionDeadlineAt', () => {
  it('does not run a session while the member’s JoinGroup is held, and starts it when the join completes', () => {
    const before: Command[] = [...clusterWithTopic(), ...three, { type: 'advance', ms: 100 }];
    const from = run(before).state;
    const { state, events } = run([...before, { type: 'advance', ms: 7000 }]);
    const stretch = events.filter((e) => e.atMs > from.now);
    const joined = stretch.find(
      (e) =>
        e.type === 'messageSent' && e.message.kind === 'joinGroupResponse' && e.message.to === 'consumer:b',
    );
    if (joined?.type !== 'messageSent') throw new Error('b never got its JoinGroup answer');
    expect(sessionDeadlineAt(from, stretch, 'payments', 'b', joined.message.sentAtMs - 1)).toBeNull();
    expect(sessionDeadlineAt(from, stretch, 'payments', 'b', joined.message.sentAtMs)).toBe(
      joined.message.sentAtMs + SESSION_MS,
    );
    expect(state.groups.groups.payments!.state).toBe('Stable');
  });

  it('replays the heartbeats of a stretch to the deadline the coordinator holds at its end', () => {
    const before: Command[] = [...clusterWithTopic(), ...three, { type: 'advance', ms: 8000 }];
    const from = run(before).state;
    const { state, events } = run([...before, { type: 'advance', ms: 3500 }]);
    const stretch = events.filter((e) => e.atMs > from.now);
    for (const m of groupMembers(state, 'payments'))
      expect(sessionDeadlineAt(from, stretch, 'payments', m.consumer, state.now)).toBe(m.sessionDeadlineMs);
  });

  it('refills the session when a heartbeat is answered, not before', () => {
    const before: Command[] = [...clusterWithTopic(), ...three, { type: 'advance', ms: 8000 }];
    const from = run(before).state;
    const { events } = run([...before, { type: 'advance', ms: 1500 }]);
    const stretch = events.filter((e) => e.atMs > from.now);
    const answer = stretch.find(
      (e) =>
        e.type === 'messageSent' && e.message.kind === 'heartbeatResponse' && e.message.to === 'consumer:a',
    );
    if (answer?.type !== 'messageSent') throw new Error('no heartbeat answered in the stretch');
    const t = answer.message.sentAtMs;
    const startDeadline = sessionDeadlineAt(from, stretch, 'payments', 'a', from.now)!;
    expect(sessionDeadlineAt(from, stretch, 'payments', 'a', t - 1)).toBe(startDeadline);
    expect(sessionDeadlineAt(from, stretch, 'payments', 'a', t)).toBe(t + SESSION_MS);
  });
});

import { describe, expect, it } from 'vitest';
import { memberError } from './coordinator';
import { LEGAL_GROUP_TRANSITIONS, nextGroupState } from './group-state';
import { selectProtocol } from './rebalance';
import type { ClassicGroup, GroupMember, GroupStateName } from './types';

const states: GroupStateName[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];
const events = ['PREPARE_REBALANCE', 'COMPLETE_JOIN', 'GROUP_EMPTIED', 'COMPLETE_SYNC', 'DELETE'] as const;

describe('the classic group state machine', () => {
  it('allows exactly the edges of ClassicGroupState', () => {
    for (const from of states) {
      const reached = new Set<GroupStateName>();
      for (const type of events) {
        const to = nextGroupState(from, { type });
        if (to !== null) reached.add(to);
      }
      expect([...reached].sort()).toEqual([...LEGAL_GROUP_TRANSITIONS[from]].sort());
    }
  });

  it('refuses to complete a sync from PreparingRebalance, or anything once Dead', () => {
    expect(nextGroupState('PreparingRebalance', { type: 'COMPLETE_SYNC' })).toBeNull();
    expect(nextGroupState('Stable', { type: 'COMPLETE_JOIN' })).toBeNull();
    for (const type of events) expect(nextGroupState('Dead', { type })).toBeNull();
  });
});

const member = (id: string, assignors: GroupMember['assignors']): GroupMember => ({
  memberId: id,
  consumer: id,
  clientIncarnation: 0,
  groupInstanceId: null,
  topics: ['t'],
  assignors,
  ownedPartitions: [],
  previousPartitions: [],
  rebalanceTimeoutMs: 300_000,
  sessionTimeoutMs: 45_000,
  sessionDeadlineMs: 45_000,
  awaitingJoin: false,
  awaitingSync: false,
});

function group(members: GroupMember[], generationId = 3): ClassicGroup {
  return {
    groupId: 'g',
    state: 'Stable',
    generationId,
    assignor: null,
    leaderId: members[0]?.memberId ?? null,
    memberIds: members.map((m) => m.memberId),
    pendingMemberIds: [],
    members: Object.fromEntries(members.map((m) => [m.memberId, m])),
    assignment: {},
    coordinator: 0,
    coordinatorEpoch: 0,
    rebalanceRound: 0,
    rebalanceStartedMs: 0,
    initialDelay: false,
    newMemberDuringDelay: false,
    offsets: {},
  };
}

describe('choosing the assignor (ClassicGroup.selectProtocol)', () => {
  it('uses range while any member lists it first, as with Java default [range, cooperative-sticky]', () => {
    const g = group([
      member('a', ['range', 'cooperative-sticky']),
      member('b', ['range', 'cooperative-sticky']),
    ]);
    expect(selectProtocol(g)).toBe('range');
  });

  it('switches to cooperative-sticky once every member supports only it', () => {
    const g = group([member('a', ['cooperative-sticky']), member('b', ['range', 'cooperative-sticky'])]);
    expect(selectProtocol(g)).toBe('cooperative-sticky');
  });
});

describe('member checks shared by SyncGroup, Heartbeat and OffsetCommit', () => {
  const g = group([member('a', ['range'])], 5);
  it('answers UNKNOWN_MEMBER_ID to a stranger', () =>
    expect(memberError(g, 'zz', 5)).toBe('UNKNOWN_MEMBER_ID'));
  it('answers ILLEGAL_GENERATION to an old generation', () =>
    expect(memberError(g, 'a', 4)).toBe('ILLEGAL_GENERATION'));
  it('accepts a member of the current generation', () => expect(memberError(g, 'a', 5)).toBeNull());
});

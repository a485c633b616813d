/**
 * The coordinator's rebalance: starting a join phase, completing it (a new generation, or Empty), removing
 * members. Sources: GroupCoordinator.scala / GroupMetadataManager (classic group handling), ClassicGroup.java.
 */
import type { Tx } from '../core/tx';
import { brokerNode, consumerNode } from '../core/types';
import { INITIAL_REBALANCE_DELAY_MS } from './config';
import { rebalanceTimeoutMs, scheduleJoinDeadline, transitionGroup } from './coordinator';
import type { GroupErrorCode, MemberRemovedReason } from './events';
import type { MemberAnswerFields, MemberAnswerKind } from './protocol';
import { setGroup } from './slice';
import type { AssignorName, ClassicGroup, GroupMember } from './types';

/** Answers a member over its connection: a parked request, or one just handled. */
export function sendToMember<K extends MemberAnswerKind>(
  tx: Tx,
  group: ClassicGroup,
  member: GroupMember,
  kind: K,
  fields: MemberAnswerFields[K],
): void {
  // Sent as one of the member answers: K ties the kind to its fields for the caller.
  tx.send<MemberAnswerKind>(kind, brokerNode(group.coordinator!), consumerNode(member.consumer), {
    group: group.groupId,
    incarnation: member.clientIncarnation,
    ...fields,
  });
}

function withMember(group: ClassicGroup, id: string, changes: Partial<GroupMember>): ClassicGroup {
  return { ...group, members: { ...group.members, [id]: { ...group.members[id]!, ...changes } } };
}

/**
 * ClassicGroup.prepareRebalance: parked SyncGroups learn REBALANCE_IN_PROGRESS, and the join phase starts.
 * A group that was Empty waits group.initial.rebalance.delay.ms for more members (InitialDelayedJoin,
 * KIP-134); otherwise it waits up to the rebalance timeout for every known member to rejoin (DelayedJoin).
 */
export function prepareRebalance(tx: Tx, group: ClassicGroup, reason: string): ClassicGroup {
  if (group.state !== 'Empty' && group.state !== 'Stable' && group.state !== 'CompletingRebalance')
    return group;
  let g = group;
  if (g.state === 'CompletingRebalance') g = failParkedSyncs(tx, g, 'REBALANCE_IN_PROGRESS');
  const initial = g.state === 'Empty';
  const timeout = rebalanceTimeoutMs(g);
  g = transitionGroup(tx, g, { type: 'PREPARE_REBALANCE' }, reason);
  g = {
    ...g,
    rebalanceRound: g.rebalanceRound + 1,
    rebalanceStartedMs: tx.state.now,
    initialDelay: initial,
    newMemberDuringDelay: false,
  };
  scheduleJoinDeadline(
    tx,
    g,
    tx.state.now + (initial ? Math.min(INITIAL_REBALANCE_DELAY_MS, timeout) : timeout),
  );
  setGroup(tx, g);
  return g;
}

function failParkedSyncs(tx: Tx, group: ClassicGroup, error: GroupErrorCode): ClassicGroup {
  let g = group;
  for (const id of group.memberIds) {
    const m = g.members[id]!;
    if (!m.awaitingSync) continue;
    sendToMember(tx, g, m, 'syncGroupResponse', { error, memberId: id, generationId: g.generationId });
    g = withMember(g, id, { awaitingSync: false });
  }
  return g;
}

/** The join phase completes early once every known member has rejoined (DelayedJoin.tryComplete). */
export function maybeCompleteJoin(tx: Tx, group: ClassicGroup): ClassicGroup {
  if (group.state !== 'PreparingRebalance' || group.initialDelay) return group;
  if (!group.memberIds.every((id) => group.members[id]!.awaitingJoin)) return group;
  return completeJoin(tx, group);
}

/**
 * GroupCoordinator.onCompleteJoin: members that did not rejoin are removed; with nobody left the group is
 * Empty; otherwise initNextGeneration bumps the generation, picks the protocol and goes to
 * CompletingRebalance, and every member gets its JoinGroup answer (the leader's carries all subscriptions).
 */
export function completeJoin(tx: Tx, group: ClassicGroup): ClassicGroup {
  let g = group;
  for (const id of group.memberIds) {
    if (!group.members[id]!.awaitingJoin) g = removeMember(tx, g, id, 'not rejoined in time');
  }
  if (g.memberIds.length === 0) {
    g = { ...g, generationId: g.generationId + 1, assignor: null, leaderId: null, assignment: {} };
    g = transitionGroup(tx, g, { type: 'GROUP_EMPTIED' }, 'no member rejoined');
    setGroup(tx, g);
    return g;
  }
  // ClassicGroup.maybeElectNewJoinedLeader: the leader stays unless it is gone.
  const leaderId = g.leaderId !== null && g.members[g.leaderId] ? g.leaderId : g.memberIds[0]!;
  g = { ...g, generationId: g.generationId + 1, leaderId, assignor: selectProtocol(g), initialDelay: false };
  g = transitionGroup(tx, g, { type: 'COMPLETE_JOIN' }, 'all members joined');
  const leader = g.members[leaderId]!;
  tx.emit({
    type: 'groupLeaderChosen',
    group: g.groupId,
    generationId: g.generationId,
    memberId: leaderId,
    consumer: leader.consumer,
  });
  const subscriptions = g.memberIds.map((id) => {
    const m = g.members[id]!;
    return {
      memberId: id,
      groupInstanceId: m.groupInstanceId,
      topics: m.topics,
      ownedPartitions: m.ownedPartitions,
      previousPartitions: m.previousPartitions,
    };
  });
  for (const id of g.memberIds) {
    const m = g.members[id]!;
    sendToMember(tx, g, m, 'joinGroupResponse', {
      error: 'NONE',
      memberId: id,
      generationId: g.generationId,
      assignor: g.assignor,
      leaderId,
      members: id === leaderId ? subscriptions : [],
    });
    g = withMember(g, id, { awaitingJoin: false, sessionDeadlineMs: tx.state.now + m.sessionTimeoutMs });
  }
  setGroup(tx, g);
  return g;
}

/**
 * ClassicGroup.selectProtocol: among the assignors every member supports, each member votes for the first
 * of its own list; the most votes wins (ties go to the earlier in the first member's list).
 */
export function selectProtocol(group: ClassicGroup): AssignorName | null {
  const members = group.memberIds.map((id) => group.members[id]!);
  const first = members[0];
  if (!first) return null;
  const candidates = first.assignors.filter((a) => members.every((m) => m.assignors.includes(a)));
  const votes = new Map<AssignorName, number>();
  for (const m of members) {
    const vote = m.assignors.find((a) => candidates.includes(a));
    if (vote) votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let best: AssignorName | null = null;
  for (const c of candidates) if (best === null || (votes.get(c) ?? 0) > (votes.get(best) ?? 0)) best = c;
  return best;
}

/**
 * ClassicGroup.remove: the member, its share and its place go; a leader that leaves hands over to the next
 * member in join order.
 */
export function removeMember(
  tx: Tx,
  group: ClassicGroup,
  memberId: string,
  reason: MemberRemovedReason,
): ClassicGroup {
  const member = group.members[memberId];
  if (!member) return group;
  const { [memberId]: _m, ...members } = group.members;
  const { [memberId]: _a, ...assignment } = group.assignment;
  const memberIds = group.memberIds.filter((id) => id !== memberId);
  const leaderId = group.leaderId === memberId ? (memberIds[0] ?? null) : group.leaderId;
  tx.emit({ type: 'memberRemoved', group: group.groupId, memberId, consumer: member.consumer, reason });
  const g = { ...group, members, assignment, memberIds, leaderId };
  setGroup(tx, g);
  return g;
}

/** After a member left or expired: a new join phase, or an early end to the one in progress. */
export function afterMemberGone(tx: Tx, group: ClassicGroup, reason: string): ClassicGroup {
  // With everyone gone the join phase completes at once, to Empty (DelayedJoin.tryComplete).
  const g = group.state === 'PreparingRebalance' ? group : prepareRebalance(tx, group, reason);
  return maybeCompleteJoin(tx, g);
}

export { withMember };

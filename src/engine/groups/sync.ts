/**
 * The coordinator's side of SyncGroup and LeaveGroup (GroupCoordinator.handleSyncGroup, handleLeaveGroup).
 */
import type { Tx } from '../core/tx';
import { groupAtBroker, memberError, reply, transitionGroup } from './coordinator';
import type { GroupMessageOf } from './protocol';
import { afterMemberGone, removeMember, sendToMember, withMember } from './rebalance';
import { setGroup } from './slice';
import type { TopicPartitionRef } from './types';

/**
 * SyncGroup: followers park until the leader's SyncGroup brings the assignment; then the group is Stable
 * and each member gets its own share.
 */
export function onSyncGroup(tx: Tx, m: GroupMessageOf<'syncGroup'>): void {
  const found = groupAtBroker(tx, m, false);
  if ('error' in found) {
    const error = found.error === 'GROUP_ID_NOT_FOUND' ? 'UNKNOWN_MEMBER_ID' : found.error;
    reply(tx, m, 'syncGroupResponse', { error });
    return;
  }
  let g = found.group;
  const memberId = m.payload.memberId;
  const err = memberError(g, memberId, m.payload.generationId);
  if (err) {
    reply(tx, m, 'syncGroupResponse', { error: err });
    return;
  }
  if (g.state === 'PreparingRebalance') {
    reply(tx, m, 'syncGroupResponse', { error: 'REBALANCE_IN_PROGRESS' });
    return;
  }
  if (g.state === 'Stable') {
    reply(tx, m, 'syncGroupResponse', { error: 'NONE', assignment: g.assignment[memberId] ?? [] });
    return;
  }
  g = withMember(g, memberId, { awaitingSync: true });
  const assignments = m.payload.assignments;
  if (memberId === g.leaderId && assignments) {
    const assignment: Record<string, readonly TopicPartitionRef[]> = {};
    for (const id of g.memberIds) assignment[id] = Object.hasOwn(assignments, id) ? assignments[id]! : [];
    g = transitionGroup(
      tx,
      { ...g, assignment },
      { type: 'COMPLETE_SYNC' },
      'the leader sent the assignment',
    );
    for (const id of g.memberIds) {
      const member = g.members[id]!;
      if (!member.awaitingSync) continue;
      sendToMember(tx, g, member, 'syncGroupResponse', {
        error: 'NONE',
        memberId: id,
        generationId: g.generationId,
        assignment: assignment[id],
      });
      g = withMember(g, id, {
        awaitingSync: false,
        sessionDeadlineMs: tx.state.now + member.sessionTimeoutMs,
      });
    }
  }
  setGroup(tx, g);
}

/** LeaveGroup: the member goes at once, and the others rebalance without waiting for its session. */
export function onLeaveGroup(tx: Tx, m: GroupMessageOf<'leaveGroup'>): void {
  const found = groupAtBroker(tx, m, false);
  if ('error' in found) {
    reply(tx, m, 'leaveGroupResponse', { error: found.error });
    return;
  }
  const memberId = m.payload.memberId;
  if (!found.group.members[memberId]) {
    reply(tx, m, 'leaveGroupResponse', { error: 'UNKNOWN_MEMBER_ID' });
    return;
  }
  const consumer = found.group.members[memberId]!.consumer;
  reply(tx, m, 'leaveGroupResponse', { error: 'NONE' });
  const g = removeMember(tx, found.group, memberId, 'left group');
  afterMemberGone(tx, g, `${consumer} left the group`);
}

/**
 * Liveness on the coordinator: Heartbeat answers, the session check (the heartbeat purgatory's
 * DelayedHeartbeat) and the join phase's deadline (DelayedJoin / InitialDelayedJoin).
 */
import type { Tx } from '../core/tx';
import { INITIAL_REBALANCE_DELAY_MS } from './config';
import {
  coordinatorActive,
  groupAtBroker,
  memberError,
  rebalanceTimeoutMs,
  scheduleJoinDeadline,
  scheduleSessionCheck,
} from './coordinator';
import type { GroupErrorCode } from './events';
import type { GroupMessageOf, GroupTimerOf } from './protocol';
import { afterMemberGone, completeJoin, removeMember, withMember } from './rebalance';
import { groupOf, setGroup } from './slice';

/**
 * GroupCoordinator.handleHeartbeat: a known member of the current generation gets a fresh session; during
 * PreparingRebalance the answer is REBALANCE_IN_PROGRESS, which makes it rejoin.
 */
export function onHeartbeat(tx: Tx, m: GroupMessageOf<'heartbeat'>): void {
  const found = groupAtBroker(tx, m, false);
  let error: GroupErrorCode;
  if ('error' in found) error = found.error === 'GROUP_ID_NOT_FOUND' ? 'UNKNOWN_MEMBER_ID' : found.error;
  else {
    const g = found.group;
    const memberId = m.payload.memberId;
    error = memberError(g, memberId, m.payload.generationId) ?? 'NONE';
    if (error === 'NONE') {
      const member = g.members[memberId]!;
      setGroup(tx, withMember(g, memberId, { sessionDeadlineMs: tx.state.now + member.sessionTimeoutMs }));
    }
    if (error === 'NONE' && g.state === 'PreparingRebalance') error = 'REBALANCE_IN_PROGRESS';
  }
  tx.send('heartbeatResponse', m.to, m.from, {
    group: m.payload.group,
    incarnation: m.payload.incarnation,
    memberId: m.payload.memberId,
    generationId: m.payload.generationId,
    error,
  });
}

/**
 * A member's session check. Its deadline moves with every heartbeat; the check reschedules itself for the
 * new deadline rather than being cancelled and re-added per heartbeat. A member with a parked JoinGroup or
 * SyncGroup is kept alive (ClassicGroupMember.shouldKeepAlive).
 */
export function onSessionCheck(tx: Tx, t: GroupTimerOf<'groupSessionCheck'>): void {
  const group = groupOf(tx, t.payload.group);
  if (!group || !coordinatorActive(tx.state, group, t.payload.coordinator, t.payload.epoch)) return;
  const memberId = t.payload.memberId;
  const member = group.members[memberId];
  if (!member) return;
  const now = tx.state.now;
  if (member.awaitingJoin || member.awaitingSync) {
    scheduleSessionCheck(tx, group, memberId, now + member.sessionTimeoutMs);
    return;
  }
  if (member.sessionDeadlineMs > now) {
    scheduleSessionCheck(tx, group, memberId, member.sessionDeadlineMs);
    return;
  }
  tx.emit({
    type: 'sessionExpired',
    group: group.groupId,
    memberId,
    consumer: member.consumer,
    sessionTimeoutMs: member.sessionTimeoutMs,
  });
  const g = removeMember(tx, group, memberId, 'session timeout');
  afterMemberGone(tx, g, `${member.consumer}'s session expired`);
}

/**
 * The join phase's deadline. The initial delay is extended by another delay while new members keep
 * arriving, up to the rebalance timeout (InitialDelayedJoin.onComplete); otherwise the phase completes
 * with whoever rejoined.
 */
export function onJoinDeadline(tx: Tx, t: GroupTimerOf<'groupJoinDeadline'>): void {
  const group = groupOf(tx, t.payload.group);
  if (!group || !coordinatorActive(tx.state, group, t.payload.coordinator, t.payload.epoch)) return;
  if (group.state !== 'PreparingRebalance' || group.rebalanceRound !== t.payload.round) return;
  if (group.initialDelay) {
    const delay = Math.min(INITIAL_REBALANCE_DELAY_MS, rebalanceTimeoutMs(group));
    const elapsed = tx.state.now - group.rebalanceStartedMs;
    if (group.newMemberDuringDelay && elapsed + delay <= rebalanceTimeoutMs(group)) {
      const g = { ...group, newMemberDuringDelay: false };
      setGroup(tx, g);
      scheduleJoinDeadline(tx, g, tx.state.now + delay);
      return;
    }
  }
  completeJoin(tx, { ...group, initialDelay: false });
}

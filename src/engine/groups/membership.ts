/**
 * The coordinator's side of JoinGroup (GroupCoordinator.handleJoinGroup, ClassicGroup.java): new members,
 * member ids (KIP-394), static members (KIP-345), and rejoins that start or end a join phase.
 */
import type { Tx } from '../core/tx';
import { groupAtBroker, reply, scheduleSessionCheck } from './coordinator';
import type { GroupMessageOf } from './protocol';
import { maybeCompleteJoin, prepareRebalance, selectProtocol, sendToMember, withMember } from './rebalance';
import { setGroup } from './slice';
import {
  type AssignorName,
  type ClassicGroup,
  type GroupMember,
  type TopicPartitionRef,
  tpKey,
} from './types';

type JoinMessage = GroupMessageOf<'joinGroup'>;
/** What a member sends in JoinGroup: its subscription metadata and timeouts. */
type JoinRequest = JoinMessage['payload'];

const consumerOfNode = (node: string): string => node.slice('consumer:'.length);

function sameList<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  return a.length === b.length && a.every((x, i) => key(x) === key(b[i]!));
}

/** Whether a rejoining member's metadata differs (ClassicGroup.matchesProtocols / supportsProtocols). */
function metadataChanged(m: GroupMember, r: JoinRequest): boolean {
  const tp = (x: TopicPartitionRef) => tpKey(x.topic, x.partition);
  return !(
    sameList(m.topics, r.topics, String) &&
    sameList(m.assignors, r.assignors, String) &&
    sameList(m.ownedPartitions, r.ownedPartitions, tp)
  );
}

function memberFrom(tx: Tx, m: JoinMessage, r: JoinRequest, memberId: string): GroupMember {
  return {
    memberId,
    consumer: consumerOfNode(m.from),
    clientIncarnation: r.incarnation,
    groupInstanceId: r.groupInstanceId,
    topics: r.topics,
    assignors: r.assignors,
    ownedPartitions: r.ownedPartitions,
    previousPartitions: r.previousPartitions,
    rebalanceTimeoutMs: r.rebalanceTimeoutMs,
    sessionTimeoutMs: r.sessionTimeoutMs,
    sessionDeadlineMs: tx.state.now + r.sessionTimeoutMs,
    awaitingJoin: true,
    awaitingSync: false,
  };
}

export function onJoinGroup(tx: Tx, m: JoinMessage): void {
  const r = m.payload;
  const found = groupAtBroker(tx, m, true);
  if ('error' in found) {
    reply(tx, m, 'joinGroupResponse', { error: found.error });
    return;
  }
  const group = found.group;
  // ClassicGroup.supportsProtocols: a member must share an assignor with all the others.
  if (group.memberIds.length > 0 && !r.assignors.some((a) => everyMemberSupports(group, r.memberId, a))) {
    reply(tx, m, 'joinGroupResponse', { error: 'INCONSISTENT_GROUP_PROTOCOL' });
    return;
  }
  if (r.memberId === '') {
    joinWithoutId(tx, m, group, r);
    return;
  }
  if (group.members[r.memberId]) {
    rejoin(tx, m, group, r);
    return;
  }
  if (!group.pendingMemberIds.includes(r.memberId)) {
    reply(tx, m, 'joinGroupResponse', { error: 'UNKNOWN_MEMBER_ID' });
    return;
  }
  addMember(
    tx,
    m,
    { ...group, pendingMemberIds: group.pendingMemberIds.filter((id) => id !== r.memberId) },
    r,
  );
}

function everyMemberSupports(group: ClassicGroup, except: string, assignor: AssignorName): boolean {
  return group.memberIds.every((id) => id === except || group.members[id]!.assignors.includes(assignor));
}

/**
 * KIP-394: a member without an id is given one and told MEMBER_ID_REQUIRED; it rejoins with it. A static
 * member (KIP-345) whose group.instance.id is known takes over its old slot instead, without a rebalance
 * when nothing else changed (ClassicGroup.replaceStaticMember).
 */
function joinWithoutId(tx: Tx, m: JoinMessage, group: ClassicGroup, r: JoinRequest): void {
  const memberId = tx.id(`${consumerOfNode(m.from)}-`);
  const old = r.groupInstanceId
    ? group.memberIds.find((id) => group.members[id]!.groupInstanceId === r.groupInstanceId)
    : undefined;
  if (old !== undefined) {
    replaceStaticMember(tx, m, group, r, old, memberId);
    return;
  }
  setGroup(tx, { ...group, pendingMemberIds: [...group.pendingMemberIds, memberId] });
  tx.send('joinGroupResponse', m.to, m.from, {
    group: group.groupId,
    incarnation: r.incarnation,
    error: 'MEMBER_ID_REQUIRED',
    memberId,
    generationId: -1,
  });
}

function replaceStaticMember(
  tx: Tx,
  m: JoinMessage,
  group: ClassicGroup,
  r: JoinRequest,
  oldId: string,
  memberId: string,
): void {
  const old = group.members[oldId]!;
  tx.emit({
    type: 'memberRemoved',
    group: group.groupId,
    memberId: oldId,
    consumer: old.consumer,
    reason: 'replaced',
  });
  const { [oldId]: _m, ...members } = group.members;
  const { [oldId]: share, ...assignment } = group.assignment;
  const member = memberFrom(tx, m, r, memberId);
  let g: ClassicGroup = {
    ...group,
    members: { ...members, [memberId]: member },
    memberIds: group.memberIds.map((id) => (id === oldId ? memberId : id)),
    assignment: share ? { ...assignment, [memberId]: share } : assignment,
    leaderId: group.leaderId === oldId ? memberId : group.leaderId,
  };
  tx.emit({
    type: 'memberJoined',
    group: g.groupId,
    memberId,
    consumer: member.consumer,
    groupInstanceId: r.groupInstanceId,
  });
  scheduleSessionCheck(tx, g, memberId, member.sessionDeadlineMs);
  // GroupMetadataManager.updateStaticMemberThenRebalanceOrCompleteJoin: in Stable, a static member that
  // comes back "and doesn't affect the selected protocol will not trigger a rebalance": same generation, same
  // assignment, whatever it now owns (a restarted process owns nothing). Otherwise, a join phase.
  if (g.state === 'Stable' && selectProtocol(g) === g.assignor) {
    g = withMember(g, memberId, { awaitingJoin: false });
    setGroup(tx, g);
    answerWithCurrentGeneration(tx, g, memberId);
    return;
  }
  setGroup(tx, g);
  joinPhase(
    tx,
    g,
    g.state === 'Stable'
      ? `static member ${member.consumer} rejoined and changes the group's protocol`
      : `static member ${member.consumer} rejoined during a rebalance`,
  );
}

function addMember(tx: Tx, m: JoinMessage, group: ClassicGroup, r: JoinRequest): void {
  const member = memberFrom(tx, m, r, r.memberId);
  let g: ClassicGroup = {
    ...group,
    members: { ...group.members, [r.memberId]: member },
    memberIds: [...group.memberIds, r.memberId],
    // ClassicGroup.add: the first member to join leads.
    leaderId: group.leaderId ?? r.memberId,
  };
  if (g.initialDelay) g = { ...g, newMemberDuringDelay: true };
  tx.emit({
    type: 'memberJoined',
    group: g.groupId,
    memberId: r.memberId,
    consumer: member.consumer,
    groupInstanceId: r.groupInstanceId,
  });
  setGroup(tx, g);
  scheduleSessionCheck(tx, g, r.memberId, member.sessionDeadlineMs);
  joinPhase(tx, g, `${member.consumer} joined`);
}

function rejoin(tx: Tx, m: JoinMessage, group: ClassicGroup, r: JoinRequest): void {
  const old = group.members[r.memberId]!;
  const changed = metadataChanged(old, r);
  const updated = memberFrom(tx, m, r, r.memberId);
  const g = withMember(group, r.memberId, updated);
  setGroup(tx, g);
  // A follower rejoining with the same metadata outside a join phase just gets the current generation.
  // A rejoin of the leader in Stable starts a rebalance too (GroupCoordinator.updateMemberAndRebalance).
  const leaderInStable = g.state === 'Stable' && g.leaderId === r.memberId;
  if ((g.state === 'Stable' || g.state === 'CompletingRebalance') && !changed && !leaderInStable) {
    const settled = withMember(g, r.memberId, { awaitingJoin: false });
    setGroup(tx, settled);
    answerWithCurrentGeneration(tx, settled, r.memberId);
    return;
  }
  const why = changed ? 'its subscription changed' : 'the leader rejoined';
  joinPhase(tx, g, `${old.consumer} rejoined: ${why}`);
}

/** A join in Empty, Stable or CompletingRebalance starts a join phase; in PreparingRebalance it may end it. */
function joinPhase(tx: Tx, group: ClassicGroup, reason: string): void {
  const g = group.state === 'PreparingRebalance' ? group : prepareRebalance(tx, group, reason);
  maybeCompleteJoin(tx, g);
}

function answerWithCurrentGeneration(tx: Tx, g: ClassicGroup, memberId: string): void {
  sendToMember(tx, g, g.members[memberId]!, 'joinGroupResponse', {
    error: 'NONE',
    memberId,
    generationId: g.generationId,
    assignor: g.assignor,
    leaderId: g.leaderId,
    members: [],
  });
}

/**
 * The group coordinator's side of the consumer protocol (GroupMetadataManager.consumerGroupHeartbeat):
 * every heartbeat may bump the group epoch (a member joined, left or changed its subscription, or a
 * subscribed topic gained partitions), recomputes the target assignment when the group epoch moved past
 * it, reconciles the sender one step (reconcile.ts), and answers with its epoch and, when it changed,
 * its assignment. Members that stop beating are removed by their session timer.
 */
import type { Tx } from '../core/tx';
import { brokerNode, consumerNode, tpKey } from '../core/types';
import { currentCoordinator } from '../groups/coordinator';
import type { TopicPartitionRef } from '../groups/types';
import { computeTargetAssignment } from './assignors';
import type { ConsumerGroupHeartbeatRequest, HeartbeatErrorCode, ModernMessageOf } from './protocol';
import { reconcileMember, sameTps } from './reconcile';
import { modernGroupOf, setModernGroup } from './slice';
import {
  CONSUMER_HEARTBEAT_INTERVAL_MS,
  CONSUMER_SESSION_TIMEOUT_MS,
  type ModernGroup,
  type ModernMember,
} from './types';

function newGroup(groupId: string, req: ConsumerGroupHeartbeatRequest): ModernGroup {
  return {
    groupId,
    groupEpoch: 0,
    assignmentEpoch: 0,
    assignor: req.serverAssignor ?? 'uniform',
    memberOrder: [],
    members: {},
    target: {},
    partitionOwners: {},
    partitionCounts: {},
    offsets: {},
    heartbeatIntervalMs: CONSUMER_HEARTBEAT_INTERVAL_MS,
    sessionTimeoutMs: CONSUMER_SESSION_TIMEOUT_MS,
    coordinator: null,
    coordinatorEpoch: -1,
  };
}

function partitionCountsOf(tx: Tx, group: ModernGroup): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of Object.values(group.members))
    for (const t of m.subscribedTopics) counts[t] = tx.state.topics[t]?.partitions.length ?? 0;
  return counts;
}

function bumpEpoch(tx: Tx, group: ModernGroup, reason: string): ModernGroup {
  const next = { ...group, groupEpoch: group.groupEpoch + 1, partitionCounts: partitionCountsOf(tx, group) };
  tx.emit({ type: 'modernGroupEpochBumped', group: group.groupId, groupEpoch: next.groupEpoch, reason });
  return next;
}

/** The partition owners after a member's assigned and pending partitions changed (partition epochs). */
function withOwners(group: ModernGroup, before: ModernMember | undefined, after: ModernMember | undefined) {
  const owners = { ...group.partitionOwners };
  if (before)
    for (const tp of [...before.assigned, ...before.pendingRevocation]) {
      const k = tpKey(tp.topic, tp.partition);
      if (owners[k]?.memberId === before.memberId) delete owners[k];
    }
  if (after)
    for (const tp of [...after.assigned, ...after.pendingRevocation])
      owners[tpKey(tp.topic, tp.partition)] = { memberId: after.memberId, epoch: after.memberEpoch };
  return owners;
}

/** Removes a member: its partitions are free at once, and the group epoch moves on. */
export function removeMember(tx: Tx, group: ModernGroup, memberId: string, reason: string): ModernGroup {
  const member = group.members[memberId];
  if (!member) return group;
  const { [memberId]: _gone, ...members } = group.members;
  const { [memberId]: _target, ...target } = group.target;
  tx.emit({ type: 'modernMemberRemoved', group: group.groupId, memberId, consumer: member.consumer, reason });
  const next: ModernGroup = {
    ...group,
    members,
    target,
    memberOrder: group.memberOrder.filter((m) => m !== memberId),
    partitionOwners: withOwners(group, member, undefined),
  };
  return bumpEpoch(tx, next, `${member.consumer} ${reason}`);
}

function maybeComputeTarget(tx: Tx, group: ModernGroup): ModernGroup {
  if (group.groupEpoch <= group.assignmentEpoch) return group;
  const subscriptions: Record<string, readonly string[]> = {};
  for (const id of group.memberOrder) subscriptions[id] = group.members[id]!.subscribedTopics;
  const target = computeTargetAssignment(group.assignor, {
    memberOrder: group.memberOrder,
    subscriptions,
    previous: group.target,
    partitionCounts: group.partitionCounts,
  });
  tx.emit({
    type: 'modernTargetAssignmentComputed',
    group: group.groupId,
    assignmentEpoch: group.groupEpoch,
    assignor: group.assignor,
    target,
  });
  return { ...group, target, assignmentEpoch: group.groupEpoch };
}

function answer(
  tx: Tx,
  m: ModernMessageOf<'consumerGroupHeartbeat'>,
  error: HeartbeatErrorCode,
  memberEpoch: number,
  heartbeatIntervalMs: number,
  assignment: readonly TopicPartitionRef[] | null,
): void {
  tx.send('consumerGroupHeartbeatResponse', m.to, consumerNode(m.payload.consumer), {
    group: m.payload.group,
    consumer: m.payload.consumer,
    incarnation: m.payload.incarnation,
    error,
    memberEpoch,
    heartbeatIntervalMs,
    assignment,
  });
}

function scheduleSession(tx: Tx, group: ModernGroup, member: ModernMember): ModernMember {
  const deadlineMs = tx.state.now + group.sessionTimeoutMs;
  tx.schedule('modernSessionTimeout', deadlineMs, {
    group: group.groupId,
    memberId: member.memberId,
    deadlineMs,
  });
  return { ...member, sessionDeadlineMs: deadlineMs };
}

/** The member as it joins or as it is: a new member starts at epoch 0 with nothing. */
function joiningMember(req: ConsumerGroupHeartbeatRequest): ModernMember {
  return {
    memberId: req.memberId,
    consumer: req.consumer,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 'STABLE',
    subscribedTopics: [...req.subscribedTopics].sort(),
    assigned: [],
    pendingRevocation: [],
    sessionDeadlineMs: 0,
  };
}

/** A coordinator that just loaded the group gives every member a fresh session (onLoaded). */
function loadedHere(tx: Tx, group: ModernGroup): ModernGroup {
  const coord = currentCoordinator(tx.state, group.groupId);
  if (!coord || (coord.broker === group.coordinator && coord.epoch === group.coordinatorEpoch)) return group;
  const members: Record<string, ModernMember> = {};
  for (const [id, m] of Object.entries(group.members)) members[id] = scheduleSession(tx, group, m);
  return { ...group, members, coordinator: coord.broker, coordinatorEpoch: coord.epoch };
}

export function onConsumerGroupHeartbeat(tx: Tx, m: ModernMessageOf<'consumerGroupHeartbeat'>): void {
  const req = m.payload;
  let group = loadedHere(tx, modernGroupOf(tx, req.group) ?? newGroup(req.group, req));
  const existing = group.members[req.memberId];
  if (req.memberEpoch === -1) {
    setModernGroup(tx, removeMember(tx, group, req.memberId, 'left the group'));
    answer(tx, m, 'NONE', -1, group.heartbeatIntervalMs, null);
    return;
  }
  if (req.memberEpoch !== 0) {
    // throwIfMemberEpochIsInvalid: an unknown member or a stale epoch must rejoin with epoch 0.
    if (!existing) {
      answer(tx, m, 'UNKNOWN_MEMBER_ID', -1, group.heartbeatIntervalMs, null);
      return;
    }
    if (req.memberEpoch !== existing.memberEpoch && req.memberEpoch !== existing.previousMemberEpoch) {
      answer(tx, m, 'FENCED_MEMBER_EPOCH', -1, group.heartbeatIntervalMs, null);
      return;
    }
  }
  let member = existing && req.memberEpoch !== 0 ? existing : joiningMember(req);
  if (existing && req.memberEpoch === 0) {
    // A member rejoining from scratch gives back whatever the coordinator still held for it.
    group = { ...group, partitionOwners: withOwners(group, existing, undefined) };
  } else if (!existing) {
    group = { ...group, memberOrder: [...group.memberOrder, req.memberId] };
  }
  const subscribed = [...req.subscribedTopics].sort();
  const subscriptionChanged = !existing || existing.subscribedTopics.join() !== subscribed.join();
  member = { ...member, subscribedTopics: subscribed };
  group = { ...group, members: { ...group.members, [member.memberId]: member } };
  const counts = partitionCountsOf(tx, group);
  const metadataChanged = Object.entries(counts).some(([t, n]) => group.partitionCounts[t] !== n);
  if (!existing) group = bumpEpoch(tx, group, `${req.consumer} joined`);
  else if (subscriptionChanged) group = bumpEpoch(tx, group, `${req.consumer} changed its subscription`);
  else if (metadataChanged) group = bumpEpoch(tx, group, 'a subscribed topic has new partitions');
  group = maybeComputeTarget(tx, group);
  const before = group.members[member.memberId]!;
  const owners = group.partitionOwners;
  let after = reconcileMember(before, {
    targetEpoch: group.assignmentEpoch,
    target: group.target[member.memberId] ?? [],
    ownerOf: (tp) => owners[tpKey(tp.topic, tp.partition)]?.memberId,
    ownedPartitions: req.ownedPartitions,
  });
  after = scheduleSession(tx, group, after);
  group = {
    ...group,
    members: { ...group.members, [after.memberId]: after },
    partitionOwners: withOwners(group, before, after),
  };
  const changed =
    !existing ||
    before.memberEpoch !== after.memberEpoch ||
    before.state !== after.state ||
    !sameTps(before.assigned, after.assigned) ||
    !sameTps(before.pendingRevocation, after.pendingRevocation);
  if (changed)
    tx.emit({
      type: 'modernMemberReconciled',
      group: group.groupId,
      memberId: after.memberId,
      consumer: after.consumer,
      memberEpoch: after.memberEpoch,
      state: after.state,
      assigned: [...after.assigned],
      pendingRevocation: [...after.pendingRevocation],
    });
  setModernGroup(tx, group);
  // The assignment rides on the answer when it differs from what the member reported owning.
  const assignment =
    sameTps(after.assigned, req.ownedPartitions) && req.memberEpoch !== 0 ? null : after.assigned;
  answer(tx, m, 'NONE', after.memberEpoch, group.heartbeatIntervalMs, assignment);
}

/** The session timer: no heartbeat for group.consumer.session.timeout.ms, the member is fenced. */
export function onSessionTimeout(
  tx: Tx,
  payload: { group: string; memberId: string; deadlineMs: number },
): void {
  const group = modernGroupOf(tx, payload.group);
  const member = group?.members[payload.memberId];
  if (!group || !member || member.sessionDeadlineMs !== payload.deadlineMs) return;
  const coord = currentCoordinator(tx.state, group.groupId);
  const broker = coord ? tx.state.brokers[coord.broker] : undefined;
  if (!coord || !broker?.alive || broker.isolated) {
    // No coordinator to expire it: the one that loads the group next starts the sessions again.
    const deadlineMs = tx.state.now + group.sessionTimeoutMs;
    tx.schedule('modernSessionTimeout', deadlineMs, { ...payload, deadlineMs });
    setModernGroup(tx, {
      ...group,
      members: { ...group.members, [member.memberId]: { ...member, sessionDeadlineMs: deadlineMs } },
    });
    return;
  }
  const loaded = loadedHere(tx, group);
  if (loaded !== group) {
    setModernGroup(tx, loaded);
    return;
  }
  setModernGroup(tx, removeMember(tx, group, member.memberId, 'session timed out'));
}

export const coordinatorNode = (broker: number) => brokerNode(broker);

/**
 * Where a group lives. The coordinator is the leader of partition coordinatorPartition(groupId) of
 * __consumer_offsets (GroupCoordinatorService.partitionFor, KAFKA-DETAILS 2.1).
 *
 * Modelling choice: __consumer_offsets is a real topic of the simulated cluster, created lazily through the
 * core's createTopic path (50 partitions, replication factor min(3, brokers)) when the first FindCoordinator
 * reaches a broker, as Kafka creates it (KafkaApis.handleFindCoordinatorRequest -> createInternalTopic). Its
 * partitions get leaders, elections and epochs from replication, so the coordinator moves with the leader
 * when its broker dies. The group's metadata and committed offsets are kept in the groups slice rather than
 * as records in that topic's log; a broker that becomes the partition's leader "loads" the group
 * (GroupMetadataManager.loadGroupsAndOffsets): nothing is lost, sessions restart, parked requests are gone.
 */
import { createTopic } from '../broker/cluster';
import type { Envelope } from '../core/protocol';
import type { Tx } from '../core/tx';
import { type BrokerId, brokerIdOf, type EngineState } from '../core/types';
import {
  INITIAL_REBALANCE_DELAY_MS,
  OFFSETS_TOPIC,
  OFFSETS_TOPIC_PARTITIONS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
} from './config';
import { coordinatorPartition } from './coordinator-partition';
import type { GroupErrorCode } from './events';
import { type GroupStateEvent, nextGroupState } from './group-state';
import type { GroupMessageOf, MemberAnswerFields, MemberAnswerKind, MemberRequest } from './protocol';
import { groupOf, setGroup } from './slice';
import type { ClassicGroup } from './types';

/** The broker coordinating groupId and the leader epoch of its offsets partition, or null when offline. */
export function currentCoordinator(
  state: EngineState,
  groupId: string,
): { broker: BrokerId; epoch: number } | null {
  const topic = state.topics[OFFSETS_TOPIC];
  if (!topic) return null;
  const p = topic.partitions[coordinatorPartition(groupId, topic.partitions.length)];
  if (!p || p.leader === null) return null;
  return { broker: p.leader, epoch: p.leaderEpoch };
}

export function ensureOffsetsTopic(tx: Tx): void {
  if (tx.state.topics[OFFSETS_TOPIC]) return;
  const brokers = Object.values(tx.state.brokers).filter((b) => !b.fenced).length;
  createTopic(tx, {
    type: 'createTopic',
    topic: OFFSETS_TOPIC,
    partitions: OFFSETS_TOPIC_PARTITIONS,
    config: { replicationFactor: Math.max(1, Math.min(OFFSETS_TOPIC_REPLICATION_FACTOR, brokers)) },
  });
}

/** FindCoordinator, answered by any broker. */
export function onFindCoordinator(tx: Tx, m: GroupMessageOf<'findCoordinator'>): void {
  ensureOffsetsTopic(tx);
  const group = m.payload.group;
  const found = currentCoordinator(tx.state, group);
  const answer = found
    ? { error: 'NONE' as const, coordinator: found.broker }
    : { error: 'COORDINATOR_NOT_AVAILABLE' as const, coordinator: null };
  tx.send('findCoordinatorResponse', m.to, m.from, { group, incarnation: m.payload.incarnation, ...answer });
}

export function emptyGroup(groupId: string): ClassicGroup {
  return {
    groupId,
    state: 'Empty',
    generationId: 0,
    assignor: null,
    leaderId: null,
    memberIds: [],
    pendingMemberIds: [],
    members: {},
    assignment: {},
    coordinator: null,
    coordinatorEpoch: -1,
    rebalanceRound: 0,
    rebalanceStartedMs: 0,
    initialDelay: false,
    newMemberDuringDelay: false,
    offsets: {},
  };
}

/** Whether a coordinator timer set by `coordinator` in `epoch` still speaks for the group. */
export function coordinatorActive(
  state: EngineState,
  group: ClassicGroup,
  coordinator: BrokerId | null,
  epoch: number,
) {
  if (group.coordinator !== coordinator || group.coordinatorEpoch !== epoch) return false;
  const now = currentCoordinator(state, group.groupId);
  return !!now && now.broker === coordinator && now.epoch === epoch && !!state.brokers[now.broker]?.alive;
}

/**
 * The group as the broker a request reached holds it: NOT_COORDINATOR when another broker leads the
 * group's offsets partition. A broker that has just become the leader loads the group first.
 */
export function groupAtBroker(
  tx: Tx,
  m: Envelope<string, { readonly group: string }>,
  create: boolean,
): { group: ClassicGroup } | { error: GroupErrorCode } {
  const groupId = m.payload.group;
  const broker = brokerIdOf(m.to);
  const found = currentCoordinator(tx.state, groupId);
  if (!found) return { error: 'COORDINATOR_NOT_AVAILABLE' };
  if (found.broker !== broker) return { error: 'NOT_COORDINATOR' };
  let group = groupOf(tx, groupId);
  if (!group) {
    if (!create) return { error: 'GROUP_ID_NOT_FOUND' };
    group = { ...emptyGroup(groupId), coordinator: broker, coordinatorEpoch: found.epoch };
    setGroup(tx, group);
    return { group };
  }
  if (group.coordinator !== broker || group.coordinatorEpoch !== found.epoch) {
    group = loadGroup(tx, group, broker, found.epoch);
  }
  return { group };
}

/**
 * A new coordinator takes the group over: members get a fresh session, parked JoinGroup and SyncGroup
 * requests died with the old coordinator (their senders will retry), and a join phase in progress gets a
 * new deadline.
 */
function loadGroup(tx: Tx, group: ClassicGroup, broker: BrokerId, epoch: number): ClassicGroup {
  const members: Record<string, ClassicGroup['members'][string]> = {};
  for (const id of group.memberIds) {
    const m = group.members[id]!;
    members[id] = {
      ...m,
      awaitingJoin: false,
      awaitingSync: false,
      sessionDeadlineMs: tx.state.now + m.sessionTimeoutMs,
    };
  }
  let loaded: ClassicGroup = { ...group, members, coordinator: broker, coordinatorEpoch: epoch };
  tx.emit({ type: 'groupLoaded', group: group.groupId, coordinator: broker, coordinatorEpoch: epoch });
  for (const id of loaded.memberIds) scheduleSessionCheck(tx, loaded, id, members[id]!.sessionDeadlineMs);
  if (loaded.state === 'PreparingRebalance') {
    loaded = { ...loaded, rebalanceRound: loaded.rebalanceRound + 1, initialDelay: false };
    scheduleJoinDeadline(tx, loaded, tx.state.now + rebalanceTimeoutMs(loaded));
  }
  setGroup(tx, loaded);
  return loaded;
}

export function scheduleSessionCheck(tx: Tx, group: ClassicGroup, memberId: string, dueMs: number): void {
  tx.schedule('groupSessionCheck', dueMs, {
    group: group.groupId,
    memberId,
    coordinator: group.coordinator,
    epoch: group.coordinatorEpoch,
  });
}

export function scheduleJoinDeadline(tx: Tx, group: ClassicGroup, dueMs: number): void {
  tx.schedule('groupJoinDeadline', dueMs, {
    group: group.groupId,
    round: group.rebalanceRound,
    coordinator: group.coordinator,
    epoch: group.coordinatorEpoch,
  });
}

/** The rebalance timeout: the largest of the members' (ClassicGroup.rebalanceTimeoutMs). */
export function rebalanceTimeoutMs(group: ClassicGroup): number {
  let max = 0;
  for (const id of group.memberIds) max = Math.max(max, group.members[id]!.rebalanceTimeoutMs);
  return max || INITIAL_REBALANCE_DELAY_MS;
}

/** Moves the group along a legal edge and says so; an illegal event leaves it where it is. */
export function transitionGroup(
  tx: Tx,
  group: ClassicGroup,
  event: GroupStateEvent,
  reason: string,
): ClassicGroup {
  const to = nextGroupState(group.state, event);
  if (to === null) return group;
  const next = { ...group, state: to };
  tx.emit({
    type: 'groupStateChanged',
    group: group.groupId,
    from: group.state,
    to,
    generationId: next.generationId,
    reason,
  });
  return next;
}

/** Answers a request over the connection it came on, echoing the member id and generation it named. */
export function reply<K extends MemberAnswerKind>(
  tx: Tx,
  m: Envelope<string, MemberRequest>,
  kind: K,
  fields: Omit<MemberAnswerFields[K], 'memberId' | 'generationId'>,
): void {
  // Sent as one of the member answers: K ties the kind to its fields for the caller.
  tx.send<MemberAnswerKind>(kind, m.to, m.from, {
    group: m.payload.group,
    incarnation: m.payload.incarnation,
    memberId: m.payload.memberId,
    generationId: m.payload.generationId,
    ...fields,
  });
}

/** Checks shared by SyncGroup, Heartbeat, OffsetCommit and LeaveGroup. */
export function memberError(
  group: ClassicGroup,
  memberId: string,
  generationId: number,
): GroupErrorCode | null {
  if (!group.members[memberId]) return 'UNKNOWN_MEMBER_ID';
  if (generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  return null;
}

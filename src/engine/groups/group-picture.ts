/**
 * Read-only selectors for views that draw a group's protocol: the join phase's deadline (the timer the
 * coordinator holds JoinGroups on), each member as the coordinator knows it, and a member's session deadline
 * at any moment of a stretch of events. They read state and events; they change nothing.
 */
import type { EngineEvent } from '../core/events';
import type { BrokerId, EngineState } from '../core/types';
import { INITIAL_REBALANCE_DELAY_MS, OFFSETS_TOPIC } from './config';
import { rebalanceTimeoutMs } from './coordinator';
import {
  coordinatorPartition,
  javaStringHashCode,
  OFFSETS_TOPIC_PARTITIONS_DEFAULT,
} from './coordinator-partition';
import type { TopicPartitionRef } from './types';

/** How a group's coordinator is found: the numbers of abs(groupId.hashCode()) % partitions, and who leads what. */
export interface CoordinatorPicture {
  readonly groupId: string;
  readonly offsetsTopic: string;
  /** Java's String.hashCode of the group id (signed 32-bit). */
  readonly hashCode: number;
  /** offsets.topic.num.partitions: the topic's partition count once it exists, else the default. */
  readonly partitionCount: number;
  /** The __consumer_offsets partition that holds the group's commits. */
  readonly partition: number;
  /** Its leader: the group coordinator (null before __consumer_offsets exists or while it has no leader). */
  readonly leader: BrokerId | null;
  /** For each broker, the __consumer_offsets partitions it leads, ascending. */
  readonly ledBy: Readonly<Record<BrokerId, readonly number[]>>;
}

/** The coordinator of a group as FindCoordinator computes it (coordinator-partition.ts, coordinator.ts). */
export function coordinatorPicture(state: EngineState, groupId: string): CoordinatorPicture {
  const topic = state.topics[OFFSETS_TOPIC];
  const partitionCount = topic?.partitions.length ?? OFFSETS_TOPIC_PARTITIONS_DEFAULT;
  const partition = coordinatorPartition(groupId, partitionCount);
  const ledBy: Record<BrokerId, number[]> = {};
  for (const id of Object.keys(state.brokers)) ledBy[Number(id)] = [];
  for (const p of topic?.partitions ?? []) if (p.leader !== null) ledBy[p.leader]?.push(p.partition);
  return {
    groupId,
    offsetsTopic: OFFSETS_TOPIC,
    hashCode: javaStringHashCode(groupId),
    partitionCount,
    partition,
    leader: topic?.partitions[partition]?.leader ?? null,
    ledBy,
  };
}

/** A join phase in progress: the coordinator parks JoinGroups until deadlineMs. */
export interface JoinPhase {
  /** When the group went PreparingRebalance. */
  readonly startedMs: number;
  /** When the current wait was set and when it runs out (the groupJoinDeadline timer). */
  readonly windowStartMs: number;
  readonly deadlineMs: number;
  /** group.initial.rebalance.delay.ms is what the coordinator waits on (a new group), not the rebalance timeout. */
  readonly initialDelay: boolean;
  /** The initial delay was extended because members kept arriving during it (InitialDelayedJoin). */
  readonly extended: boolean;
  /** The consumers whose JoinGroup the coordinator holds, in join order. */
  readonly held: readonly string[];
}

/**
 * The join phase of a group while it is PreparingRebalance, from its pending groupJoinDeadline timer (set by
 * rebalance.ts with the initial delay for a new group, the rebalance timeout otherwise, and re-armed by
 * heartbeat.ts onJoinDeadline while new members arrive); null when no join phase runs.
 */
export function joinPhase(state: EngineState, groupId: string): JoinPhase | null {
  const g = state.groups.groups[groupId];
  if (g?.state !== 'PreparingRebalance') return null;
  const timer = state.timers.find(
    (t) =>
      t.kind === 'groupJoinDeadline' && t.payload.group === groupId && t.payload.round === g.rebalanceRound,
  );
  if (!timer) return null;
  const window = g.initialDelay
    ? Math.min(INITIAL_REBALANCE_DELAY_MS, rebalanceTimeoutMs(g))
    : rebalanceTimeoutMs(g);
  const windowStartMs = Math.max(g.rebalanceStartedMs, timer.dueMs - window);
  return {
    startedMs: g.rebalanceStartedMs,
    windowStartMs,
    deadlineMs: timer.dueMs,
    initialDelay: g.initialDelay,
    extended: windowStartMs > g.rebalanceStartedMs,
    held: g.memberIds.filter((id) => g.members[id]!.awaitingJoin).map((id) => g.members[id]!.consumer),
  };
}

/** A member of a group as its coordinator holds it, by the consumer's name. */
export interface MemberPicture {
  readonly consumer: string;
  readonly memberId: string;
  readonly isLeader: boolean;
  readonly sessionTimeoutMs: number;
  readonly sessionDeadlineMs: number;
  /** False while its JoinGroup or SyncGroup is parked: the coordinator keeps it alive without a session. */
  readonly sessionRunning: boolean;
  /** Its share of the leader's last plan (empty before SyncGroup). */
  readonly assignment: readonly TopicPartitionRef[];
}

/** The members of a group in join order (the first is the next leader, ClassicGroup.remove). */
export function groupMembers(state: EngineState, groupId: string): MemberPicture[] {
  const g = state.groups.groups[groupId];
  if (!g) return [];
  return g.memberIds.map((id) => {
    const m = g.members[id]!;
    return {
      consumer: m.consumer,
      memberId: id,
      isLeader: g.leaderId === id,
      sessionTimeoutMs: m.sessionTimeoutMs,
      sessionDeadlineMs: m.sessionDeadlineMs,
      sessionRunning: !m.awaitingJoin && !m.awaitingSync,
      assignment: g.assignment[id] ?? [],
    };
  });
}

const RENEWING_ANSWERS = new Set(['heartbeatResponse', 'joinGroupResponse', 'syncGroupResponse']);
const RENEWING_ERRORS = new Set(['NONE', 'REBALANCE_IN_PROGRESS']);

/**
 * A member's session deadline at atMs, within a stretch of events that starts from `from`: the coordinator
 * renews a session when it accepts the member's Heartbeat (heartbeat.ts onHeartbeat, also during a
 * rebalance, answered REBALANCE_IN_PROGRESS) or completes its JoinGroup or SyncGroup (rebalance.ts
 * completeJoin, sync.ts), and it answers in the same instant, so the answer's send time is the renewal.
 * Null while its session does not run: not a member at the start of the stretch, or parked in a join phase,
 * and no accepted answer sent to it yet.
 */
export function sessionDeadlineAt(
  from: EngineState,
  events: readonly EngineEvent[],
  groupId: string,
  consumer: string,
  atMs: number,
): number | null {
  const g = from.groups.groups[groupId];
  const member = g && Object.values(g.members).find((m) => m.consumer === consumer);
  const timeoutMs = member?.sessionTimeoutMs ?? from.groups.consumers[consumer]?.config.sessionTimeoutMs;
  // A member whose JoinGroup or SyncGroup is parked is kept alive (ClassicGroupMember.shouldKeepAlive): its
  // session does not run until the coordinator answers.
  let deadline = member && !member.awaitingJoin && !member.awaitingSync ? member.sessionDeadlineMs : null;
  if (timeoutMs === undefined) return deadline;
  for (const e of events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    if (m.sentAtMs > atMs) break;
    if (!RENEWING_ANSWERS.has(m.kind) || m.to !== `consumer:${consumer}`) continue;
    const p = m.payload as { group?: string; error?: string };
    if (p.group === groupId && RENEWING_ERRORS.has(p.error ?? '')) deadline = m.sentAtMs + timeoutMs;
  }
  return deadline;
}

/**
 * The consumer's handling of its coordinator's answers: FindCoordinator, JoinGroup, SyncGroup, Heartbeat,
 * OffsetCommit and OffsetFetch (AbstractCoordinator's and ConsumerCoordinator's response handlers).
 */
import type { Envelope } from '../core/protocol';
import type { Tx } from '../core/tx';
import { brokerNode } from '../core/types';
import { computeAssignment, partitionCounts } from './assign';
import {
  coordinatorLost,
  isCooperative,
  requestRejoin,
  resetGeneration,
  scheduleRetry,
  sendJoin,
  sendToCoordinator,
  stopConsumerTimers,
  withoutPartitions,
} from './client';
import type { GroupErrorCode } from './events';
import type { GroupMessageOf, MemberAnswer } from './protocol';
import { resetOffset } from './read';
import { consumerOf, isRunning, setConsumer, updateConsumer } from './slice';
import { type ConsumerState, type TopicPartitionRef, tpKey } from './types';

/** An answer to a consumer's request: for the incarnation of the client that sent it. */
type ClientAnswer = Envelope<string, { readonly incarnation: number }>;

/** The consumer a message is for, if it is the running incarnation that sent the request. */
export function addressee(tx: Tx, m: ClientAnswer): ConsumerState | undefined {
  const c = consumerOf(tx, m.to.slice('consumer:'.length));
  if (!c || !isRunning(c) || c.incarnation !== m.payload.incarnation) return undefined;
  return c;
}

/** The request kind an answer's kind answers (`joinGroupResponse` answers `joinGroup`). */
const answered = (answerKind: string) => answerKind.slice(0, -'Response'.length);

/** Without the deadline of the request this answers: the others still count down. */
function answeredRequest(tx: Tx, c: ConsumerState, answerKind: string): ConsumerState {
  const { [answered(answerKind)]: _met, ...rest } = c.requestDeadlines;
  return updateConsumer(tx, c.id, { requestDeadlines: rest });
}

/** An answer from the coordinator it is talking to: that request's deadline is met. */
function fromCoordinator(tx: Tx, m: ClientAnswer): ConsumerState | undefined {
  const c = addressee(tx, m);
  if (!c || c.coordinator === null || m.from !== brokerNode(c.coordinator)) return undefined;
  return answeredRequest(tx, c, m.kind);
}

/** The answer belongs to the member's current generation (Java ignores stale ones). */
const current = (c: ConsumerState, m: Envelope<string, MemberAnswer>) =>
  m.payload.memberId === c.memberId && m.payload.generationId === c.generationId;

const isCoordinatorError = (e: GroupErrorCode) =>
  e === 'NOT_COORDINATOR' || e === 'COORDINATOR_NOT_AVAILABLE';

/**
 * The errors that JoinGroup, SyncGroup and Heartbeat answers handle alike (AbstractCoordinator's response
 * handlers): a fenced member resets its generation and rejoins; a lost coordinator is looked for again.
 * Whether the error was one of them.
 */
function handledAsFencedOrLost(tx: Tx, c: ConsumerState, error: GroupErrorCode): boolean {
  if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') {
    resetGeneration(tx, c, error);
    return true;
  }
  if (isCoordinatorError(error)) {
    coordinatorLost(tx, c, error);
    return true;
  }
  return false;
}

export function onFindCoordinatorResponse(tx: Tx, m: GroupMessageOf<'findCoordinatorResponse'>): void {
  const c = addressee(tx, m);
  if (!c || c.coordinator !== null) return;
  const met = answeredRequest(tx, c, m.kind);
  if (m.payload.error !== 'NONE') {
    scheduleRetry(tx, met);
    return;
  }
  const coordinator = m.payload.coordinator;
  const next = updateConsumer(tx, c.id, { coordinator });
  tx.emit({ type: 'coordinatorFound', consumer: c.id, group: c.group, coordinator });
  if (next.status === 'unjoined' || next.rejoinNeeded) sendJoin(tx, next);
}

/** The answer to a LeaveGroup: nothing to do but stop counting down (LeaveGroupResponseHandler logs it). */
export function onLeaveGroupResponse(tx: Tx, m: GroupMessageOf<'leaveGroupResponse'>): void {
  fromCoordinator(tx, m);
}

export function onJoinGroupResponse(tx: Tx, m: GroupMessageOf<'joinGroupResponse'>): void {
  const c = fromCoordinator(tx, m);
  if (c?.status !== 'joining') return;
  const error = m.payload.error;
  if (error === 'MEMBER_ID_REQUIRED') {
    sendJoin(tx, updateConsumer(tx, c.id, { memberId: m.payload.memberId }));
    return;
  }
  if (handledAsFencedOrLost(tx, c, error)) return;
  if (error !== 'NONE') {
    tx.emit({ type: 'consumerFailed', consumer: c.id, group: c.group, error });
    setConsumer(tx, { ...c, status: 'failed' });
    stopConsumerTimers(tx, c.id);
    return;
  }
  // A static member that took over its old slot learns its new member id here (KIP-345).
  const { generationId, leaderId, memberId } = m.payload;
  // A successful answer names the protocol and, for the leader, every member (rebalance.ts completeJoin).
  const assignor = m.payload.assignor ?? null;
  const members = m.payload.members ?? [];
  const next = updateConsumer(tx, c.id, {
    status: 'syncing',
    memberId,
    generationId,
    assignor,
    isLeader: leaderId === memberId,
  });
  if (leaderId !== memberId || members.length === 0 || assignor === null) {
    sendToCoordinator(tx, next, 'syncGroup', {});
    return;
  }
  const assignment = computeAssignment(tx.state, assignor, members);
  tx.emit({
    type: 'assignmentComputed',
    group: c.group,
    generationId,
    assignor,
    consumer: c.id,
    assignment,
    consumers: Object.fromEntries(members.map((s) => [s.memberId, memberConsumer(s.memberId)])),
  });
  // ConsumerCoordinator keeps the partition counts it assigned with, to notice a change later.
  const snapshot = partitionCounts(tx.state, new Set(members.flatMap((s) => s.topics)));
  const withSnapshot = updateConsumer(tx, c.id, {
    assignmentSnapshot: snapshot,
    nextMetadataRefreshMs: tx.state.now + c.config.metadataMaxAgeMs,
  });
  sendToCoordinator(tx, withSnapshot, 'syncGroup', { assignments: assignment });
}

/** The client id behind a member id: the coordinator makes ids as `<client id>-<n>` (KIP-394). */
function memberConsumer(memberId: string): string {
  const dash = memberId.lastIndexOf('-');
  return dash > 0 ? memberId.slice(0, dash) : memberId;
}

export function onSyncGroupResponse(tx: Tx, m: GroupMessageOf<'syncGroupResponse'>): void {
  const c = fromCoordinator(tx, m);
  if (c?.status !== 'syncing' || !current(c, m)) return;
  const error = m.payload.error;
  if (error === 'REBALANCE_IN_PROGRESS') {
    requestRejoin(tx, c, 'SyncGroup answered REBALANCE_IN_PROGRESS');
    return;
  }
  if (handledAsFencedOrLost(tx, c, error)) return;
  // Every other answer is a success, which carries the member's share (sync.ts).
  applyAssignment(tx, c, m.payload.assignment ?? []);
}

/**
 * ConsumerCoordinator.onJoinComplete. Eager: it owns nothing now and takes the new share. Cooperative: it
 * revokes what it owned and was not given, and if it revoked anything it rejoins at once for the second
 * round that hands those partitions to their new owners (KIP-429).
 */
function applyAssignment(tx: Tx, c: ConsumerState, assignment: readonly TopicPartitionRef[]): void {
  const keys = new Set(assignment.map((tp) => tpKey(tp.topic, tp.partition)));
  const ownedKeys = new Set(c.owned.map((tp) => tpKey(tp.topic, tp.partition)));
  const revoked = c.owned.filter((tp) => !keys.has(tpKey(tp.topic, tp.partition)));
  const added = assignment.filter((tp) => !ownedKeys.has(tpKey(tp.topic, tp.partition)));
  if (revoked.length > 0) {
    tx.emit({
      type: 'partitionsRevoked',
      consumer: c.id,
      group: c.group,
      generationId: c.generationId,
      partitions: [...revoked],
      reason: isCooperative(c) ? 'cooperative rebalance' : 'eager rebalance',
    });
  }
  const kept = withoutPartitions(c, revoked);
  // "Reschedule the auto commit starting from now" (ConsumerCoordinator.onJoinComplete): a new member's first
  // auto-commit comes auto.commit.interval.ms after its join completes; until then the group has no offset.
  const next: ConsumerState = {
    ...kept,
    status: 'stable',
    owned: [...kept.owned, ...added],
    nextAutoCommitMs: tx.state.now + c.config.autoCommitIntervalMs,
  };
  setConsumer(tx, next);
  tx.emit({
    type: 'partitionsAssigned',
    consumer: c.id,
    group: c.group,
    generationId: c.generationId,
    partitions: [...added],
  });
  if (added.length > 0) fetchCommittedOffsets(tx, next);
  if (revoked.length > 0 && isCooperative(c))
    requestRejoin(tx, consumerOf(tx, c.id)!, 'revoked partitions for the second round (KIP-429)');
}

/** OffsetFetch for the owned partitions that have no position yet. */
export function fetchCommittedOffsets(tx: Tx, c: ConsumerState): void {
  const partitions = c.owned.filter((tp) => c.positions[tpKey(tp.topic, tp.partition)] === undefined);
  if (partitions.length === 0 || c.coordinator === null || c.offsetFetchInFlight) return;
  sendToCoordinator(tx, updateConsumer(tx, c.id, { offsetFetchInFlight: true }), 'offsetFetch', {
    partitions,
  });
}

/**
 * A new owner resumes at the group's committed offset, or where auto.offset.reset says when there is none.
 * The reset reads the leader's log start or high watermark directly (Kafka asks the leader with ListOffsets).
 */
export function onOffsetFetchResponse(tx: Tx, m: GroupMessageOf<'offsetFetchResponse'>): void {
  const c = fromCoordinator(tx, m);
  if (!c) return;
  let next = updateConsumer(tx, c.id, { offsetFetchInFlight: false });
  if (isCoordinatorError(m.payload.error)) {
    coordinatorLost(tx, next, m.payload.error);
    return;
  }
  const offsets = m.payload.offsets;
  const owned = new Set(next.owned.map((tp) => tpKey(tp.topic, tp.partition)));
  const positions = { ...next.positions };
  const relevant = offsets.filter(
    (o) => owned.has(tpKey(o.topic, o.partition)) && positions[tpKey(o.topic, o.partition)] === undefined,
  );
  if (relevant.length === 0) return;
  tx.emit({ type: 'offsetsFetched', consumer: c.id, group: c.group, offsets: relevant });
  for (const o of relevant) {
    let offset = o.committedOffset;
    if (offset === null) {
      const strategy = next.config.autoOffsetReset;
      offset = resetOffset(tx.state, o.topic, o.partition, strategy);
      tx.emit({
        type: 'offsetReset',
        consumer: c.id,
        group: c.group,
        topic: o.topic,
        partition: o.partition,
        offset,
        strategy,
      });
    }
    positions[tpKey(o.topic, o.partition)] = offset;
  }
  next = { ...next, positions };
  setConsumer(tx, next);
}

/** Heartbeat answers: REBALANCE_IN_PROGRESS makes a stable member rejoin; a fenced member starts over. */
export function onHeartbeatResponse(tx: Tx, m: GroupMessageOf<'heartbeatResponse'>): void {
  const c = fromCoordinator(tx, m);
  if (!c || !current(c, m) || (c.status !== 'stable' && c.status !== 'syncing')) return;
  const error = m.payload.error;
  if (error === 'REBALANCE_IN_PROGRESS' && c.status === 'stable') {
    requestRejoin(tx, c, 'heartbeat answered REBALANCE_IN_PROGRESS');
    return;
  }
  handledAsFencedOrLost(tx, c, error);
}

/** A failed commit is reported; a fenced member starts over (ConsumerCoordinator.OffsetCommitResponseHandler). */
export function onOffsetCommitResponse(tx: Tx, m: GroupMessageOf<'offsetCommitResponse'>): void {
  const c = fromCoordinator(tx, m);
  if (!c) return;
  const error = m.payload.error;
  if (error === 'NONE') return;
  tx.emit({ type: 'offsetCommitFailed', group: c.group, consumer: c.id, error });
  if (!current(c, m)) return;
  if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') {
    if (c.status === 'stable') resetGeneration(tx, c, error);
  } else if (isCoordinatorError(error)) coordinatorLost(tx, c, error);
}

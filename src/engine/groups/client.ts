/**
 * The consumer's side of the group protocol, shared by its handlers: finding the coordinator, talking to it,
 * rejoining, committing, and giving partitions up (AbstractCoordinator, ConsumerCoordinator).
 */
import type { Tx } from '../core/tx';
import { type BrokerId, brokerNode, consumerNode } from '../core/types';
import { JOIN_GROUP_EXTRA_TIMEOUT_MS } from './config';
import type { MemberRequestFields, MemberRequestKind } from './protocol';
import { consumerOf, setConsumer, updateConsumer } from './slice';
import { type ConsumerState, type TopicPartitionRef, tpKey } from './types';

/**
 * The rebalance protocol a client uses: COOPERATIVE only when every assignor it lists supports it
 * (ConsumerCoordinator's constructor picks the highest protocol common to all of them), else EAGER.
 */
export function isCooperative(c: ConsumerState): boolean {
  return c.config.assignors.every((a) => a === 'cooperative-sticky');
}

/** Sends a request to the coordinator; an answer must come before the deadline or the coordinator is lost. */
export function sendToCoordinator<K extends MemberRequestKind>(
  tx: Tx,
  c: ConsumerState,
  kind: K,
  fields: MemberRequestFields[K],
  timeoutMs = c.config.requestTimeoutMs,
): void {
  if (c.coordinator === null) return;
  const request = {
    group: c.group,
    incarnation: c.incarnation,
    memberId: c.memberId,
    generationId: c.generationId,
    ...fields,
  };
  // Sent as one of the member requests: K ties the kind to its fields for the caller.
  tx.send<MemberRequestKind>(kind, consumerNode(c.id), brokerNode(c.coordinator), request);
  const deadline = tx.state.now + timeoutMs;
  const { requestDeadlines } = consumerOf(tx, c.id)!;
  // Two of a kind in flight (commits): the first one's deadline comes first.
  if (requestDeadlines[kind] === undefined || requestDeadlines[kind] > deadline)
    updateConsumer(tx, c.id, { requestDeadlines: { ...requestDeadlines, [kind]: deadline } });
}

/** FindCoordinator, to the live brokers in turn (the "least loaded node" the client knows). */
export function findCoordinator(tx: Tx, c: ConsumerState): void {
  const live = Object.values(tx.state.brokers)
    .filter((b) => b.alive)
    .map((b) => b.id);
  const broker: BrokerId | undefined = live[c.findAttempt % Math.max(1, live.length)];
  if (broker === undefined) {
    scheduleRetry(tx, c);
    return;
  }
  tx.send('findCoordinator', consumerNode(c.id), brokerNode(broker), {
    group: c.group,
    incarnation: c.incarnation,
  });
  updateConsumer(tx, c.id, {
    coordinator: null,
    findAttempt: c.findAttempt + 1,
    requestDeadlines: { findCoordinator: tx.state.now + c.config.requestTimeoutMs },
  });
}

/**
 * Cancels a consumer's timers: every timer whose payload names it as its `consumer`. A queue consumer's ack
 * timer (queue/protocol.ts) names its consumer the same way, so one of the same id is cancelled too.
 */
export function stopConsumerTimers(tx: Tx, id: string): void {
  tx.cancel((t) => 'consumer' in t.payload && t.payload.consumer === id);
}

export function scheduleRetry(tx: Tx, c: ConsumerState): void {
  tx.schedule('consumerRetry', tx.state.now + c.config.retryBackoffMs, {
    consumer: c.id,
    incarnation: c.incarnation,
  });
}

/**
 * AbstractCoordinator.markCoordinatorUnknown: the member keeps its partitions and generation and looks for
 * the coordinator again; a join or sync in progress is redone once it is found.
 */
export function coordinatorLost(tx: Tx, c: ConsumerState, reason: string): void {
  if (c.coordinator !== null)
    tx.emit({ type: 'coordinatorLost', consumer: c.id, group: c.group, coordinator: c.coordinator, reason });
  const midRebalance = c.status === 'joining' || c.status === 'syncing';
  const next = updateConsumer(tx, c.id, {
    coordinator: null,
    requestDeadlines: {},
    rejoinNeeded: c.rejoinNeeded || midRebalance,
    offsetFetchInFlight: false,
  });
  findCoordinator(tx, next);
}

export function sendJoin(tx: Tx, c: ConsumerState): void {
  const next = updateConsumer(tx, c.id, { status: 'joining', rejoinNeeded: false });
  sendToCoordinator(
    tx,
    next,
    'joinGroup',
    {
      groupInstanceId: c.config.groupInstanceId,
      topics: [...c.config.topics],
      assignors: [...c.config.assignors],
      ownedPartitions: isCooperative(c) ? [...c.owned] : [],
      previousPartitions: [...c.previousAssignment],
      sessionTimeoutMs: c.config.sessionTimeoutMs,
      // The Java consumer's rebalance timeout is its max.poll.interval.ms.
      rebalanceTimeoutMs: c.config.maxPollIntervalMs,
    },
    c.config.maxPollIntervalMs + JOIN_GROUP_EXTRA_TIMEOUT_MS,
  );
}

/** OffsetCommit of every owned partition's position (SubscriptionState.allConsumed). */
export function sendCommit(tx: Tx, c: ConsumerState): void {
  const offsets = c.owned.flatMap((tp) => {
    const offset = c.positions[tpKey(tp.topic, tp.partition)];
    return offset === undefined ? [] : [{ topic: tp.topic, partition: tp.partition, offset }];
  });
  if (offsets.length === 0 || c.coordinator === null || c.generationId < 0) return;
  sendToCoordinator(tx, c, 'offsetCommit', { offsets });
}

/** Forgets position, buffered records and fetches of partitions it no longer owns. */
export function withoutPartitions(c: ConsumerState, gone: readonly TopicPartitionRef[]): ConsumerState {
  if (gone.length === 0) return c;
  const keys = new Set(gone.map((tp) => tpKey(tp.topic, tp.partition)));
  const keep = <T>(r: Readonly<Record<string, T>>) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !keys.has(k)));
  return {
    ...c,
    owned: c.owned.filter((tp) => !keys.has(tpKey(tp.topic, tp.partition))),
    positions: keep(c.positions),
    buffer: keep(c.buffer),
    fetching: keep(c.fetching),
  };
}

/**
 * ConsumerCoordinator.onJoinPrepare, then JoinGroup: with auto-commit the positions are committed first
 * (sent ahead of the JoinGroup on the same connection, so the coordinator sees the commit first); an eager
 * member then revokes everything, a cooperative one only what it no longer subscribes to.
 */
export function requestRejoin(tx: Tx, c: ConsumerState, reason: string): void {
  tx.emit({ type: 'rejoinRequested', consumer: c.id, group: c.group, reason });
  if (c.config.autoCommit && c.status !== 'joining') sendCommit(tx, c);
  let next = consumerOf(tx, c.id)!;
  const revoked = isCooperative(next)
    ? next.owned.filter((tp) => !next.config.topics.includes(tp.topic))
    : next.owned;
  if (revoked.length > 0) {
    tx.emit({
      type: 'partitionsRevoked',
      consumer: c.id,
      group: c.group,
      generationId: next.generationId,
      partitions: [...revoked],
      reason: isCooperative(next) ? 'subscription changed' : 'eager rebalance',
    });
    next = { ...withoutPartitions(next, revoked), previousAssignment: next.owned };
  }
  setConsumer(tx, { ...next, rejoinNeeded: true });
  next = consumerOf(tx, c.id)!;
  if (next.coordinator !== null) sendJoin(tx, next);
}

/**
 * The member was fenced (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION): its partitions are lost, not revoked, and
 * not committed (onPartitionsLost, KIP-429); it rejoins, with a new member id after UNKNOWN_MEMBER_ID.
 */
export function resetGeneration(tx: Tx, c: ConsumerState, error: string): void {
  if (c.owned.length > 0)
    tx.emit({
      type: 'partitionsLost',
      consumer: c.id,
      group: c.group,
      partitions: [...c.owned],
      reason: error,
    });
  const next: ConsumerState = {
    ...withoutPartitions(c, c.owned),
    previousAssignment: c.owned,
    generationId: -1,
    memberId: error === 'UNKNOWN_MEMBER_ID' ? '' : c.memberId,
    isLeader: false,
    assignmentSnapshot: null,
  };
  setConsumer(tx, next);
  requestRejoin(tx, next, error);
}

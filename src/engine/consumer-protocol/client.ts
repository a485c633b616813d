/**
 * The consumer's side of the consumer protocol (ConsumerMembershipManager, HeartbeatRequestManager in
 * clients/.../consumer/internals/): it heartbeats at the interval the broker gives, with one request in
 * flight at most, and reconciles what each answer assigns: it commits and revokes what it lost, takes
 * what it gained, and tells the coordinator at once with another heartbeat. It never stops reading the
 * partitions it keeps.
 */
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import { brokerNode, consumerNode, tpKey } from '../core/types';
import { currentCoordinator, ensureOffsetsTopic } from '../groups/coordinator';
import type { TopicPartitionRef } from '../groups/types';
import { sortTps } from './assignors';
import type { ModernMessageOf } from './protocol';
import { modernConsumerOf, modernGroupOf, setModernGroup, updateModernConsumer } from './slice';
import {
  AUTO_COMMIT_INTERVAL_MS,
  CONSUMER_HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_REQUEST_TIMEOUT_MS,
  type ModernConsumer,
  type ModernGroupCommand,
} from './types';

type Cmd<T extends ModernGroupCommand['type']> = Extract<ModernGroupCommand, { type: T }>;
type Tp = TopicPartitionRef;

const DEFAULT_POLL_INTERVAL_MS = 500;
const DEFAULT_MAX_POLL_RECORDS = 500;

const live = (c: ModernConsumer | undefined): c is ModernConsumer =>
  !!c && c.status !== 'dead' && c.status !== 'closed';

function sendHeartbeat(tx: Tx, c: ModernConsumer, memberEpoch = c.memberEpoch): void {
  ensureOffsetsTopic(tx);
  const coord = currentCoordinator(tx.state, c.group);
  // COORDINATOR_NOT_AVAILABLE: try again at the next interval.
  if (!coord) {
    scheduleHeartbeat(tx, c.id, tx.state.now + c.heartbeatIntervalMs);
    return;
  }
  tx.send('consumerGroupHeartbeat', consumerNode(c.id), brokerNode(coord.broker), {
    group: c.group,
    consumer: c.id,
    incarnation: c.incarnation,
    memberId: c.memberId,
    memberEpoch,
    subscribedTopics: c.topics,
    serverAssignor: c.assignor,
    ownedPartitions: c.owned,
  });
  updateModernConsumer(tx, c.id, { inFlightSinceMs: tx.state.now });
  // If no answer comes (the coordinator died), the request times out and the next one goes out.
  scheduleHeartbeat(tx, c.id, tx.state.now + HEARTBEAT_REQUEST_TIMEOUT_MS);
}

function scheduleHeartbeat(tx: Tx, consumer: string, dueMs: number): void {
  const c = updateModernConsumer(tx, consumer, { nextHeartbeatMs: dueMs });
  tx.schedule('modernHeartbeatDue', dueMs, { consumer, incarnation: c.incarnation, dueMs });
}

export function addModernConsumer(tx: Tx, cmd: Cmd<'addModernConsumer'>): EngineError | undefined {
  if (!tx.state.controller && Object.keys(tx.state.brokers).length === 0)
    return { code: 'CLUSTER_NOT_CREATED', message: 'Create the cluster before starting consumers.' };
  if (modernConsumerOf(tx, cmd.consumer) || Object.hasOwn(tx.state.groups.consumers, cmd.consumer))
    return { code: 'INVALID_REQUEST', message: `Consumer '${cmd.consumer}' already exists.` };
  if (Object.hasOwn(tx.state.groups.groups, cmd.group))
    return { code: 'INVALID_REQUEST', message: `Group '${cmd.group}' is a classic group.` };
  if (cmd.topics.length === 0)
    return { code: 'INVALID_REQUEST', message: 'Subscribe to at least one topic.' };
  const consumer: ModernConsumer = {
    id: cmd.consumer,
    group: cmd.group,
    topics: [...cmd.topics],
    assignor: cmd.assignor ?? null,
    autoOffsetReset: cmd.autoOffsetReset ?? 'latest',
    pollIntervalMs: cmd.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    maxPollRecords: cmd.maxPollRecords ?? DEFAULT_MAX_POLL_RECORDS,
    incarnation: 0,
    status: 'joining',
    memberId: `${cmd.consumer}-${tx.id('')}`,
    memberEpoch: 0,
    owned: [],
    positions: {},
    inFlightSinceMs: null,
    nextHeartbeatMs: tx.state.now,
    heartbeatIntervalMs: CONSUMER_HEARTBEAT_INTERVAL_MS,
    nextAutoCommitMs: tx.state.now + AUTO_COMMIT_INTERVAL_MS,
  };
  tx.state = {
    ...tx.state,
    modernGroups: {
      ...tx.state.modernGroups,
      consumers: { ...tx.state.modernGroups.consumers, [consumer.id]: consumer },
    },
  };
  tx.emit({
    type: 'modernConsumerAdded',
    consumer: consumer.id,
    group: consumer.group,
    memberId: consumer.memberId,
  });
  sendHeartbeat(tx, consumer);
  tx.schedule('modernPoll', tx.state.now + consumer.pollIntervalMs, {
    consumer: consumer.id,
    incarnation: 0,
  });
  return undefined;
}

export function killModernConsumer(tx: Tx, cmd: Cmd<'killModernConsumer'>): EngineError | undefined {
  const c = modernConsumerOf(tx, cmd.consumer);
  if (!live(c)) return { code: 'INVALID_REQUEST', message: `No running consumer '${cmd.consumer}'.` };
  updateModernConsumer(tx, c.id, { status: 'dead', inFlightSinceMs: null });
  tx.emit({ type: 'modernConsumerKilled', consumer: c.id, group: c.group });
  return undefined;
}

function commit(tx: Tx, c: ModernConsumer, tps: readonly Tp[]): void {
  const group = modernGroupOf(tx, c.group);
  if (!group) return;
  const offsets = { ...group.offsets };
  for (const tp of tps) {
    const k = tpKey(tp.topic, tp.partition);
    const position = c.positions[k];
    if (position === undefined || offsets[k] === position) continue;
    offsets[k] = position;
    tx.emit({
      type: 'modernOffsetCommitted',
      consumer: c.id,
      group: c.group,
      topic: tp.topic,
      partition: tp.partition,
      offset: position,
    });
  }
  setModernGroup(tx, { ...group, offsets });
}

/** Auto-commit before revoking (AsyncKafkaConsumer commits on revocation): the next owner goes on from there. */
function revoke(tx: Tx, c: ModernConsumer, tps: readonly Tp[], memberEpoch: number): ModernConsumer {
  if (tps.length === 0) return c;
  commit(tx, c, tps);
  const gone = new Set(tps.map((tp) => tpKey(tp.topic, tp.partition)));
  const positions = { ...c.positions };
  for (const k of gone) delete positions[k];
  tx.emit({
    type: 'modernPartitionsRevoked',
    consumer: c.id,
    group: c.group,
    memberEpoch,
    partitions: [...tps],
  });
  return updateModernConsumer(tx, c.id, {
    owned: c.owned.filter((tp) => !gone.has(tpKey(tp.topic, tp.partition))),
    positions,
  });
}

export function closeModernConsumer(tx: Tx, cmd: Cmd<'closeModernConsumer'>): EngineError | undefined {
  const c = modernConsumerOf(tx, cmd.consumer);
  if (!live(c)) return { code: 'INVALID_REQUEST', message: `No running consumer '${cmd.consumer}'.` };
  const emptied = revoke(tx, c, c.owned, c.memberEpoch);
  sendHeartbeat(tx, emptied, -1);
  updateModernConsumer(tx, c.id, { status: 'closed', inFlightSinceMs: null });
  tx.emit({ type: 'modernConsumerClosed', consumer: c.id, group: c.group });
  return undefined;
}

export function onHeartbeatDue(tx: Tx, p: { consumer: string; incarnation: number; dueMs: number }): void {
  const c = modernConsumerOf(tx, p.consumer);
  if (!live(c) || c.incarnation !== p.incarnation || c.nextHeartbeatMs !== p.dueMs) return;
  sendHeartbeat(tx, c);
}

/** Where a newly assigned partition starts: the group's committed offset, else auto.offset.reset. */
function startPosition(tx: Tx, c: ModernConsumer, tp: Tp): number {
  const committed = modernGroupOf(tx, c.group)?.offsets[tpKey(tp.topic, tp.partition)];
  if (committed !== undefined) return committed;
  const p = tx.partition(tp.topic, tp.partition);
  if (!p) return 0;
  const log = p.leader !== null ? p.logs[p.leader] : undefined;
  return c.autoOffsetReset === 'earliest' ? (log?.logStartOffset ?? 0) : p.highWatermark;
}

export function onHeartbeatResponse(tx: Tx, m: ModernMessageOf<'consumerGroupHeartbeatResponse'>): void {
  const r = m.payload;
  let c = modernConsumerOf(tx, r.consumer);
  if (!live(c) || c.incarnation !== r.incarnation) return;
  c = updateModernConsumer(tx, c.id, { inFlightSinceMs: null, heartbeatIntervalMs: r.heartbeatIntervalMs });
  if (r.error !== 'NONE') {
    // Fenced: its partitions may already be someone else's, so they are lost, not committed; rejoin at 0.
    if (c.owned.length > 0)
      tx.emit({
        type: 'modernPartitionsLost',
        consumer: c.id,
        group: c.group,
        partitions: [...c.owned],
        reason: r.error,
      });
    c = updateModernConsumer(tx, c.id, { owned: [], positions: {}, memberEpoch: 0, status: 'joining' });
    sendHeartbeat(tx, c);
    return;
  }
  c = updateModernConsumer(tx, c.id, { memberEpoch: r.memberEpoch });
  if (r.assignment === null) {
    updateModernConsumer(tx, c.id, { status: 'stable' });
    scheduleHeartbeat(tx, c.id, tx.state.now + r.heartbeatIntervalMs);
    return;
  }
  const target = r.assignment;
  const has = (tps: readonly Tp[], tp: Tp) =>
    tps.some((t) => t.topic === tp.topic && t.partition === tp.partition);
  const lost = c.owned.filter((tp) => !has(target, tp));
  const gained = target.filter((tp) => !has(c!.owned, tp));
  c = revoke(tx, c, lost, r.memberEpoch);
  if (gained.length > 0) {
    const positions = { ...c.positions };
    for (const tp of gained) positions[tpKey(tp.topic, tp.partition)] = startPosition(tx, c, tp);
    c = updateModernConsumer(tx, c.id, { owned: sortTps([...c.owned, ...gained]), positions });
    tx.emit({
      type: 'modernPartitionsAssigned',
      consumer: c.id,
      group: c.group,
      memberEpoch: r.memberEpoch,
      partitions: [...gained],
    });
  }
  if (lost.length > 0 || gained.length > 0) {
    // Reconciled: acknowledge at once rather than at the next interval (MemberState.ACKNOWLEDGING).
    c = updateModernConsumer(tx, c.id, { status: 'reconciling' });
    sendHeartbeat(tx, c);
    return;
  }
  updateModernConsumer(tx, c.id, { status: 'stable' });
  scheduleHeartbeat(tx, c.id, tx.state.now + r.heartbeatIntervalMs);
}

/** The application's poll loop: it reads what its partitions hold up to the high watermark. */
export function onPoll(tx: Tx, p: { consumer: string; incarnation: number }): void {
  let c = modernConsumerOf(tx, p.consumer);
  if (!live(c) || c.incarnation !== p.incarnation) return;
  let budget = c.maxPollRecords;
  const positions = { ...c.positions };
  for (const tp of c.owned) {
    const k = tpKey(tp.topic, tp.partition);
    const from = positions[k];
    const hw = tx.partition(tp.topic, tp.partition)?.highWatermark;
    if (from === undefined || hw === undefined || from >= hw || budget <= 0) continue;
    const to = Math.min(hw, from + budget);
    budget -= to - from;
    positions[k] = to;
    tx.emit({
      type: 'modernRecordsRead',
      consumer: c.id,
      group: c.group,
      topic: tp.topic,
      partition: tp.partition,
      fromOffset: from,
      toOffset: to,
    });
  }
  c = updateModernConsumer(tx, c.id, { positions });
  if (tx.state.now >= c.nextAutoCommitMs) {
    // Auto-commit happens inside poll(), for what earlier polls returned (ConsumerConfig enable.auto.commit).
    commit(tx, c, c.owned);
    c = updateModernConsumer(tx, c.id, { nextAutoCommitMs: tx.state.now + AUTO_COMMIT_INTERVAL_MS });
  }
  tx.schedule('modernPoll', tx.state.now + c.pollIntervalMs, { consumer: c.id, incarnation: c.incarnation });
}

/**
 * The consumer's loops in logical time. The poll timer is the application's loop: every pollIntervalMs it
 * calls poll() (auto-commit when due, rejoin if needed, hand back up to max.poll.records buffered records)
 * and processes what it got; the fetcher then asks the leaders for more. The heartbeat timer is the Java
 * consumer's heartbeat thread: it watches the coordinator connection and max.poll.interval.ms, and sends a
 * Heartbeat every heartbeat.interval.ms while the member is in a generation.
 */

import type { TimerEntry } from '../core/protocol';
import type { Tx } from '../core/tx';
import { partitionCounts } from './assign';
import {
  coordinatorLost,
  requestRejoin,
  sendCommit,
  sendJoin,
  sendToCoordinator,
  withoutPartitions,
} from './client';
import { fetchCommittedOffsets } from './client-join';
import { sendFetches } from './fetch';
import type { ClientTimer } from './protocol';
import {
  consumerOf,
  countProcessedWhileRebalancing,
  isRunning,
  setConsumer,
  setProcessedEnds,
  updateConsumer,
} from './slice';
import { type ConsumerState, tpKey } from './types';

/** The consumer a client timer is for, if it is still the running incarnation that set it. */
function timerConsumer(tx: Tx, t: TimerEntry<string, ClientTimer>): ConsumerState | undefined {
  const c = consumerOf(tx, t.payload.consumer);
  return c && isRunning(c) && c.incarnation === t.payload.incarnation ? c : undefined;
}

export function schedulePoll(tx: Tx, c: ConsumerState, dueMs: number): void {
  tx.schedule('consumerPoll', dueMs, { consumer: c.id, incarnation: c.incarnation });
}

export function scheduleHeartbeat(tx: Tx, c: ConsumerState, dueMs: number): void {
  tx.schedule('consumerHeartbeat', dueMs, { consumer: c.id, incarnation: c.incarnation });
}

/**
 * A killed coordinator closes its connections at once; one cut off by the network answers nothing, and
 * the client gives up on it after request.timeout.ms. Either way it looks for the coordinator again.
 */
function checkCoordinator(tx: Tx, c: ConsumerState): ConsumerState {
  if (c.coordinator !== null && !tx.state.brokers[c.coordinator]?.alive) {
    coordinatorLost(tx, c, 'connection closed');
  } else if (Object.values(c.requestDeadlines).some((deadline) => tx.state.now >= deadline)) {
    coordinatorLost(tx, c, c.coordinator !== null ? 'request timed out' : 'FindCoordinator timed out');
  }
  return consumerOf(tx, c.id)!;
}

export function onPollTick(tx: Tx, t: TimerEntry<string, ClientTimer>): void {
  let c = timerConsumer(tx, t);
  if (!c) return;
  schedulePoll(tx, c, tx.state.now + c.config.pollIntervalMs);
  c = checkCoordinator(tx, updateConsumer(tx, c.id, { lastPollMs: tx.state.now }));
  if (c.coordinator !== null && c.status !== 'joining' && (c.status === 'unjoined' || c.rejoinNeeded)) {
    sendJoin(tx, c);
    c = consumerOf(tx, c.id)!;
  }
  if (metadataChanged(tx, c)) {
    requestRejoin(tx, c, 'the partition count of a subscribed topic changed');
    c = consumerOf(tx, c.id)!;
  }
  // Auto-commit from poll() when the interval has passed (ConsumerCoordinator.maybeAutoCommitOffsetsAsync).
  if (c.config.autoCommit && tx.state.now >= c.nextAutoCommitMs && c.status === 'stable') {
    sendCommit(tx, c);
    c = updateConsumer(tx, c.id, { nextAutoCommitMs: tx.state.now + c.config.autoCommitIntervalMs });
  }
  if (!c.paused) {
    const processed = processRecords(tx, c);
    c = consumerOf(tx, c.id)!;
    if (processed > 0 && !c.config.autoCommit && c.config.commitAfterProcessing) sendCommit(tx, c);
  }
  fetchCommittedOffsets(tx, consumerOf(tx, c.id)!);
  c = consumerOf(tx, c.id)!;
  if (!c.paused) sendFetches(tx, c);
}

/**
 * The leader compares the partition counts it assigned with against fresh metadata every
 * metadata.max.age.ms, and rejoins when one changed (ConsumerCoordinator.rejoinNeededOrPending).
 */
function metadataChanged(tx: Tx, c: ConsumerState): boolean {
  if (!c.isLeader || c.status !== 'stable' || !c.assignmentSnapshot || tx.state.now < c.nextMetadataRefreshMs)
    return false;
  updateConsumer(tx, c.id, { nextMetadataRefreshMs: tx.state.now + c.config.metadataMaxAgeMs });
  const snapshot = c.assignmentSnapshot;
  const now = partitionCounts(tx.state, Object.keys(snapshot));
  return Object.keys(snapshot).some((t) => (now[t] ?? 0) !== snapshot[t]);
}

/** poll() returns up to max.poll.records buffered records, and the app processes them in order. */
function processRecords(tx: Tx, c: ConsumerState): number {
  if (c.owned.length === 0) return 0;
  let budget = c.config.maxPollRecords;
  const seen = tx.state.groups.processed[c.group] ?? {};
  const ends: Record<string, number> = {};
  const positions = { ...c.positions };
  const buffer = { ...c.buffer };
  // Start at a different partition on each poll so no partition waits behind a busy one.
  const start = Math.floor(tx.state.now / c.config.pollIntervalMs) % c.owned.length;
  for (let i = 0; i < c.owned.length && budget > 0; i++) {
    const tp = c.owned[(start + i) % c.owned.length]!;
    const key = tpKey(tp.topic, tp.partition);
    const records = buffer[key];
    const position = positions[key];
    if (!records || records.length === 0 || position === undefined) continue;
    const ready = records.filter((r) => r.offset >= position);
    const take = ready.slice(0, budget);
    budget -= take.length;
    let end = ends[key] ?? seen[key] ?? 0;
    for (const r of take) {
      const redelivered = r.offset < end;
      tx.emit({
        type: 'recordProcessed',
        consumer: c.id,
        group: c.group,
        ...tp,
        offset: r.offset,
        recordId: r.recordId,
        redelivered,
      });
      end = Math.max(end, r.offset + 1);
    }
    ends[key] = end;
    if (take.length > 0) positions[key] = take[take.length - 1]!.offset + 1;
    buffer[key] = ready.slice(take.length);
  }
  const count = c.config.maxPollRecords - budget;
  setConsumer(tx, { ...c, positions, buffer });
  if (count > 0) {
    setProcessedEnds(tx, c.group, ends);
    countProcessedWhileRebalancing(tx, c, count);
  }
  return count;
}

export function onHeartbeatTick(tx: Tx, t: TimerEntry<string, ClientTimer>): void {
  let c = timerConsumer(tx, t);
  if (!c) return;
  scheduleHeartbeat(tx, c, tx.state.now + c.config.heartbeatIntervalMs);
  c = checkCoordinator(tx, c);
  if (
    c.generationId >= 0 &&
    c.status === 'stable' &&
    tx.state.now - c.lastPollMs > c.config.maxPollIntervalMs
  ) {
    pollTimeout(tx, c);
    return;
  }
  if (c.coordinator !== null && (c.status === 'stable' || c.status === 'syncing'))
    sendToCoordinator(tx, c, 'heartbeat', {});
}

/**
 * max.poll.interval.ms passed without a poll: the heartbeat thread gives up the membership
 * (AbstractCoordinator.handlePollTimeoutExpiry, maybeLeaveGroup). A dynamic member sends LeaveGroup, so the
 * coordinator rebalances at once though its heartbeats were fine; a static member (group.instance.id) sends
 * none ("membership expiration is only controlled by session timeout"). Either way it forgets its member id
 * and generation (resetGenerationOnLeaveGroup) and stops heartbeating; the next poll rejoins, and its
 * partitions are lost.
 */
function pollTimeout(tx: Tx, c: ConsumerState): void {
  tx.emit({
    type: 'pollTimeoutExpired',
    consumer: c.id,
    group: c.group,
    maxPollIntervalMs: c.config.maxPollIntervalMs,
  });
  if (c.config.groupInstanceId === null) sendToCoordinator(tx, c, 'leaveGroup', {});
  if (c.owned.length > 0)
    tx.emit({
      type: 'partitionsLost',
      consumer: c.id,
      group: c.group,
      partitions: [...c.owned],
      reason: 'max.poll.interval.ms expired',
    });
  setConsumer(tx, {
    ...withoutPartitions(c, c.owned),
    status: 'unjoined',
    memberId: '',
    generationId: -1,
    isLeader: false,
    assignmentSnapshot: null,
  });
}

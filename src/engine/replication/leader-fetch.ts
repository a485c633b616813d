/**
 * The leader's side of follower fetching (ReplicaManager.fetchMessages for a replica, Partition.fetchRecords).
 * A fetch updates the leader's view of the follower (its LEO, when it was last caught up), may bring it back
 * into the ISR and move the high watermark, and is answered with the records from each fetch offset.
 *
 * Long poll, made cheap: a fetch that finds no new records is held (DelayedFetch, replica.fetch.min.bytes=1).
 * An append completes it at once. Kafka also answers a held fetch after replica.fetch.wait.max.ms (500 ms) and
 * the follower sends the next one straight away, so an idle follower costs two messages every 500 ms. Here a
 * held fetch only times out when it has something to say (a new high watermark for the follower); otherwise
 * it stays held. The state evolves the same way (the follower stays caught up, learns the HW within 500 ms,
 * gets new records as soon as they are appended); only idle round trips are not drawn.
 */

import { type LogRecord, readRange } from '../broker/log';
import { withoutKey } from '../core/records';
import type { Tx } from '../core/tx';
import type { BrokerId, FetchPartition, FollowerFetchState, HeldFetch, PartitionState } from '../core/types';
import { brokerNode } from '../core/types';
import { replicationConfig } from './config';
import { endOffsetFor, UNDEFINED_EPOCH } from './epoch-cache';
import { followedPartitions } from './fetcher';
import { advanceHighWatermark } from './high-watermark';
import { maybeExpandIsr } from './isr';
import { peerMessageLoss } from './network';
import type { FetchedPartition, ReplicationMessage } from './protocol';

/** Replica.updateFetchStateOrThrow: when the follower was last caught up with the leader's log end offset. */
function updateFollowerState(
  tx: Tx,
  p: PartitionState,
  follower: BrokerId,
  fetchOffset: number,
  leaderLogEndOffset: number,
): void {
  const now = tx.state.now;
  const prev: FollowerFetchState = p.followers[follower] ?? {
    logEndOffset: -1,
    lastCaughtUpTimeMs: 0,
    lastFetchTimeMs: 0,
    lastFetchLeaderLogEndOffset: 0,
  };
  let lastCaughtUpTimeMs = prev.lastCaughtUpTimeMs;
  if (fetchOffset >= leaderLogEndOffset) lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, now);
  else if (fetchOffset >= prev.lastFetchLeaderLogEndOffset)
    lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, prev.lastFetchTimeMs);
  const next: FollowerFetchState = {
    logEndOffset: fetchOffset,
    lastCaughtUpTimeMs,
    lastFetchTimeMs: now,
    lastFetchLeaderLogEndOffset: leaderLogEndOffset,
  };
  tx.updatePartition(p.topic, p.partition, (q) => ({
    ...q,
    followers: { ...q.followers, [follower]: next },
  }));
}

function readRecords(tx: Tx, p: PartitionState, leader: BrokerId, from: number): LogRecord[] {
  const log = p.logs[leader]!;
  const maxBytes = replicationConfig(tx.state).replicaFetchMaxBytes;
  const out: LogRecord[] = [];
  let bytes = 0;
  for (const r of readRange(log, from, log.logEndOffset)) {
    // Like replica.fetch.max.bytes, a limit that still returns the first record whatever its size.
    if (out.length > 0 && bytes + r.sizeBytes > maxBytes) break;
    out.push(r);
    bytes += r.sizeBytes;
  }
  return out;
}

/** Partition.fetchRecords for one partition of a follower's fetch; `update` is false when re-reading a held one. */
function fetchPartition(
  tx: Tx,
  leader: BrokerId,
  follower: BrokerId,
  fp: FetchPartition,
  update: boolean,
): FetchedPartition {
  const p = tx.partition(fp.topic, fp.partition);
  const base: Pick<FetchedPartition, 'topic' | 'partition' | 'records'> = {
    topic: fp.topic,
    partition: fp.partition,
    records: [],
  };
  if (!p || p.leader !== leader || !p.replicas.includes(follower)) {
    return {
      ...base,
      leaderEpoch: -1,
      highWatermark: -1,
      logStartOffset: -1,
      logEndOffset: -1,
      error: 'NOT_LEADER_OR_FOLLOWER',
    };
  }
  const log = p.logs[leader]!;
  const head = {
    ...base,
    leaderEpoch: p.leaderEpoch,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
  };
  if (fp.currentLeaderEpoch !== p.leaderEpoch) {
    const error = fp.currentLeaderEpoch < p.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH';
    return { ...head, highWatermark: p.highWatermark, error };
  }
  if (fp.lastFetchedEpoch !== UNDEFINED_EPOCH) {
    // The divergence check of KIP-595 (UnifiedLog/Partition.fetchRecords since Kafka 2.7, KAFKA-10554).
    const end = endOffsetFor(p.leaderEpochCaches[leader] ?? [], fp.lastFetchedEpoch, log.logEndOffset);
    if (end.epoch < fp.lastFetchedEpoch || end.endOffset < fp.fetchOffset) {
      return { ...head, highWatermark: p.highWatermark, divergingEpoch: end };
    }
  }
  if (fp.fetchOffset > log.logEndOffset || fp.fetchOffset < log.logStartOffset) {
    return { ...head, highWatermark: p.highWatermark, error: 'OFFSET_OUT_OF_RANGE' };
  }
  if (update) {
    updateFollowerState(tx, p, follower, fp.fetchOffset, log.logEndOffset);
    maybeExpandIsr(tx, fp.topic, fp.partition, follower);
    advanceHighWatermark(tx, fp.topic, fp.partition);
  }
  const now = tx.partition(fp.topic, fp.partition)!;
  // Expanding the ISR may have completed a reassignment that moved leadership away from this broker.
  if (now.leader !== leader)
    return { ...head, highWatermark: now.highWatermark, error: 'NOT_LEADER_OR_FOLLOWER' };
  const records = readRecords(tx, now, leader, fp.fetchOffset);
  // Only when the cleaner left a gap at the fetch offset does the follower need to know where the read began.
  const gap =
    records[0] !== undefined && records[0].offset !== fp.fetchOffset ? { fetchOffset: fp.fetchOffset } : {};
  return { ...head, highWatermark: now.highWatermark, records, ...gap };
}

function answer(
  tx: Tx,
  leader: BrokerId,
  follower: BrokerId,
  fetchId: string,
  parts: FetchedPartition[],
): void {
  tx.send('replicaFetchResponse', brokerNode(leader), brokerNode(follower), { fetchId, partitions: parts });
}

function setHeld(tx: Tx, leader: BrokerId, follower: BrokerId, held: HeldFetch | null): void {
  const b = tx.state.brokers[leader]!;
  const rest = withoutKey(b.heldFetches, String(follower));
  const heldFetches = held ? { ...rest, [follower]: held } : rest;
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [leader]: { ...b, heldFetches } } };
}

export function onReplicaFetch(
  tx: Tx,
  leader: BrokerId,
  follower: BrokerId,
  message: Extract<ReplicationMessage, { kind: 'replicaFetch' }>,
): void {
  const loss = peerMessageLoss(tx.state, follower, leader);
  if (loss) {
    tx.emit({ type: 'messageLost', message, reason: loss });
    return;
  }
  const req = message.payload;
  const parts = req.partitions.map((fp) => fetchPartition(tx, leader, follower, fp, true));
  const news = parts.some((r) => r.records.length > 0 || r.error || r.divergingEpoch);
  if (news) {
    setHeld(tx, leader, follower, null);
    answer(tx, leader, follower, req.fetchId, parts);
    return;
  }
  const held: HeldFetch = {
    fetchId: req.fetchId,
    partitions: req.partitions,
    heldSinceMs: tx.state.now,
    expiresAtMs: null,
  };
  setHeld(tx, leader, follower, held);
  // Answered at replica.fetch.wait.max.ms if the follower must learn a new HW or fetch a changed set of
  // partitions (the fetcher thread adds a partition on its next request, after this one returns).
  const newHw = parts.some((r) => r.highWatermark !== followerHighWatermark(tx, r, follower));
  if (newHw || !sameFetchSet(tx, leader, follower, req.partitions)) expireAtNextWait(tx, leader, follower);
}

/** Whether a fetch asks for exactly the partitions the follower replicates from this leader now. */
export function sameFetchSet(
  tx: Tx,
  leader: BrokerId,
  follower: BrokerId,
  asked: readonly FetchPartition[],
): boolean {
  const now = followedPartitions(tx, follower, leader).map(
    (p) => `${p.topic}/${p.partition}/${p.leaderEpoch}`,
  );
  return now.join() === asked.map((fp) => `${fp.topic}/${fp.partition}/${fp.currentLeaderEpoch}`).join();
}

/** Schedules the answer of a held fetch at the next replica.fetch.wait.max.ms boundary since it was held. */
export function expireAtNextWait(tx: Tx, leader: BrokerId, follower: BrokerId): void {
  const held = tx.state.brokers[leader]?.heldFetches[follower];
  if (!held) return;
  const waitMs = replicationConfig(tx.state).replicaFetchWaitMaxMs;
  const elapsed = tx.state.now - held.heldSinceMs;
  expireHeldAt(tx, leader, follower, tx.state.now + waitMs - (elapsed % waitMs));
}

function followerHighWatermark(tx: Tx, r: FetchedPartition, follower: BrokerId): number {
  return tx.partition(r.topic, r.partition)?.replicaHighWatermarks[follower] ?? 0;
}

function expireHeldAt(tx: Tx, leader: BrokerId, follower: BrokerId, dueMs: number): void {
  const held = tx.state.brokers[leader]?.heldFetches[follower];
  if (!held || held.expiresAtMs !== null) return;
  setHeld(tx, leader, follower, { ...held, expiresAtMs: dueMs });
  tx.schedule('replicaFetchExpired', dueMs, { leader, follower, fetchId: held.fetchId });
}

/** Answers a held fetch now, re-reading every partition it asked for. */
export function answerHeld(tx: Tx, leader: BrokerId, follower: BrokerId): void {
  const held = tx.state.brokers[leader]?.heldFetches[follower];
  if (!held) return;
  setHeld(tx, leader, follower, null);
  const parts = held.partitions.map((fp) => fetchPartition(tx, leader, follower, fp, false));
  answer(tx, leader, follower, held.fetchId, parts);
}

/** DelayedFetch completion: an append on the leader completes the held fetches that cover the partition. */
export function completeHeldFetches(tx: Tx, leader: BrokerId, topic: string, partition: number): void {
  const held = tx.state.brokers[leader]?.heldFetches ?? {};
  for (const [f, h] of Object.entries(held)) {
    if (h.partitions.some((fp) => fp.topic === topic && fp.partition === partition))
      answerHeld(tx, leader, Number(f));
  }
}

/**
 * A new high watermark reaches a held follower when its fetch would have timed out in Kafka: at the next
 * replica.fetch.wait.max.ms boundary since it was held.
 */
export function scheduleHighWatermarkNews(tx: Tx, leader: BrokerId, topic: string, partition: number): void {
  const held = tx.state.brokers[leader]?.heldFetches ?? {};
  for (const [f, h] of Object.entries(held)) {
    if (h.partitions.some((fp) => fp.topic === topic && fp.partition === partition))
      expireAtNextWait(tx, leader, Number(f));
  }
}

export function onReplicaFetchExpired(tx: Tx, leader: BrokerId, follower: BrokerId, fetchId: string): void {
  if (tx.state.brokers[leader]?.heldFetches[follower]?.fetchId !== fetchId) return;
  answerHeld(tx, leader, follower);
}

/**
 * The follower's side: one fetcher per source broker (ReplicaFetcherThread per leader broker), sending one
 * 'replicaFetch' that covers every partition this broker follows from that leader, with its log end offset
 * and last fetched epoch per partition. On the response it truncates where the leader says its log diverged,
 * appends the records, learns the high watermark, and fetches again at once.
 */
import { appendRecord, type ReplicaLog } from '../broker/log';
import type { Tx } from '../core/tx';
import type { BrokerId, BrokerState, FetchPartition, PartitionState } from '../core/types';
import { brokerNode } from '../core/types';
import { assignEpoch, latestEpoch } from './epoch-cache';
import { expireAtNextWait, sameFetchSet } from './leader-fetch';
import { peerMessageLoss, reachesPeers } from './network';
import type { FetchedPartition, ReplicationMessage } from './protocol';
import { truncateOnDivergence, truncateReplica } from './truncation';

/** The partitions `follower` replicates from `leader` right now, in topic then partition order. */
export function followedPartitions(tx: Tx, follower: BrokerId, leader: BrokerId): PartitionState[] {
  const out: PartitionState[] = [];
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) {
      if (p.leader === leader && p.replicas.includes(follower) && p.logs[follower]) out.push(p);
    }
  }
  return out;
}

function setBroker(tx: Tx, id: BrokerId, fn: (b: BrokerState) => BrokerState): void {
  const b = tx.state.brokers[id];
  if (b) tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [id]: fn(b) } };
}

function dropFetcher(tx: Tx, follower: BrokerId, leader: BrokerId): void {
  setBroker(tx, follower, (b) => {
    const { [leader]: _gone, ...fetchers } = b.fetchers;
    return { ...b, fetchers };
  });
}

/** Sends the fetcher's next request, or stops it when this broker follows nothing from that leader. */
export function sendFetch(tx: Tx, follower: BrokerId, leader: BrokerId): void {
  const parts = followedPartitions(tx, follower, leader);
  if (parts.length === 0 || !reachesPeers(tx.state, follower)) {
    dropFetcher(tx, follower, leader);
    return;
  }
  const partitions: FetchPartition[] = parts.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    fetchOffset: p.logs[follower]!.logEndOffset,
    lastFetchedEpoch: latestEpoch(p.leaderEpochCaches[follower] ?? []),
    currentLeaderEpoch: p.leaderEpoch,
  }));
  const fetchId = `f${tx.state.nextSeq}`;
  tx.send('replicaFetch', brokerNode(follower), brokerNode(leader), { fetchId, partitions });
  setBroker(tx, follower, (b) => ({ ...b, fetchers: { ...b.fetchers, [leader]: { fetchId } } }));
}

function appendFetched(tx: Tx, follower: BrokerId, leader: BrokerId, r: FetchedPartition): void {
  const p = tx.partition(r.topic, r.partition)!;
  let log: ReplicaLog = p.logs[follower]!;
  const first = r.records[0];
  // A first record past the log end only where a cleaned leader has a gap (compaction): kept as a gap.
  if (!first || (first.offset !== log.logEndOffset && r.fetchOffset !== log.logEndOffset)) return;
  const { segmentBytes, segmentMs = null } = tx.topic(r.topic)!.config;
  let cache = p.leaderEpochCaches[follower] ?? [];
  for (const rec of r.records) {
    // A follower records an epoch in its cache when it appends that epoch's first record (KIP-101).
    if (rec.leaderEpoch > latestEpoch(cache)) cache = assignEpoch(cache, rec.leaderEpoch, rec.offset);
    log = appendRecord(log, rec, segmentBytes, segmentMs);
  }
  tx.updatePartition(r.topic, r.partition, (q) => ({
    ...q,
    logs: { ...q.logs, [follower]: log },
    leaderEpochCaches: { ...q.leaderEpochCaches, [follower]: cache },
  }));
  tx.emit({
    type: 'recordsReplicated',
    topic: r.topic,
    partition: r.partition,
    broker: follower,
    leader,
    fromOffset: first.offset,
    toOffset: log.logEndOffset,
  });
}

/** AbstractFetcherThread.processFetchRequest for one partition of the response. */
function applyFetched(tx: Tx, follower: BrokerId, leader: BrokerId, r: FetchedPartition): void {
  const p = tx.partition(r.topic, r.partition);
  if (!p || p.leader !== leader || p.leaderEpoch !== r.leaderEpoch || !p.logs[follower]) return;
  const leo = p.logs[follower]!.logEndOffset;
  if (r.error === 'OFFSET_OUT_OF_RANGE') {
    // handleOutOfRangeError: a follower ahead of the leader (after an unclean election) truncates to its end;
    // one behind the leader's log start starts over there.
    if (leo > r.logEndOffset)
      truncateReplica(tx, r.topic, r.partition, follower, r.logEndOffset, 'offset out of range');
    else truncateReplica(tx, r.topic, r.partition, follower, r.logStartOffset, 'offset out of range', true);
    return;
  }
  if (r.error) return;
  if (r.divergingEpoch) {
    truncateOnDivergence(tx, r.topic, r.partition, follower, r.divergingEpoch);
    return;
  }
  if (r.records.length > 0) appendFetched(tx, follower, leader, r);
  // The follower's HW: the leader's, capped by what it has (UnifiedLog.maybeUpdateHighWatermark).
  const q = tx.partition(r.topic, r.partition)!;
  const hw = Math.min(r.highWatermark, q.logs[follower]!.logEndOffset);
  if (q.replicaHighWatermarks[follower] !== hw) {
    tx.updatePartition(r.topic, r.partition, (x) => ({
      ...x,
      replicaHighWatermarks: { ...x.replicaHighWatermarks, [follower]: hw },
    }));
  }
}

export function onReplicaFetchResponse(
  tx: Tx,
  follower: BrokerId,
  leader: BrokerId,
  message: Extract<ReplicationMessage, { kind: 'replicaFetchResponse' }>,
): void {
  const loss = peerMessageLoss(tx.state, leader, follower);
  if (loss) {
    tx.emit({ type: 'messageLost', message, reason: loss });
    return;
  }
  const res = message.payload;
  // An answer to a fetch this fetcher no longer waits for (it was reset since) is dropped.
  if (tx.state.brokers[follower]?.fetchers[leader]?.fetchId !== res.fetchId) return;
  for (const r of res.partitions) applyFetched(tx, follower, leader, r);
  sendFetch(tx, follower, leader);
}

/**
 * Starts the fetchers a broker needs and stops the ones it no longer needs, after leadership or reachability
 * changed (the controller's metadata reaches every broker that can hear it at once). A held fetch whose
 * partitions no longer match is answered so that the follower's next fetch carries the new set.
 */
export function syncFetchers(tx: Tx): void {
  const wanted = new Map<BrokerId, Set<BrokerId>>();
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) {
      if (p.leader === null) continue;
      for (const r of p.replicas) {
        if (r === p.leader) continue;
        const set = wanted.get(r) ?? new Set<BrokerId>();
        set.add(p.leader);
        wanted.set(r, set);
      }
    }
  }
  for (const b of Object.values(tx.state.brokers)) {
    const leaders = reachesPeers(tx.state, b.id)
      ? (wanted.get(b.id) ?? new Set<BrokerId>())
      : new Set<BrokerId>();
    for (const l of Object.keys(b.fetchers).map(Number)) if (!leaders.has(l)) dropFetcher(tx, b.id, l);
    for (const l of [...leaders].sort((x, y) => x - y)) {
      if (!tx.state.brokers[b.id]!.fetchers[l]) sendFetch(tx, b.id, l);
    }
  }
  for (const leader of Object.values(tx.state.brokers)) {
    for (const [f, held] of Object.entries(leader.heldFetches)) {
      if (!sameFetchSet(tx, leader.id, Number(f), held.partitions))
        expireAtNextWait(tx, leader.id, Number(f));
    }
  }
}

/** A broker went down, came back, or was cut off or reconnected: every fetch to or from it starts over. */
export function resetConnections(tx: Tx, id: BrokerId): void {
  const brokers = { ...tx.state.brokers };
  for (const b of Object.values(brokers)) {
    if (b.id === id) {
      brokers[b.id] = { ...b, fetchers: {}, heldFetches: {} };
      continue;
    }
    if (b.fetchers[id] || b.heldFetches[id]) {
      const { [id]: _f, ...fetchers } = b.fetchers;
      const { [id]: _h, ...heldFetches } = b.heldFetches;
      brokers[b.id] = { ...b, fetchers, heldFetches };
    }
  }
  tx.state = { ...tx.state, brokers };
}

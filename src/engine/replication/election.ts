/**
 * Leader election by the controller (KRaft's PartitionChangeBuilder.electLeader): the first replica in
 * replica-list order that is in the ISR and acceptable (registered and not fenced); with
 * unclean.leader.election.enable, failing that, any acceptable replica, losing what it lacks. Every leader change bumps the leader epoch; the new leader records the epoch in its
 * leader-epoch cache at its log end offset, which is where a returning replica will be told to truncate.
 */
import type { LogRecord } from '../broker/log';
import { keptRecords } from '../broker/log';
import type { Tx } from '../core/tx';
import type { BrokerId, FollowerFetchState, PartitionState, ProducerSequenceState } from '../core/types';
import { brokerNode, producerNode } from '../core/types';
import { assignEpoch } from './epoch-cache';
import type { ElectionKind } from './events';
import { updatePartitionTracked } from './metrics';
import { reachesPeers, servesClients } from './network';

/**
 * A replica the controller may make leader: ReplicationControlManager's isAcceptableLeader, which is
 * `clusterControl.isActive(r)`, a registered broker that is not fenced. Reachability is not asked: the
 * controller knows only what broker heartbeats tell it, so a broker it cannot hear stays acceptable until
 * its session expires and it is fenced (then its partitions are elected again).
 */
export function electable(tx: Tx, b: BrokerId): boolean {
  const broker = tx.state.brokers[b];
  return !!broker && !broker.fenced;
}

/** ProducerStateManager rebuilt from the new leader's log: the last batch of each producer it holds. */
function producerStateFrom(records: readonly LogRecord[]): Record<string, ProducerSequenceState> {
  const out: Record<string, ProducerSequenceState> = {};
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.sequence < 0) continue;
    const prev = out[r.producerId];
    // Records of one batch were appended together, in one step, with consecutive sequence numbers.
    const sameBatch =
      prev && prev.lastSequence === r.sequence - 1 && records[i - 1]?.appendedAtMs === r.appendedAtMs;
    out[r.producerId] = sameBatch
      ? { ...prev, lastSequence: r.sequence }
      : { lastSequence: r.sequence, lastBaseSequence: r.sequence, lastBaseOffset: r.offset };
  }
  return out;
}

/**
 * acks=all requests waiting on the old leader: a leader that learns it lost leadership answers
 * NOT_LEADER_OR_FOLLOWER; one that cannot hear the controller, or is down, never answers, and the producer
 * times out.
 */
function abandonDelayedProduce(tx: Tx, p: PartitionState): void {
  const old = p.leader;
  if (old === null || !reachesPeers(tx.state, old) || !servesClients(tx.state, old)) return;
  for (const a of p.pendingAcks) {
    tx.send('produceResponse', brokerNode(old), producerNode(a.producer), {
      producer: a.producer,
      batchId: a.batchId,
      attempt: a.attempt,
      topic: p.topic,
      partition: p.partition,
      error: 'NOT_LEADER_OR_FOLLOWER',
    });
  }
}

/** Makes `leader` (or nobody) the leader with this ISR, in a new leader epoch. */
export function changeLeader(
  tx: Tx,
  topic: string,
  partition: number,
  leader: BrokerId | null,
  isr: readonly BrokerId[],
  election: ElectionKind,
): void {
  const p = tx.partition(topic, partition);
  if (!p) return;
  abandonDelayedProduce(tx, p);
  const leaderEpoch = p.leaderEpoch + 1;
  const now = tx.state.now;
  if (leader === null) {
    updatePartitionTracked(tx, topic, partition, (q) => ({
      ...q,
      leader: null,
      leaderEpoch,
      isr,
      pendingAcks: [],
    }));
    tx.emit({ type: 'partitionOffline', topic, partition, leaderEpoch, isr: [...isr] });
    return;
  }
  const log = p.logs[leader]!;
  const followers: Record<BrokerId, FollowerFetchState> = {};
  for (const r of p.replicas) {
    if (r === leader) continue;
    // Partition.makeLeader resets every follower's state: LEO unknown, ISR members caught up as of now.
    followers[r] = {
      logEndOffset: -1,
      lastCaughtUpTimeMs: isr.includes(r) ? now : 0,
      lastFetchTimeMs: 0,
      lastFetchLeaderLogEndOffset: 0,
    };
  }
  const highWatermark = Math.min(p.replicaHighWatermarks[leader] ?? 0, log.logEndOffset);
  updatePartitionTracked(tx, topic, partition, (q) => ({
    ...q,
    leader,
    leaderEpoch,
    isr,
    highWatermark,
    followers,
    pendingAcks: [],
    producerSequences: producerStateFrom(keptRecords(log)),
    leaderEpochCaches: {
      ...q.leaderEpochCaches,
      [leader]: assignEpoch(q.leaderEpochCaches[leader] ?? [], leaderEpoch, log.logEndOffset),
    },
    replicaHighWatermarks: { ...q.replicaHighWatermarks, [leader]: highWatermark },
  }));
  tx.bumpMetric('leaderElections');
  tx.emit({
    type: 'leaderElected',
    topic,
    partition,
    leader,
    previousLeader: p.leader,
    leaderEpoch,
    isr: [...isr],
    election,
  });
}

/**
 * The controller elects a leader for a partition whose leader is gone or about to be (`without`, a fenced
 * broker leaving the ISR). KRaft keeps the last ISR member in the ISR of an offline partition, so that it can
 * lead again cleanly when it returns.
 */
export function electLeader(tx: Tx, topic: string, partition: number, without: BrokerId | null = null): void {
  const p = tx.partition(topic, partition);
  const config = tx.topic(topic)?.config;
  if (!p || !config) return;
  const rest = p.isr.filter((b) => b !== without);
  const isr = rest.length > 0 ? rest : p.isr;
  const clean = p.replicas.find((b) => isr.includes(b) && electable(tx, b));
  if (clean !== undefined) {
    changeLeader(tx, topic, partition, clean, rest.length > 0 ? rest : [clean], 'clean');
    return;
  }
  const unclean = config.uncleanLeaderElection ? p.replicas.find((b) => electable(tx, b)) : undefined;
  if (unclean === undefined) {
    if (p.leader !== null || isr.length !== p.isr.length)
      changeLeader(tx, topic, partition, null, isr, 'clean');
    return;
  }
  electUnclean(tx, topic, partition, unclean);
}

/**
 * Elects a leader for every partition that has none, as the controller does whenever a broker may lead
 * again: ReplicationControlManager.handleBrokerUnfenced runs generateLeaderAndIsrUpdates over
 * brokersToIsrs.partitionsWithNoLeader(), and a new active controller does the same for what it finds
 * offline. A partition whose ISR is still all fenced stays offline (and no event is emitted for it).
 */
export function electOfflinePartitions(tx: Tx): void {
  if (tx.state.controller === null) return;
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) if (p.leader === null) electLeader(tx, t.name, p.partition);
  }
}

/** Unclean election: the new leader's log is the truth; whatever any replica had past its end is lost. */
export function electUnclean(tx: Tx, topic: string, partition: number, leader: BrokerId): void {
  const p = tx.partition(topic, partition)!;
  const fromOffset = p.logs[leader]!.logEndOffset;
  const toOffset = Math.max(...p.replicas.map((b) => p.logs[b]?.logEndOffset ?? 0));
  const highWatermarkBefore = p.highWatermark;
  changeLeader(tx, topic, partition, leader, [leader], 'unclean');
  if (toOffset > fromOffset) {
    tx.emit({ type: 'offsetsLost', topic, partition, fromOffset, toOffset, highWatermarkBefore });
  }
}

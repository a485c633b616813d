/**
 * The metrics an operator watches, under Kafka's JMX names, as pure selectors: gauges from one engine state,
 * rates from the events of a window of logical time. Nothing here is kept in the state; the replication
 * module's incremental counters (state.metrics) are checked against these in the property tests.
 *
 * Sources: Kafka's ops docs ("Monitoring"), ReplicaManager (UnderReplicatedPartitions, UnderMinIsrPartitionCount,
 * LeaderCount, PartitionCount, IsrShrinksPerSec, IsrExpandsPerSec), KafkaController / QuorumControllerMetrics
 * (ActiveControllerCount, OfflinePartitionsCount), ControllerStats (LeaderElectionRateAndTimeMs),
 * BrokerTopicMetrics (MessagesInPerSec, BytesInPerSec, FailedProduceRequestsPerSec,
 * TotalProduceRequestsPerSec, TotalFetchRequestsPerSec) and the consumer's fetch manager (records-lag-max).
 */
import type { EngineEvent } from '../core/events';
import type { BrokerId, EngineState, PartitionState } from '../core/types';
import type { GroupStateName } from '../groups/types';
import { isOffline, isUnderReplicated } from '../replication/metrics';

/** The window a rate is measured over when a scene does not pick one: one logical second. */
export const DEFAULT_RATE_WINDOW_MS = 1000;

/** Partition.isUnderMinIsr: its leader reports it when the ISR is smaller than min.insync.replicas. */
export function isUnderMinIsr(p: PartitionState, minInsyncReplicas: number): boolean {
  return p.leader !== null && p.isr.length < minInsyncReplicas;
}

export interface ClusterGauges {
  /** Summed over the brokers: exactly one of them is the active controller in a healthy cluster. */
  readonly activeControllerCount: number;
  readonly offlinePartitionsCount: number;
  readonly underReplicatedPartitions: number;
  readonly underMinIsrPartitionCount: number;
  /** Per broker, null for a broker that is down (nobody can read its JMX). */
  readonly leaderCount: Readonly<Record<BrokerId, number | null>>;
  readonly partitionCount: Readonly<Record<BrokerId, number | null>>;
}

/** The gauges, recomputed from scratch over every partition. */
export function clusterGauges(state: EngineState): ClusterGauges {
  let offline = 0;
  let under = 0;
  let underMinIsr = 0;
  const leaderCount: Record<BrokerId, number | null> = {};
  const partitionCount: Record<BrokerId, number | null> = {};
  for (const b of Object.values(state.brokers)) {
    leaderCount[b.id] = b.alive ? 0 : null;
    partitionCount[b.id] = b.alive ? 0 : null;
  }
  for (const t of Object.values(state.topics)) {
    for (const p of t.partitions) {
      if (isOffline(p)) offline++;
      if (isUnderReplicated(p)) under++;
      if (isUnderMinIsr(p, t.config.minInsyncReplicas)) underMinIsr++;
      if (p.leader !== null && leaderCount[p.leader] != null) leaderCount[p.leader]! += 1;
      for (const r of p.replicas) if (partitionCount[r] != null) partitionCount[r]! += 1;
    }
  }
  return {
    activeControllerCount: state.controller === null ? 0 : 1,
    offlinePartitionsCount: offline,
    underReplicatedPartitions: under,
    underMinIsrPartitionCount: underMinIsr,
    leaderCount,
    partitionCount,
  };
}

/** How many times each rate's event happened in the window of logical time measured. */
export interface EventCounts {
  readonly isrShrinks: number;
  readonly isrExpands: number;
  readonly leaderElections: number;
  readonly messagesIn: number;
  readonly bytesIn: number;
  readonly failedProduceRequests: number;
  readonly produceRequests: number;
  readonly fetchRequests: number;
}

const FETCH_KINDS = new Set(['replicaFetch', 'fetch']);

/**
 * Counts the events that move each rate within (fromMs, toMs]. A request counts when it reaches its broker
 * (a request lost on the way never does); an appended record's bytes are its size as the producer sent it.
 */
export function countEvents(events: readonly EngineEvent[], fromMs: number, toMs: number): EventCounts {
  const lost = new Set<string>();
  const sizes = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'messageLost') lost.add(e.message.id);
    if (e.type === 'messageSent' && e.message.kind === 'produceRequest')
      for (const r of e.message.payload.records) sizes.set(r.id, r.sizeBytes);
  }
  const inside = (t: number) => t > fromMs && t <= toMs;
  const c = {
    isrShrinks: 0,
    isrExpands: 0,
    leaderElections: 0,
    messagesIn: 0,
    bytesIn: 0,
    failedProduceRequests: 0,
    produceRequests: 0,
    fetchRequests: 0,
  };
  for (const e of events) {
    if (e.type === 'messageSent') {
      const m = e.message;
      if (!inside(m.arrivesAtMs) || lost.has(m.id)) continue;
      if (m.kind === 'produceRequest') c.produceRequests++;
      else if (FETCH_KINDS.has(m.kind)) c.fetchRequests++;
      continue;
    }
    if (!inside(e.atMs)) continue;
    switch (e.type) {
      // IsrShrinksPerSec is marked by a leader that drops a lagging follower (Partition.maybeShrinkIsr); the
      // controller taking a fenced broker out of every ISR is not counted there (UnderReplicatedPartitions is).
      case 'isrShrunk':
        if (e.reason === 'lagging') c.isrShrinks++;
        break;
      case 'isrExpanded':
        c.isrExpands++;
        break;
      case 'leaderElected':
        c.leaderElections++;
        break;
      case 'recordAppended':
        c.messagesIn++;
        c.bytesIn += sizes.get(e.recordId) ?? 0;
        break;
      case 'produceRejected':
        c.failedProduceRequests++;
        break;
    }
  }
  return c;
}

export interface GroupMetrics {
  readonly group: string;
  readonly state: GroupStateName | null;
  /** Rebalances completed: each one starts a new generation (ClassicGroup.initNextGeneration). */
  readonly rebalances: number;
  /** records-lag-max: the largest high watermark - position over the partitions its consumers hold; null before any position. */
  readonly recordsLagMax: number | null;
}

/** Per consumer group, by group id. */
export function groupMetrics(state: EngineState): GroupMetrics[] {
  const ids = new Set([
    ...Object.keys(state.groups.groups),
    ...Object.values(state.groups.consumers).map((c) => c.group),
  ]);
  return [...ids].sort().map((group) => {
    const g = state.groups.groups[group];
    let lagMax: number | null = null;
    for (const c of Object.values(state.groups.consumers)) {
      if (c.group !== group) continue;
      for (const [key, position] of Object.entries(c.positions)) {
        const slash = key.lastIndexOf('/');
        const p = state.topics[key.slice(0, slash)]?.partitions[Number(key.slice(slash + 1))];
        if (p) lagMax = Math.max(lagMax ?? 0, p.highWatermark - position);
      }
    }
    return { group, state: g?.state ?? null, rebalances: g?.generationId ?? 0, recordsLagMax: lagMax };
  });
}

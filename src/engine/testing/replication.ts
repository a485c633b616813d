/** Helpers for the replication tests: a replicated cluster, event summaries, what producers were told. */

import { keptRecords } from '../broker/log';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import type { EngineState, NetworkConfig, TopicConfig } from '../core/types';

/** A cluster with one replicated topic 't' of one partition on [0, 1, 2], 5 ms on every link. */
export function replicatedCluster(
  opts: {
    brokers?: number;
    config?: Partial<TopicConfig>;
    network?: Partial<NetworkConfig>;
    replicas?: number[][];
    acks?: 0 | 1 | 'all';
  } = {},
): Command[] {
  const acks = opts.acks ?? 'all';
  const replicas = opts.replicas ?? [[0, 1, 2]];
  return [
    {
      type: 'createCluster',
      brokers: opts.brokers ?? 3,
      network: { latencyMinMs: 5, latencyMaxMs: 5, ...opts.network },
    },
    {
      type: 'createTopic',
      topic: 't',
      partitions: replicas.length,
      config: { replicationFactor: replicas[0]!.length, minInsyncReplicas: 2, ...opts.config },
      replicaAssignment: replicas,
    },
    { type: 'addProducer', producer: 'p', acks, idempotent: acks === 'all', lingerMs: 0 },
    { type: 'advance', ms: 100 },
  ];
}

export const produce = (value: string, partition?: number): Command => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  value,
  ...(partition === undefined ? {} : { partition }),
});

/** The replication story of a run, one short line per event, without message traffic. */
export function story(events: readonly EngineEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'recordAppended':
        out.push(`${e.atMs} appended ${e.value}@${e.offset} on ${e.broker}`);
        break;
      case 'produceAcked':
        out.push(`${e.atMs} acked ${e.batchId}@${e.baseOffset}`);
        break;
      case 'produceFailed':
        out.push(`${e.atMs} failed ${e.batchId} ${e.error}`);
        break;
      case 'produceRejected':
        out.push(`${e.atMs} rejected ${e.batchId} by ${e.broker}: ${e.error}`);
        break;
      case 'brokerKilled':
      case 'brokerRestarted':
      case 'brokerIsolated':
      case 'brokerIsolatedFromPeers':
      case 'brokerHealed':
      case 'brokerUnfenced':
        out.push(`${e.atMs} ${e.type} ${e.broker}`);
        break;
      case 'brokerFenced':
        out.push(`${e.atMs} brokerFenced ${e.broker} (${e.reason})`);
        break;
      case 'controllerElected':
        out.push(`${e.atMs} controller ${e.controller}`);
        break;
      case 'leaderElected':
        out.push(`${e.atMs} ${e.election} leader ${e.leader} epoch ${e.leaderEpoch} isr [${e.isr}]`);
        break;
      case 'partitionOffline':
        out.push(`${e.atMs} offline, isr [${e.isr}]`);
        break;
      case 'offsetsLost':
        out.push(
          `${e.atMs} offsets ${e.fromOffset}..${e.toOffset - 1} lost (hw was ${e.highWatermarkBefore})`,
        );
        break;
      case 'isrShrunk':
        out.push(`${e.atMs} isr [${e.isr}] without [${e.removed}] (${e.reason})`);
        break;
      case 'isrExpanded':
        out.push(`${e.atMs} isr [${e.isr}] with ${e.added}`);
        break;
      case 'logTruncated':
        out.push(
          `${e.atMs} ${e.broker} truncated ${e.fromOffset} -> ${e.toOffset}, lost [${e.lostRecordIds}]`,
        );
        break;
    }
  }
  return out;
}

/** Record ids per batch id, from the produce requests sent. */
export function batchRecords(events: readonly EngineEvent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of events) {
    if (e.type === 'messageSent' && e.message.kind === 'produceRequest') {
      const p = e.message.payload;
      out.set(
        p.batchId,
        p.records.map((r) => r.id),
      );
    }
  }
  return out;
}

/** Acknowledged records (acks 1 or all) that are not at their offset in the leader's log. */
export function lostAcknowledged(state: EngineState, events: readonly EngineEvent[]): string[] {
  const records = batchRecords(events);
  const lost: string[] = [];
  for (const e of events) {
    if (e.type !== 'produceAcked' || e.baseOffset < 0) continue;
    const p = state.topics[e.topic]!.partitions[e.partition]!;
    const log = p.leader === null ? undefined : p.logs[p.leader];
    const ids = records.get(e.batchId) ?? [];
    ids.forEach((id, i) => {
      const r = log ? keptRecords(log).find((x) => x.offset === e.baseOffset + i) : undefined;
      if (r?.id !== id) lost.push(id);
    });
  }
  return lost;
}

/**
 * What keeps a recovered cluster from being converged: a partition without a leader, a replica out of the
 * ISR or with a log unlike the leader's, a high watermark short of the leader's log end, gauges not at 0.
 */
export function convergenceProblems(state: EngineState): string[] {
  const problems: string[] = [];
  for (const t of Object.values(state.topics)) {
    for (const p of t.partitions) {
      const where = `${t.name}/${p.partition}`;
      if (p.leader === null) {
        problems.push(`${where}: no leader`);
        continue;
      }
      if ([...p.isr].sort().join() !== [...p.replicas].sort().join())
        problems.push(`${where}: ISR [${p.isr}]`);
      const leaderIds = keptRecords(p.logs[p.leader]!).map((r) => r.id);
      for (const b of p.replicas) {
        if (
          keptRecords(p.logs[b]!)
            .map((r) => r.id)
            .join() !== leaderIds.join()
        )
          problems.push(`${where}: replica ${b} differs from the leader`);
      }
      if (p.highWatermark !== p.logs[p.leader]!.logEndOffset)
        problems.push(`${where}: HW short of the log end`);
    }
  }
  if (state.metrics.underReplicatedPartitions !== 0) problems.push('UnderReplicatedPartitions is not 0');
  if (state.metrics.offlinePartitionsCount !== 0) problems.push('OfflinePartitionsCount is not 0');
  return problems;
}

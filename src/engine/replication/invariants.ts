/** Invariants of replication, checked with the core ones (invariants.ts). */
import type { EngineState } from '../core/types';
import { recomputeGauges } from './metrics';

export function checkReplicationInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  for (const topic of Object.values(state.topics)) {
    for (const p of topic.partitions) {
      const where = `${topic.name}/${p.partition}`;
      if (p.isr.length === 0) problems.push(`${where}: empty ISR`);
      if (new Set(p.isr).size !== p.isr.length) problems.push(`${where}: ISR lists a replica twice`);
      if (p.leader !== null && !p.replicas.includes(p.leader))
        problems.push(`${where}: leader is not a replica`);
      for (const b of p.replicas) if (!p.logs[b]) problems.push(`${where}: replica ${b} has no log`);
      if (p.leader === null) {
        // The controller elects whenever a broker may lead again (election.ts, electOfflinePartitions), so
        // a partition stays offline only while every ISR member is fenced (or nobody is controller).
        const waiting = p.isr.filter((b) => state.brokers[b] && !state.brokers[b]!.fenced);
        if (state.controller !== null && waiting.length > 0)
          problems.push(`${where}: offline although ISR member ${waiting[0]} is not fenced`);
        continue;
      }
      const leaderLog = p.logs[p.leader];
      if (leaderLog && p.highWatermark > leaderLog.logEndOffset)
        problems.push(`${where}: high watermark above the leader's log end offset`);
      const cache = p.leaderEpochCaches[p.leader] ?? [];
      if (cache[cache.length - 1]?.epoch !== p.leaderEpoch)
        problems.push(`${where}: the leader's epoch cache does not end with epoch ${p.leaderEpoch}`);
      for (const a of p.pendingAcks) {
        if (a.endOffset <= p.highWatermark)
          problems.push(`${where}: an acks=all request the HW passed still waits`);
      }
    }
  }
  const gauges = recomputeGauges(state);
  if (gauges.underReplicatedPartitions !== state.metrics.underReplicatedPartitions) {
    problems.push(
      `UnderReplicatedPartitions is ${state.metrics.underReplicatedPartitions}, recomputed ${gauges.underReplicatedPartitions}`,
    );
  }
  if (gauges.offlinePartitionsCount !== state.metrics.offlinePartitionsCount) {
    problems.push(
      `OfflinePartitionsCount is ${state.metrics.offlinePartitionsCount}, recomputed ${gauges.offlinePartitionsCount}`,
    );
  }
  if (state.controller !== null) {
    const c = state.brokers[state.controller];
    if (!c?.alive || c.isolated || c.isolatedFromPeers)
      problems.push(`controller ${state.controller} is unreachable`);
  }
  return problems;
}

import type { Command } from '../../src/engine';

/** The Kafka topic configs for the scene's TopicConfig (replication is the request's, segments are left out). */
export function topicConfigEntries(config: NonNullable<Extract<Command, { type: 'createTopic' }>['config']>) {
  const out: { name: string; value: string }[] = [];
  if (config.minInsyncReplicas !== undefined)
    out.push({ name: 'min.insync.replicas', value: String(config.minInsyncReplicas) });
  if (config.retentionMs !== undefined)
    out.push({ name: 'retention.ms', value: String(config.retentionMs ?? -1) });
  if (config.retentionBytes !== undefined)
    out.push({ name: 'retention.bytes', value: String(config.retentionBytes ?? -1) });
  if (config.uncleanLeaderElection !== undefined)
    out.push({ name: 'unclean.leader.election.enable', value: String(config.uncleanLeaderElection) });
  return out;
}

/** The cluster-wide answers of a poll: the controller quorum and the drawn topic configs. */
import { type Connection, describeConfigsV4, describeQuorumV2 } from '@platformatic/kafka';
import type { RawQuorum } from '../src/reality/raw';
import { DRAWN_CONFIGS } from '../src/reality/snapshot-mapping';
import { lenient } from './kafka-errors';

/** The KRaft controller quorum: who leads __cluster_metadata, in which epoch, among which voters. */
export async function readQuorum(c: Connection): Promise<RawQuorum> {
  const r = await describeQuorumV2.api.async(c, [
    { topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] },
  ]);
  const p = r.topics[0]?.partitions[0];
  if (!p) throw new Error('no __cluster_metadata partition in DescribeQuorum');
  return {
    leaderId: p.leaderId,
    leaderEpoch: p.leaderEpoch,
    voters: p.currentVoters.map((v) => v.replicaId),
  };
}

/** The topic configs the pictures draw (DRAWN_CONFIGS), per topic. */
export async function readConfigs(c: Connection, names: string[]) {
  if (names.length === 0) return {};
  const r = await lenient(
    describeConfigsV4.api.async(
      c,
      names.map((resourceName) => ({
        resourceType: 2,
        resourceName,
        configurationKeys: [...DRAWN_CONFIGS],
      })),
      false,
      false,
    ),
  );
  const out: Record<string, Record<string, string>> = {};
  for (const res of r.results) {
    if (res.errorCode !== 0) continue;
    const entry: Record<string, string> = {};
    for (const cfg of res.configs) if (typeof cfg.value === 'string') entry[cfg.name] = cfg.value;
    out[res.resourceName] = entry;
  }
  return out;
}

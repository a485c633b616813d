/**
 * A Node client (kafkajs, the classic protocol) for polling the cluster quickly while the suite times
 * failovers, rebalances and commits: a Java tool takes seconds to start, a metadata request milliseconds.
 */
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { afterAll } from 'vitest';
import { bootstrap, type GroupRow } from './real';

let client: ReturnType<Kafka['admin']> | null = null;

export async function admin() {
  if (!client) {
    client = new Kafka({
      brokers: bootstrap().split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    }).admin();
    await client.connect();
  }
  return client;
}

afterAll(async () => {
  await client?.disconnect();
  client = null;
});

/** Leader and ISR of one partition as the cluster's metadata says (null leader: offline). */
export async function leaderAndIsr(topic: string, partition = 0) {
  const meta = await (await admin()).fetchTopicMetadata({ topics: [topic] });
  const p = meta.topics[0]?.partitions.find((x) => x.partitionId === partition);
  if (!p) throw new Error(`no ${topic}-${partition}`);
  return { leader: p.leader < 0 ? null : p.leader, isr: [...p.isr].sort(), replicas: p.replicas };
}

/** Committed offsets of a group on a topic, by partition (-1: none). */
export async function committed(group: string, topic: string): Promise<Record<number, number>> {
  const res = await (await admin()).fetchOffsets({ groupId: group, topics: [topic] });
  const out: Record<number, number> = {};
  for (const p of res[0]?.partitions ?? []) out[p.partition] = Number(p.offset);
  return out;
}

/** The group's state and members (the coordinator's view). */
export async function groupState(group: string) {
  const g = (await (await admin()).describeGroups([group])).groups[0]!;
  return { state: g.state, members: g.members.length };
}

/**
 * The rows kafka-consumer-groups --describe prints (partition, committed offset, log end, lag, owner),
 * read in milliseconds: members' assignments from DescribeGroups, offsets from OffsetFetch and ListOffsets.
 */
export async function groupRows(group: string, topic: string): Promise<GroupRow[]> {
  const a = await admin();
  const g = (await a.describeGroups([group])).groups[0];
  const owner = new Map<number, string>();
  for (const m of g?.members ?? []) {
    if (!m.memberAssignment?.length) continue;
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    for (const p of decoded?.assignment[topic] ?? []) owner.set(p, m.memberId);
  }
  const ends = await a.fetchTopicOffsets(topic);
  const done = await committed(group, topic);
  return ends
    .map((e) => {
      const current = done[e.partition] ?? -1;
      const end = Number(e.high);
      return {
        topic,
        partition: e.partition,
        currentOffset: current < 0 ? null : current,
        logEndOffset: end,
        lag: current < 0 ? null : end - current,
        consumerId: owner.get(e.partition) ?? '-',
      };
    })
    .sort((x, y) => x.partition - y.partition);
}

/**
 * The real picture after a replayed step: a RealSnapshot of the run's own topics and groups only (the
 * cluster may hold anything else), read with the admin API. The newest records come from kcat (librdkafka's
 * consumer without a group: milliseconds, and it stops at each partition's end) when it is installed.
 */
import { spawnSync } from 'node:child_process';
import { type Admin, AssignerProtocol } from 'kafkajs';
import type {
  ClusterOrigin,
  RealBroker,
  RealGroup,
  RealRecord,
  RealSnapshot,
  RealTopic,
} from '../../src/reality/protocol';

/** Records kept per partition in a snapshot (the stage's lanes show a few). */
const NEWEST = 10;

let seq = 0;

export async function takeSnapshot(opts: {
  admin: Admin;
  bootstrap: string;
  origin: ClusterOrigin;
  topics: readonly string[];
  groups: readonly string[];
  pids?: Record<number, number>;
}): Promise<RealSnapshot> {
  const { admin } = opts;
  const unavailable: string[] = [];
  const cluster = await admin.describeCluster();
  const meta =
    opts.topics.length > 0 ? await admin.fetchTopicMetadata({ topics: [...opts.topics] }) : { topics: [] };
  const newest = readNewest(opts.bootstrap, opts.topics);
  if (newest === null) unavailable.push('records: kcat is not installed');
  const topics: RealTopic[] = [];
  for (const t of meta.topics) {
    const offsets = await admin.fetchTopicOffsets(t.name);
    topics.push({
      name: t.name,
      internal: false,
      configs: {},
      partitions: t.partitions
        .map((p) => {
          const o = offsets.find((x) => x.partition === p.partitionId);
          return {
            partition: p.partitionId,
            leader: p.leader < 0 ? null : p.leader,
            leaderEpoch: null,
            replicas: [...p.replicas],
            isr: [...p.isr].sort((a, b) => a - b),
            logStartOffset: Number(o?.low ?? 0),
            highWatermark: Number(o?.high ?? 0),
            logEndOffsets: null,
            newest: (newest?.get(`${t.name}/${p.partitionId}`) ?? []).slice(-NEWEST),
          };
        })
        .sort((a, b) => a.partition - b.partition),
    });
  }
  unavailable.push('leader epochs and log end offsets: not read by the replay');

  const groups: RealGroup[] = [];
  const described = opts.groups.length > 0 ? (await admin.describeGroups([...opts.groups])).groups : [];
  for (const g of described) {
    const committed = await admin
      .fetchOffsets({ groupId: g.groupId, topics: [...opts.topics] })
      .catch(() => []);
    groups.push({
      groupId: g.groupId,
      state: g.state,
      type: 'classic',
      assignor: g.protocol || null,
      coordinator: null,
      members: g.members.map((m) => {
        const decoded = m.memberAssignment?.length
          ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment)
          : null;
        const assignment = Object.entries(decoded?.assignment ?? {}).flatMap(([topic, parts]) =>
          parts.map((partition) => ({ topic, partition })),
        );
        return {
          memberId: m.memberId,
          clientId: m.clientId,
          host: m.clientHost,
          groupInstanceId: null,
          assignment,
        };
      }),
      offsets: committed.flatMap((t) =>
        t.partitions.map((p) => {
          const hw = topics.find((x) => x.name === t.topic)?.partitions[p.partition]?.highWatermark ?? 0;
          const offset = Number(p.offset);
          return {
            topic: t.topic,
            partition: p.partition,
            committedOffset: offset < 0 ? null : offset,
            highWatermark: hw,
            lag: offset < 0 ? null : hw - offset,
          };
        }),
      ),
    });
  }

  const up = new Set(cluster.brokers.map((b) => b.nodeId));
  const brokers: RealBroker[] = cluster.brokers.map((b) => ({
    id: b.nodeId,
    host: b.host,
    port: b.port,
    rack: null,
    state: 'up',
    pid: opts.pids?.[b.nodeId] ?? null,
  }));
  for (const id of new Set(topics.flatMap((t) => t.partitions.flatMap((p) => p.replicas))))
    if (!up.has(id))
      brokers.push({ id, host: '', port: 0, rack: null, state: 'fenced', pid: opts.pids?.[id] ?? null });
  brokers.sort((a, b) => a.id - b.id);

  const now = Date.now();
  return {
    seq: ++seq,
    at: now,
    bootstrap: opts.bootstrap,
    origin: opts.origin,
    reachability: { state: 'connected', since: now },
    clusterId: cluster.clusterId,
    controllerId: cluster.controller,
    brokers,
    topics,
    groups,
    consumers: [],
    unavailable,
  };
}

/** Every record of the topics, by "topic/partition", oldest first; null without kcat. */
function readNewest(bootstrap: string, topics: readonly string[]): Map<string, RealRecord[]> | null {
  const out = new Map<string, RealRecord[]>();
  for (const topic of topics) {
    const r = spawnSync(
      'kcat',
      [
        '-b',
        bootstrap,
        '-C',
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-f',
        '%p\t%o\t%T\t%K\t%k\t%S\t%s\n',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (r.error) return null;
    for (const line of r.stdout.split('\n')) {
      // %K / %S are the key's and value's lengths (-1: null), so an empty key is told apart from none.
      const m = /^(\d+)\t(\d+)\t(-?\d+)\t(-?\d+)\t([^\t]*)\t(-?\d+)\t(.*)$/.exec(line);
      if (!m) continue;
      const key = `${topic}/${m[1]}`;
      const list = out.get(key) ?? [];
      list.push({
        partition: Number(m[1]),
        offset: Number(m[2]),
        timestamp: Number(m[3]),
        key: Number(m[4]) < 0 ? null : m[5]!,
        value: Number(m[6]) < 0 ? null : m[7]!,
      });
      out.set(key, list);
    }
  }
  return out;
}

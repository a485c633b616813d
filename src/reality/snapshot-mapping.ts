/**
 * One poll's Kafka responses (RawPoll) to the RealSnapshot the page draws. Pure: the bridge calls it after
 * every poll, the unit tests call it on polls recorded from a real cluster (src/reality/fixtures/).
 */
import type {
  BridgeConsumer,
  Reachability,
  RealBroker,
  RealGroup,
  RealGroupOffset,
  RealMember,
  RealPartition,
  RealSnapshot,
  RealTopic,
} from './protocol';
import type { MappingContext, RawClassicGroup, RawConsumerGroup, RawPoll } from './raw';

/** The topic configs the views draw; the rest of a topic's configuration stays out of the snapshot. */
export const DRAWN_CONFIGS = [
  'min.insync.replicas',
  'cleanup.policy',
  'retention.ms',
  'message.timestamp.type',
] as const;

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * A classic group member's assignment, as the consumer protocol encodes it (ConsumerProtocolAssignment,
 * versions 0-3, not flexible): version int16, [topic string16, [partition int32]], user data. Empty bytes: none
 * yet (a member between JoinGroup and SyncGroup).
 */
export function decodeConsumerAssignment(hex: string): { topic: string; partition: number }[] {
  const b = hexBytes(hex);
  if (b.length < 6) return [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 2;
  const topics = view.getInt32(at);
  at += 4;
  const out: { topic: string; partition: number }[] = [];
  for (let t = 0; t < topics; t++) {
    const len = view.getInt16(at);
    at += 2;
    const topic = new TextDecoder().decode(b.subarray(at, at + len));
    at += len;
    const n = view.getInt32(at);
    at += 4;
    for (let i = 0; i < n; i++) {
      out.push({ topic, partition: view.getInt32(at) });
      at += 4;
    }
  }
  return out.sort((x, y) => x.topic.localeCompare(y.topic) || x.partition - y.partition);
}

function mapBrokers(raw: RawPoll, ctx: MappingContext): RealBroker[] {
  const pidOf = new Map(ctx.localNodes.map((n) => [n.id, n.pid]));
  const byId = new Map<number, RealBroker>();
  for (const b of raw.metadata.brokers)
    byId.set(b.nodeId, {
      id: b.nodeId,
      host: b.host,
      port: b.port,
      rack: b.rack,
      state: 'up',
      pid: pidOf.get(b.nodeId) ?? null,
    });
  // A broker Kafka fenced leaves the metadata's broker list; its replicas still name it. Its address comes
  // from the previous snapshot or, on the project's own cluster, from the recorded layout.
  const fenced = (id: number, host: string, port: number, rack: string | null) => {
    if (!byId.has(id)) byId.set(id, { id, host, port, rack, state: 'fenced', pid: pidOf.get(id) ?? null });
  };
  for (const b of ctx.previousBrokers) fenced(b.id, b.host, b.port, b.rack);
  for (const n of ctx.localNodes) {
    if (!n.broker) continue;
    const [host = '', port = '0'] = n.broker.split(':');
    fenced(n.id, host, Number(port), null);
  }
  for (const t of raw.metadata.topics)
    for (const p of t.partitions) for (const r of p.replicaNodes) fenced(r, '', 0, null);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function mapTopics(raw: RawPoll, ctx: MappingContext, missing: string[]): RealTopic[] {
  const previous = new Map<string, RealPartition>();
  for (const t of ctx.previousTopics ?? [])
    for (const p of t.partitions) previous.set(`${t.name}/${p.partition}`, p);
  const offsets = new Map(raw.offsets.map((o) => [`${o.topic}/${o.partition}`, o]));
  const newest = new Map(raw.newest.map((n) => [`${n.topic}/${n.partition}`, n.records]));
  const leo = new Map<string, Record<number, number>>();
  for (const e of raw.replicaLogEnds ?? []) {
    const key = `${e.topic}/${e.partition}`;
    leo.set(key, { ...leo.get(key), [e.broker]: e.logEndOffset });
  }
  return raw.metadata.topics
    .filter((t) => t.errorCode === 0)
    .map((t): RealTopic => {
      const all = raw.configs?.[t.name] ?? {};
      const configs: Record<string, string> = {};
      for (const k of DRAWN_CONFIGS) if (all[k] !== undefined) configs[k] = all[k];
      const partitions = t.partitions
        .map((p): RealPartition => {
          const key = `${t.name}/${p.partitionIndex}`;
          const o = offsets.get(key);
          // A partition whose leader did not answer (none elected yet, or it just died) keeps the offsets of
          // the previous picture, and says so: never a made-up 0.
          const was = previous.get(key);
          if (o?.highWatermark == null || o.logStartOffset == null)
            missing.push(
              `${t.name}-${p.partitionIndex}: offsets ${was ? 'as last read' : 'unknown'} (its leader did not answer)`,
            );
          const highWatermark = o?.highWatermark ?? was?.highWatermark ?? 0;
          const logStartOffset = o?.logStartOffset ?? was?.logStartOffset ?? 0;
          const ends = raw.replicaLogEnds ? (leo.get(key) ?? {}) : null;
          const records = (newest.get(key) ?? was?.newest ?? [])
            .filter((r) => r.offset >= logStartOffset && r.offset < highWatermark)
            .sort((a, b) => a.offset - b.offset)
            .slice(-ctx.records);
          return {
            partition: p.partitionIndex,
            leader: p.leaderId < 0 ? null : p.leaderId,
            leaderEpoch: p.leaderEpoch < 0 ? null : p.leaderEpoch,
            replicas: [...p.replicaNodes],
            isr: [...p.isrNodes].sort((a, b) => a - b),
            logStartOffset,
            highWatermark,
            logEndOffsets: ends,
            newest: records,
          };
        })
        .sort((a, b) => a.partition - b.partition);
      return { name: t.name, internal: t.isInternal, configs, partitions };
    })
    .sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name));
}

const GROUP_TYPES: Record<string, RealGroup['type']> = {
  classic: 'classic',
  consumer: 'consumer',
  share: 'share',
};

function classicMembers(g: RawClassicGroup): RealMember[] {
  return g.members.map((m) => ({
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.clientHost,
    groupInstanceId: m.groupInstanceId,
    // Only a consumer group's bytes follow the consumer protocol (a Connect worker's do not).
    assignment: g.protocolType === 'consumer' ? decodeConsumerAssignment(m.memberAssignment) : [],
  }));
}

function consumerMembers(g: RawConsumerGroup): RealMember[] {
  return g.members.map((m) => ({
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.clientHost,
    groupInstanceId: m.instanceId,
    assignment: m.assignment.topicPartitions
      .flatMap((tp) => tp.partitions.map((partition) => ({ topic: tp.topicName, partition })))
      .sort((x, y) => x.topic.localeCompare(y.topic) || x.partition - y.partition),
  }));
}

function mapGroups(raw: RawPoll, topics: RealTopic[]): RealGroup[] {
  const g = raw.groups;
  if (!g) return [];
  const hw = new Map<string, number>();
  for (const t of topics) for (const p of t.partitions) hw.set(`${t.name}/${p.partition}`, p.highWatermark);
  const classic = new Map(g.classic.map((c) => [c.groupId, c]));
  const consumer = new Map(g.consumer.map((c) => [c.groupId, c]));
  const committed = new Map(g.committed.map((c) => [c.groupId, c]));
  return g.listed
    .map((l): RealGroup => {
      const type = GROUP_TYPES[l.groupType.toLowerCase()] ?? 'unknown';
      const c = type === 'consumer' ? consumer.get(l.groupId) : undefined;
      const k = type === 'consumer' ? undefined : classic.get(l.groupId);
      const members = c ? consumerMembers(c) : k ? classicMembers(k) : [];
      const state = c?.groupState ?? k?.groupState ?? l.groupState;
      const assignor = c ? c.assignorName || null : k ? k.protocolData || null : null;
      // Every partition the group has committed on or has assigned: the rows kafka-consumer-groups --describe prints.
      const rows = new Map<string, RealGroupOffset>();
      const row = (topic: string, partition: number, committedOffset: number | null) => {
        const high = hw.get(`${topic}/${partition}`);
        if (high === undefined) return;
        const prev = rows.get(`${topic}/${partition}`);
        const offset = committedOffset ?? prev?.committedOffset ?? null;
        rows.set(`${topic}/${partition}`, {
          topic,
          partition,
          committedOffset: offset,
          highWatermark: high,
          lag: offset === null ? null : Math.max(0, high - offset),
        });
      };
      for (const t of committed.get(l.groupId)?.topics ?? [])
        for (const p of t.partitions)
          if (p.committedOffset >= 0) row(t.name, p.partitionIndex, p.committedOffset);
      for (const m of members) for (const a of m.assignment) row(a.topic, a.partition, null);
      return {
        groupId: l.groupId,
        state,
        type,
        assignor,
        coordinator: g.coordinators[l.groupId] ?? null,
        members: members.sort((a, b) => a.memberId.localeCompare(b.memberId)),
        offsets: [...rows.values()].sort(
          (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
        ),
      };
    })
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/**
 * The active controller: the KRaft quorum's leader (on the project's cluster node 100, a controller that is not a
 * broker). Without DescribeQuorum it stays unknown: a KRaft broker answers Metadata's controllerId with a random
 * live broker, which would draw a broker as the controller.
 */
function controller(raw: RawPoll): number | null {
  if (raw.quorum) return raw.quorum.leaderId < 0 ? null : raw.quorum.leaderId;
  return null;
}

/** The snapshot of a poll that answered. */
export function mapSnapshot(raw: RawPoll, ctx: MappingContext, consumers: BridgeConsumer[]): RealSnapshot {
  const missing: string[] = [];
  const topics = mapTopics(raw, ctx, missing);
  const unavailable = [...raw.failures, ...missing];
  if (!raw.replicaLogEnds) unavailable.push('log end offsets per replica: no broker answered ListOffsets');
  if (!raw.configs) unavailable.push('topic configs: DescribeConfigs failed');
  if (!raw.groups) unavailable.push('consumer groups: ListGroups failed');
  if (!raw.quorum) unavailable.push('active controller: DescribeQuorum failed');
  return {
    seq: ctx.seq,
    at: ctx.at,
    bootstrap: ctx.bootstrap,
    origin: ctx.origin,
    reachability: { state: 'connected', since: ctx.connectedSince },
    clusterId: raw.metadata.clusterId,
    controllerId: controller(raw),
    brokers: mapBrokers(raw, ctx),
    topics,
    groups: mapGroups(raw, topics),
    consumers,
    unavailable,
  };
}

/**
 * The snapshot while the cluster does not answer: the last picture's brokers, topics and groups stay (the
 * page greys them under "unreachable since ..."), never a frozen picture that looks live.
 */
export function unreachableSnapshot(
  last: RealSnapshot | null,
  ctx: Pick<MappingContext, 'seq' | 'at' | 'bootstrap' | 'origin'>,
  reachability: Extract<Reachability, { state: 'unreachable' | 'connecting' }>,
  consumers: BridgeConsumer[],
): RealSnapshot {
  return {
    seq: ctx.seq,
    at: ctx.at,
    bootstrap: ctx.bootstrap,
    origin: ctx.origin,
    reachability,
    clusterId: last?.clusterId ?? null,
    controllerId: last?.controllerId ?? null,
    brokers: last?.brokers ?? [],
    topics: last?.topics ?? [],
    groups: last?.groups ?? [],
    consumers,
    unavailable: last?.unavailable ?? [],
  };
}

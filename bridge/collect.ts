/**
 * One poll of the cluster with @platformatic/kafka's protocol APIs (the README says why this client): every
 * request goes to the broker Kafka says owns the answer (the leader for offsets and records, the coordinator
 * for a group, each replica for its own log end). Returns Kafka's responses as a RawPoll for the pure mapping.
 */
import {
  type Connection,
  ConnectionPool,
  describeConfigsV4,
  describeGroupsV5,
  describeQuorumV2,
  fetchV17,
  findCoordinatorV6,
  listGroupsV5,
  listOffsetsV9,
  metadataV12,
  offsetFetchV9,
  type RecordsBatch,
} from '@platformatic/kafka';
import type { RealRecord } from '../src/reality/protocol';
import type {
  RawClassicGroup,
  RawConsumerGroup,
  RawGroups,
  RawMetadata,
  RawPartitionOffsets,
  RawPoll,
  RawQuorum,
  RawReplicaLogEnd,
} from '../src/reality/raw';
import { DRAWN_CONFIGS } from '../src/reality/snapshot-mapping';
import { consumerGroupDescribe } from './consumer-group-describe';

export interface Address {
  host: string;
  port: number;
}

export function parseBootstrap(list: string): Address[] {
  return list.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    const port = Number(hp.slice(i + 1));
    if (i <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad address "${hp}"`);
    return { host: hp.slice(0, i), port };
  });
}

/** A partial answer (one partition's error) still carries the rest: platformatic attaches the response. */
async function lenient<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const response = (e as { response?: T }).response;
    if (response) return response;
    throw e;
  }
}

const decoder = new TextDecoder();
const text = (b: Buffer | undefined) => (b && b.length > 0 ? decoder.decode(b) : null);
/** Bit 3 of a batch's attributes: the broker stamped LogAppendTime (then maxTimestamp holds it). */
const LOG_APPEND_TIME = 0x08;

export function batchRecords(partition: number, batches: RecordsBatch[] | undefined): RealRecord[] {
  const out: RealRecord[] = [];
  for (const b of batches ?? [])
    for (const r of b.records)
      out.push({
        partition,
        offset: Number(b.firstOffset) + r.offsetDelta,
        // A null key and an empty one arrive alike from this client: both are drawn as no key.
        key: text(r.key),
        value: text(r.value),
        timestamp:
          b.attributes & LOG_APPEND_TIME
            ? Number(b.maxTimestamp)
            : Number(b.firstTimestamp + r.timestampDelta),
      });
  return out;
}

export class ClusterReader {
  #pool: ConnectionPool;
  readonly #bootstrap: Address[];
  /** The newest records read per partition, refetched only when its high watermark or log start moves. */
  readonly #records = new Map<string, { hw: number; start: number; records: RealRecord[] }>();

  constructor(bootstrap: Address[]) {
    this.#bootstrap = bootstrap;
    this.#pool = this.#newPool();
  }

  #newPool() {
    return new ConnectionPool('kafka-stage-bridge', { connectTimeout: 3000 });
  }

  /** Drops every connection (after a failed poll: the next one reconnects from scratch). */
  async reset() {
    const old = this.#pool;
    this.#pool = this.#newPool();
    await old.close().catch(() => {});
  }

  close() {
    return this.#pool.close();
  }

  async #any(brokers: Address[]): Promise<Connection> {
    let last: unknown = null;
    for (const b of brokers) {
      try {
        return await this.#pool.get(b);
      } catch (e) {
        last = e;
      }
    }
    throw last instanceof Error ? last : new Error('no broker answered');
  }

  async metadata(): Promise<RawMetadata> {
    const conn = await this.#any(this.#bootstrap);
    const m = await lenient(metadataV12.api.async(conn, null, false, false));
    return {
      brokers: m.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })),
      clusterId: m.clusterId ?? null,
      controllerId: m.controllerId,
      topics: m.topics.map((t) => ({
        errorCode: t.errorCode,
        name: t.name ?? '',
        topicId: t.topicId,
        isInternal: t.isInternal,
        partitions: t.partitions.map((p) => ({ ...p })),
      })),
    };
  }

  async poll(records: number): Promise<RawPoll> {
    const metadata = await this.metadata();
    const failures: string[] = [];
    const brokerAt = new Map(metadata.brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }]));
    const conn = (id: number) => {
      const a = brokerAt.get(id);
      if (!a) return Promise.reject(new Error(`broker ${id} is not in the metadata`));
      return this.#pool.get(a);
    };
    const anyLive = () => this.#any([...brokerAt.values(), ...this.#bootstrap]);
    const topics = metadata.topics.filter((t) => t.errorCode === 0);

    const quorum = await this.#quorum(await anyLive()).catch((e) => {
      failures.push(`controller quorum: ${errorText(e)}`);
      return null;
    });
    const configs = await this.#configs(
      await anyLive(),
      topics.map((t) => t.name),
    ).catch((e) => {
      failures.push(`topic configs: ${errorText(e)}`);
      return null;
    });

    // Earliest and latest (the high watermark) from each partition's leader.
    const byLeader = new Map<number, { name: string; partitions: number[] }[]>();
    for (const t of topics)
      for (const p of t.partitions) {
        if (p.leaderId < 0) continue;
        const list = byLeader.get(p.leaderId) ?? [];
        const entry = list.find((x) => x.name === t.name) ?? { name: t.name, partitions: [] };
        if (!list.includes(entry)) list.push(entry);
        entry.partitions.push(p.partitionIndex);
        byLeader.set(p.leaderId, list);
      }
    const offsets: RawPartitionOffsets[] = [];
    await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        try {
          const c = await conn(leader);
          const [early, late] = await Promise.all(
            [-2n, -1n].map((timestamp) =>
              lenient(
                listOffsetsV9.api.async(
                  c,
                  -1,
                  0,
                  list.map((t) => ({
                    name: t.name,
                    partitions: t.partitions.map((partitionIndex) => ({
                      partitionIndex,
                      currentLeaderEpoch: -1,
                      timestamp,
                    })),
                  })),
                ),
              ),
            ),
          );
          for (const t of list)
            for (const partition of t.partitions) {
              const find = (r: typeof early) =>
                r?.topics
                  .find((x) => x.name === t.name)
                  ?.partitions.find((x) => x.partitionIndex === partition && x.errorCode === 0);
              const e = find(early);
              const l = find(late);
              offsets.push({
                topic: t.name,
                partition,
                logStartOffset: e ? Number(e.offset) : null,
                highWatermark: l ? Number(l.offset) : null,
              });
            }
        } catch (e) {
          failures.push(`offsets from broker ${leader}: ${errorText(e)}`);
        }
      }),
    );

    // Each replica's own log end: ListOffsets (latest) with replica id -2 answers the local log's end.
    const byReplica = new Map<number, { name: string; partitions: number[] }[]>();
    for (const t of topics)
      for (const p of t.partitions)
        for (const r of p.replicaNodes) {
          if (!brokerAt.has(r)) continue;
          const list = byReplica.get(r) ?? [];
          const entry = list.find((x) => x.name === t.name) ?? { name: t.name, partitions: [] };
          if (!list.includes(entry)) list.push(entry);
          entry.partitions.push(p.partitionIndex);
          byReplica.set(r, list);
        }
    let replicaLogEnds: RawReplicaLogEnd[] | null = [];
    let answered = 0;
    await Promise.all(
      [...byReplica].map(async ([broker, list]) => {
        try {
          const r = await lenient(
            listOffsetsV9.api.async(
              await conn(broker),
              -2,
              0,
              list.map((t) => ({
                name: t.name,
                partitions: t.partitions.map((partitionIndex) => ({
                  partitionIndex,
                  currentLeaderEpoch: -1,
                  timestamp: -1n,
                })),
              })),
            ),
          );
          answered++;
          for (const t of r.topics)
            for (const p of t.partitions)
              if (p.errorCode === 0)
                replicaLogEnds?.push({
                  broker,
                  topic: t.name,
                  partition: p.partitionIndex,
                  logEndOffset: Number(p.offset),
                });
        } catch (e) {
          failures.push(`log end offsets on broker ${broker}: ${errorText(e)}`);
        }
      }),
    );
    if (answered === 0 && byReplica.size > 0) replicaLogEnds = null;

    const groups = await this.#groups([...brokerAt.keys()], conn, topics, failures).catch((e) => {
      failures.push(`consumer groups: ${errorText(e)}`);
      return null;
    });

    const newest = await this.#newest(topics, offsets, conn, records, failures);
    return { metadata, quorum, configs, offsets, replicaLogEnds, groups, newest, failures };
  }

  async #quorum(c: Connection): Promise<RawQuorum> {
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

  async #configs(c: Connection, names: string[]) {
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

  async #groups(
    brokers: number[],
    conn: (id: number) => Promise<Connection>,
    topics: RawMetadata['topics'],
    failures: string[],
  ): Promise<RawGroups> {
    // Groups live on their coordinators, spread over the brokers: ask every broker for its own.
    const listed: RawGroups['listed'] = [];
    // A broker that does not answer costs the groups it coordinates, not every group.
    let answered = 0;
    await Promise.all(
      brokers.map(async (id) => {
        const r = await lenient(listGroupsV5.api.async(await conn(id), [], [])).catch((e) => {
          failures.push(`groups on broker ${id}: ${errorText(e)}`);
          return null;
        });
        if (!r) return;
        answered++;
        for (const g of r.groups)
          listed.push({
            groupId: g.groupId,
            groupType: g.groupType,
            groupState: g.groupState,
            protocolType: g.protocolType,
          });
      }),
    );
    if (answered === 0) throw new Error('no broker answered ListGroups');
    const out: RawGroups = { listed, coordinators: {}, classic: [], consumer: [], committed: [] };
    if (listed.length === 0) return out;
    const found = await lenient(
      findCoordinatorV6.api.async(
        await conn(brokers[0] ?? -1),
        0,
        listed.map((g) => g.groupId),
      ),
    );
    for (const c of found.coordinators) if (c.errorCode === 0) out.coordinators[c.key] = c.nodeId;
    const byCoordinator = new Map<number, typeof listed>();
    for (const g of listed) {
      const id = out.coordinators[g.groupId];
      if (id === undefined) continue;
      byCoordinator.set(id, [...(byCoordinator.get(id) ?? []), g]);
    }
    const userTopics = topics.filter((t) => !t.isInternal);
    await Promise.all(
      [...byCoordinator].map(async ([id, gs]) => {
        const c = await conn(id).catch((e) => {
          failures.push(`groups coordinated by broker ${id}: ${errorText(e)}`);
          return null;
        });
        if (!c) return;
        const consumerIds = gs.filter((g) => g.groupType.toLowerCase() === 'consumer').map((g) => g.groupId);
        const classicIds = gs.filter((g) => g.groupType.toLowerCase() !== 'consumer').map((g) => g.groupId);
        if (classicIds.length > 0) {
          const r = await lenient(describeGroupsV5.api.async(c, classicIds, false));
          for (const g of r.groups)
            out.classic.push({
              groupId: g.groupId,
              errorCode: g.errorCode,
              groupState: g.groupState,
              protocolType: g.protocolType,
              protocolData: g.protocolData,
              members: g.members.map((m) => ({
                memberId: m.memberId,
                groupInstanceId: m.groupInstanceId ?? null,
                clientId: m.clientId,
                clientHost: m.clientHost,
                memberAssignment: Buffer.from(m.memberAssignment ?? []).toString('hex'),
              })),
            } satisfies RawClassicGroup);
        }
        if (consumerIds.length > 0) {
          const r = await lenient(consumerGroupDescribe.async(c, consumerIds, false));
          for (const g of r.groups)
            out.consumer.push({
              groupId: g.groupId,
              errorCode: g.errorCode,
              groupState: g.groupState,
              assignorName: g.assignorName,
              members: g.members.map((m) => ({
                memberId: m.memberId,
                instanceId: m.instanceId ?? null,
                clientId: m.clientId,
                clientHost: m.clientHost,
                assignment: {
                  topicPartitions: m.assignment.topicPartitions.map((tp) => ({
                    topicName: tp.topicName,
                    partitions: [...tp.partitions],
                  })),
                },
              })),
            } satisfies RawConsumerGroup);
        }
        if (userTopics.length > 0) {
          const r = await lenient(
            offsetFetchV9.api.async(
              c,
              gs.map((g) => ({
                groupId: g.groupId,
                memberId: null,
                memberEpoch: -1,
                topics: userTopics.map((t) => ({
                  name: t.name,
                  partitionIndexes: t.partitions.map((p) => p.partitionIndex),
                })),
              })),
              false,
            ),
          );
          for (const g of r.groups)
            out.committed.push({
              groupId: g.groupId,
              topics: g.topics.map((t) => ({
                name: t.name,
                partitions: t.partitions
                  .filter((p) => p.errorCode === 0)
                  .map((p) => ({
                    partitionIndex: p.partitionIndex,
                    committedOffset: Number(p.committedOffset),
                  })),
              })),
            });
        }
      }),
    );
    return out;
  }

  async #newest(
    topics: RawMetadata['topics'],
    offsets: RawPartitionOffsets[],
    conn: (id: number) => Promise<Connection>,
    records: number,
    failures: string[],
  ): Promise<RawPoll['newest']> {
    const at = new Map(offsets.map((o) => [`${o.topic}/${o.partition}`, o]));
    const topicIds = new Map<string, string>(topics.map((t) => [t.name, t.topicId]));
    const out: RawPoll['newest'] = [];
    const wanted = new Map<
      number,
      { topicId: string; topic: string; partition: number; from: number; hw: number; start: number }[]
    >();
    for (const t of topics) {
      if (t.isInternal) continue;
      for (const p of t.partitions) {
        const key = `${t.name}/${p.partitionIndex}`;
        const o = at.get(key);
        if (!o || o.highWatermark === null || o.logStartOffset === null) continue;
        const cached = this.#records.get(key);
        if (cached && cached.hw === o.highWatermark && cached.start === o.logStartOffset) {
          out.push({ topic: t.name, partition: p.partitionIndex, records: cached.records });
          continue;
        }
        const id = topicIds.get(t.name);
        if (o.highWatermark === o.logStartOffset || p.leaderId < 0 || !id) {
          this.#records.set(key, { hw: o.highWatermark, start: o.logStartOffset, records: [] });
          out.push({ topic: t.name, partition: p.partitionIndex, records: [] });
          continue;
        }
        const from = Math.max(o.logStartOffset, o.highWatermark - records);
        const list = wanted.get(p.leaderId) ?? [];
        list.push({
          topicId: id,
          topic: t.name,
          partition: p.partitionIndex,
          from,
          hw: o.highWatermark,
          start: o.logStartOffset,
        });
        wanted.set(p.leaderId, list);
      }
    }
    await Promise.all(
      [...wanted].map(async ([leader, list]) => {
        try {
          const byTopic = new Map<string, typeof list>();
          for (const w of list) byTopic.set(w.topicId, [...(byTopic.get(w.topicId) ?? []), w]);
          const r = await lenient(
            fetchV17.api.async(
              await conn(leader),
              0,
              1,
              4 << 20,
              0,
              0,
              -1,
              [...byTopic].map(([topicId, ws]) => ({
                topicId,
                partitions: ws.map((w) => ({
                  partition: w.partition,
                  currentLeaderEpoch: -1,
                  fetchOffset: BigInt(w.from),
                  lastFetchedEpoch: -1,
                  partitionMaxBytes: 256 << 10,
                })),
              })),
              [],
              '',
            ),
          );
          for (const w of list) {
            const part = r.responses
              .find((x) => x.topicId === w.topicId)
              ?.partitions.find((x) => x.partitionIndex === w.partition);
            if (part?.errorCode !== 0) continue;
            const got = batchRecords(w.partition, part.records).filter(
              (x) => x.offset >= w.from && x.offset < w.hw,
            );
            this.#records.set(`${w.topic}/${w.partition}`, { hw: w.hw, start: w.start, records: got });
            out.push({ topic: w.topic, partition: w.partition, records: got });
          }
        } catch (e) {
          failures.push(`newest records from broker ${leader}: ${errorText(e)}`);
        }
      }),
    );
    return out;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) {
    const names = e.errors.map(
      (x) => (x as { apiId?: string }).apiId ?? (x instanceof Error ? x.message : String(x)),
    );
    return `${e.message}: ${[...new Set(names)].join(', ')}`;
  }
  return e instanceof Error ? e.message : String(e);
}

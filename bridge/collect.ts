/**
 * One poll of the cluster with @platformatic/kafka's protocol APIs (the README says why this client): every
 * request goes to the broker Kafka says owns the answer (the leader for offsets and records, the coordinator
 * for a group, each replica for its own log end). Returns Kafka's responses as a RawPoll for the pure mapping.
 * Each part of the poll reads in its own file: read-cluster, read-offsets, read-groups, newest-records.
 */
import { type Connection, ConnectionPool, metadataV12 } from '@platformatic/kafka';
import type { RawMetadata, RawPoll } from '../src/reality/raw';
import type { Address } from './address';
import { errorText, lenient } from './kafka-errors';
import { NewestRecords } from './newest-records';
import { readConfigs, readQuorum } from './read-cluster';
import { readGroups } from './read-groups';
import { readOffsets, readReplicaLogEnds } from './read-offsets';

export class ClusterReader {
  #pool: ConnectionPool;
  readonly #bootstrap: Address[];
  readonly #newest = new NewestRecords();

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

    const quorum = await readQuorum(await anyLive()).catch((e) => {
      failures.push(`controller quorum: ${errorText(e)}`);
      return null;
    });
    const configs = await readConfigs(
      await anyLive(),
      topics.map((t) => t.name),
    ).catch((e) => {
      failures.push(`topic configs: ${errorText(e)}`);
      return null;
    });

    const offsets = await readOffsets(topics, conn, failures);
    const replicaLogEnds = await readReplicaLogEnds(topics, (id) => brokerAt.has(id), conn, failures);

    const groups = await readGroups([...brokerAt.keys()], conn, topics, failures).catch((e) => {
      failures.push(`consumer groups: ${errorText(e)}`);
      return null;
    });

    const newest = await this.#newest.read(topics, offsets, conn, records, failures);
    return { metadata, quorum, configs, offsets, replicaLogEnds, groups, newest, failures };
  }
}

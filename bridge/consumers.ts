/**
 * The consumers the bridge runs on the page's behalf: real members of a classic group (JoinGroup/SyncGroup),
 * with the assignor the page asked for computed the way Kafka's Java assignors do, so the assignment the stage
 * shows is the one kafka-consumer-groups --describe reports.
 */
import {
  Consumer,
  type GroupPartitionsAssigner,
  type GroupPartitionsAssignments,
  type MessagesStream,
  stringDeserializers,
} from '@platformatic/kafka';
import type { BridgeConsumer, RealRecord } from '../src/reality/protocol';
import type { Address } from './collect';

type Assignor = 'range' | 'roundrobin';

/** Kafka's RangeAssignor: per topic, members in memberId order take consecutive runs, the first ones one more. */
export const rangeAssigner: GroupPartitionsAssigner = (_current, members, topics, metadata) => {
  const ids = [...members.keys()].sort();
  const out = new Map<string, GroupPartitionsAssignments>(
    ids.map((memberId) => [memberId, { memberId, assignments: new Map() }]),
  );
  for (const topic of [...topics].sort()) {
    const subscribed = ids.filter((id) => members.get(id)?.topics?.includes(topic) ?? true);
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    if (subscribed.length === 0) continue;
    const each = Math.floor(count / subscribed.length);
    const extra = count % subscribed.length;
    let next = 0;
    subscribed.forEach((id, i) => {
      const n = each + (i < extra ? 1 : 0);
      const partitions = Array.from({ length: n }, (_, k) => next + k);
      next += n;
      if (n > 0) out.get(id)?.assignments.set(topic, { topic, partitions });
    });
  }
  return [...out.values()];
};

/** Kafka's RoundRobinAssignor: every topic-partition in (topic, partition) order, dealt to members in memberId order. */
export const roundRobinAssigner: GroupPartitionsAssigner = (_current, members, topics, metadata) => {
  const ids = [...members.keys()].sort();
  const out = new Map<string, GroupPartitionsAssignments>(
    ids.map((memberId) => [memberId, { memberId, assignments: new Map() }]),
  );
  let turn = 0;
  for (const topic of [...topics].sort()) {
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    for (let p = 0; p < count; p++) {
      const id = ids[turn++ % ids.length];
      const member = id === undefined ? undefined : out.get(id);
      if (!member) continue;
      const a = member.assignments.get(topic) ?? { topic, partitions: [] };
      a.partitions.push(p);
      member.assignments.set(topic, a);
    }
  }
  return [...out.values()];
};

const ASSIGNERS: Record<Assignor, GroupPartitionsAssigner> = { range: rangeAssigner, roundrobin: roundRobinAssigner };

/** close(true): leave the group now (LeaveGroup) rather than let the session time out; errors are moot here. */
function leave(consumer: Consumer<string, string, string, string>) {
  return new Promise<void>((done) => consumer.close(true, () => done()));
}

interface Running {
  info: BridgeConsumer;
  consumer: Consumer<string, string, string, string>;
  stream: MessagesStream<string, string, string, string> | null;
}

export class BridgeConsumers {
  readonly #bootstrap: Address[];
  readonly #keep: number;
  readonly #running = new Map<string, Running>();
  #next = 1;

  constructor(bootstrap: Address[], keepRecords: number) {
    this.#bootstrap = bootstrap;
    this.#keep = keepRecords;
  }

  list(): BridgeConsumer[] {
    return [...this.#running.values()].map((r) => ({
      ...r.info,
      memberId: r.consumer.memberId ?? null,
      received: [...r.info.received],
    }));
  }

  has(handle: string) {
    return this.#running.has(handle);
  }

  async start(group: string, topic: string, assignor: Assignor, onRecord: () => void): Promise<string> {
    const handle = `c${this.#next++}`;
    const consumer = new Consumer<string, string, string, string>({
      clientId: `kafka-stage-${handle}`,
      groupId: group,
      bootstrapBrokers: this.#bootstrap,
      deserializers: stringDeserializers,
      protocols: [{ name: assignor, version: 1 }],
      partitionAssigner: ASSIGNERS[assignor],
      // A stage consumer should leave the group quickly when stopped or when the bridge dies.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      autocommit: 1_000,
      retries: 3,
    });
    const running: Running = {
      info: { handle, group, topic, memberId: null, received: [] },
      consumer,
      stream: null,
    };
    this.#running.set(handle, running);
    try {
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      running.stream = stream;
      stream.on('data', (m) => {
        const record: RealRecord = {
          partition: m.partition,
          offset: Number(m.offset),
          key: m.key || null,
          value: m.value || null,
          timestamp: Number(m.timestamp),
        };
        running.info.received = [...running.info.received, record].slice(-this.#keep);
        onRecord();
      });
      stream.on('error', () => {});
    } catch (e) {
      this.#running.delete(handle);
      await leave(consumer);
      throw e;
    }
    return handle;
  }

  async stop(handle: string): Promise<boolean> {
    const r = this.#running.get(handle);
    if (!r) return false;
    this.#running.delete(handle);
    await r.stream?.close().catch(() => {});
    await leave(r.consumer);
    return true;
  }

  async stopAll() {
    await Promise.all([...this.#running.keys()].map((h) => this.stop(h)));
  }
}

/**
 * The consumers the bridge runs on the page's behalf: real members of a classic group (JoinGroup/SyncGroup),
 * under the assignor's Java name (range, roundrobin) and computing it with the engine's assignors (Java's), so
 * a Java consumer can share the group and the stage shows what kafka-consumer-groups --describe reports.
 *
 * kafkajs runs them, not @platformatic/kafka (which reads the cluster): platformatic 1.20's consumer commits
 * the offset of the last record read instead of the next one to read (Kafka's convention: kafka-consumer-groups
 * then shows a lag of 1 on a consumer that has read everything) and resumes at committed + 1.
 */
import {
  AssignerProtocol,
  Kafka,
  type Consumer as KjsConsumer,
  logLevel,
  type PartitionAssigner,
} from 'kafkajs';
import { type Assignment, type AssignorInput, rangeAssign, roundRobinAssign } from '../src/engine/assignors';
import type { BridgeConsumer } from '../src/reality/protocol';
import type { Address } from './address';

export type Assignor = 'range' | 'roundrobin';

/** The engine's assignors are Java's (checked against the Java consumer by conformance/assignors.test.ts). */
const ASSIGN: Record<Assignor, (input: AssignorInput) => Assignment> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
};

function assigner(name: Assignor): PartitionAssigner {
  return ({ cluster }) => ({
    name,
    version: 0,
    async assign({ members, topics }) {
      const partitions: Record<string, number> = {};
      for (const t of topics) partitions[t] = cluster.findTopicPartitionMetadata(t).length;
      const plan = ASSIGN[name]({
        members: members.map((m) => ({
          memberId: m.memberId,
          topics: AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? topics,
        })),
        partitions,
      });
      return members.map(({ memberId }) => {
        const assignment: Record<string, number[]> = {};
        for (const tp of plan[memberId] ?? [])
          assignment[tp.topic] = [...(assignment[tp.topic] ?? []), tp.partition];
        return {
          memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 0,
            assignment,
            userData: Buffer.alloc(0),
          }),
        };
      });
    },
    protocol({ topics }) {
      return {
        name,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}

interface Running {
  info: BridgeConsumer;
  consumer: KjsConsumer;
}

export class BridgeConsumers {
  readonly #kafka: Kafka;
  readonly #keep: number;
  readonly #running = new Map<string, Running>();
  #next = 1;

  constructor(bootstrap: Address[], keepRecords: number) {
    this.#kafka = new Kafka({
      clientId: 'kafka-stage-bridge',
      brokers: bootstrap.map((b) => `${b.host}:${b.port}`),
      logLevel: logLevel.NOTHING,
      retry: { retries: 5 },
    });
    this.#keep = keepRecords;
  }

  list(): BridgeConsumer[] {
    return [...this.#running.values()].map((r) => ({ ...r.info, received: [...r.info.received] }));
  }

  async start(group: string, topic: string, name: Assignor, onChange: () => void): Promise<string> {
    const handle = `c${this.#next++}`;
    const consumer = this.#kafka.consumer({
      groupId: group,
      partitionAssigners: [assigner(name)],
      // A stage consumer should leave the group quickly when stopped or when the bridge dies.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 10_000,
    });
    const running: Running = { info: { handle, group, topic, memberId: null, received: [] }, consumer };
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      running.info.memberId = e.payload.memberId;
      onChange();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommitInterval: 1_000,
        eachMessage: async ({ partition, message }) => {
          running.info.received = [
            ...running.info.received,
            {
              partition,
              offset: Number(message.offset),
              key: message.key?.toString('utf8') ?? null,
              value: message.value?.toString('utf8') ?? null,
              timestamp: Number(message.timestamp),
            },
          ].slice(-this.#keep);
          onChange();
        },
      });
    } catch (e) {
      await consumer.disconnect().catch(() => {});
      throw e;
    }
    this.#running.set(handle, running);
    return handle;
  }

  /** Leaves the group at once (LeaveGroup), after committing what it read. */
  async stop(handle: string): Promise<boolean> {
    const r = this.#running.get(handle);
    if (!r) return false;
    this.#running.delete(handle);
    await r.consumer.disconnect().catch(() => {});
    return true;
  }

  async stopAll() {
    await Promise.all([...this.#running.keys()].map((h) => this.stop(h)));
  }
}

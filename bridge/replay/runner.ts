/**
 * A scene replayed on a real cluster (issue 18 point 4). The runner translates the scene's engine commands
 * into real actions: topics created with the scene's partitions, replication and configs; records sent by a
 * kafkajs producer per scene producer with the scene's client's partitioner; consumers played by the Java
 * console consumer (console-consumer.ts); brokers killed and restarted by PID on the project's own cluster.
 * Every topic and group carries the run's suffix, so each replay starts from empty topics and a new group.
 *
 * playTo(k) plays every step up to k not played yet, waits for the cluster to settle (the group Stable with
 * the members the scene's consumers make, the ISR changed after a broker's death or return), and answers the
 * step's RealReplayStep. The cluster cannot go back: a step already played answers what was measured then.
 *
 * Mapped rather than played one to one:
 * - advance(ms): real waiting of the same length (capped at MAX_WAIT_MS; longer is listed in `skipped`);
 * - refreshProducerMetadata: the producer is restarted (a new producer fetches metadata at once; the scene's
 *   notes say so: "or restart the producer");
 * - librdkafka's consistent_random: CRC-32 of the key % the partition count the producer's metadata holds,
 *   as rdkafka_msg.c's rd_kafka_msg_partitioner_consistent_random, computed in a kafkajs partitioner with
 *   Node's zlib.crc32 (no librdkafka in Node; kcat starts a new process per record and would never hold a
 *   stale partition count);
 * - the Java client's round-robin keyless records: a counter over the partitions that have a leader, as
 *   RoundRobinPartitioner; its sticky partitioner depends on batch timing and is not reproduced (listed).
 */
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Command } from '../../src/engine';
import type {
  ClusterOrigin,
  RealReplayStarted,
  RealReplayStep,
  RealSnapshot,
} from '../../src/reality/protocol';
import { sceneRun } from '../../src/scenarios/run';
import type { Scene } from '../../src/scenarios/types';
import {
  type AddConsumer,
  type ConsumerProcess,
  consumerProperties,
  running,
  startConsoleConsumer,
  stopConsumer,
} from './console-consumer';
import { takeSnapshot } from './snapshot';

// kafkajs prints a notice about its partitioner on every producer unless told we chose one.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

/** The longest real wait one advance is played as: a presenter does not wait hours for retention. */
export const MAX_WAIT_MS = 20_000;
/**
 * How long a step may take to settle before its picture is taken anyway (and the wait is listed): a Java
 * consumer starts in seconds, but a loaded machine (a shared CI box) can take a minute or more per JVM.
 */
const SETTLE_TIMEOUT_MS = 90_000;
const JAVA_SESSION_TIMEOUT_MS = 45_000;

type AddProducer = Extract<Command, { type: 'addProducer' }>;

export interface ReplayOptions {
  bootstrap: string;
  origin: ClusterOrigin;
  /** The project's own cluster (`npm run kafka`): brokers may be killed and restarted by PID. */
  local?: { home: string; port?: number };
  /** The project's root (bin/ and scripts/kafka/ live there). */
  root: string;
  runId: string;
  suffix: string;
  /** SETTLE_TIMEOUT_MS unless given (a test on a loaded machine waits longer). */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
}

interface ProducerSlot {
  config: AddProducer;
  producer: Producer;
  roundRobin: number;
}

interface ConsumerSlot {
  command: AddConsumer;
  process: ConsumerProcess | null;
  /** When it was killed (a crash): the coordinator still counts it until its session runs out. */
  killedAt: number | null;
}

interface ClusterControl {
  signalNode(id: number, signal: NodeJS.Signals, o: { home: string; port?: number }): boolean;
  restartNode(id: number, o: { home: string; port?: number }): number;
  readPids(home: string): { nodes: { id: number; pid: number }[] } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SceneReplay {
  readonly started: RealReplayStarted;
  private readonly kafka: Kafka;
  private admin: Admin | null = null;
  private readonly producers = new Map<string, ProducerSlot>();
  private readonly consumers = new Map<string, ConsumerSlot>();
  private readonly topics = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly results: RealReplayStep[] = [];
  private setupSkipped: string[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private brokerWait: { broker: number; down: boolean } | null = null;
  private closed = false;
  private readonly stickyNoted = new Set<string>();

  constructor(
    readonly scene: Scene,
    private readonly opts: ReplayOptions,
  ) {
    this.started = { runId: opts.runId, sceneId: scene.id, suffix: opts.suffix };
    this.kafka = new Kafka({
      clientId: `kafka-stage-replay${opts.suffix}`,
      brokers: opts.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 3 },
    });
  }

  /** Steps played so far (-1: none). */
  get played(): number {
    return this.results.length - 1;
  }

  /** Plays every step up to k not played yet; calls queue, so two requests never interleave. */
  playTo(k: number): Promise<RealReplayStep> {
    const next = this.queue.then(() => this.playToNow(k));
    this.queue = next.catch(() => {});
    return next;
  }

  private async playToNow(k: number): Promise<RealReplayStep> {
    if (this.closed) throw new Error('this replay is closed');
    if (!Number.isInteger(k) || k < 0 || k >= this.scene.steps.length)
      throw new Error(`step ${k} is not a step of ${this.scene.id}`);
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    if (this.setupSkipped === null) this.setupSkipped = await this.playCommands(this.scene.setup, []);
    while (this.results.length <= k) {
      const step = this.results.length;
      const produced: RealReplayStep['produced'] = [];
      const skipped = await this.playCommands(this.scene.steps[step]!.commands, produced);
      if (step === 0) skipped.unshift(...this.setupSkipped.map((s) => `setup: ${s}`));
      skipped.push(...(await this.settle()));
      const snapshot = await this.snapshot();
      this.results.push({ runId: this.opts.runId, step, snapshot, produced, skipped });
      this.opts.log?.(`${this.scene.id}${this.opts.suffix}: step ${step} played`);
    }
    return this.results[k]!;
  }

  private async snapshot(): Promise<RealSnapshot> {
    const pids: Record<number, number> = {};
    if (this.opts.local)
      for (const n of (await this.control()).readPids(this.opts.local.home)?.nodes ?? []) pids[n.id] = n.pid;
    return takeSnapshot({
      admin: this.admin!,
      bootstrap: this.opts.bootstrap,
      origin: this.opts.origin,
      topics: [...this.topics],
      groups: [...this.groups],
      pids,
    });
  }

  private real = (name: string) => name + this.opts.suffix;

  /** Plays commands in order; returns what could not be played, with why. */
  private async playCommands(commands: readonly Command[], produced: RealReplayStep['produced']) {
    const skipped: string[] = [];
    for (const c of commands) {
      const why = await this.play(c, produced).catch(
        (e: unknown) => `${c.type} failed on the cluster: ${message(e)}`,
      );
      if (why) skipped.push(why);
    }
    return skipped;
  }

  /** One command; returns a sentence when it was not played (or not played as written). */
  private async play(c: Command, produced: RealReplayStep['produced']): Promise<string | undefined> {
    const admin = this.admin!;
    switch (c.type) {
      case 'createCluster': {
        const { brokers } = await admin.describeCluster();
        return brokers.length < c.brokers
          ? `the scene has ${c.brokers} brokers, the cluster ${brokers.length}: topics that need more fail`
          : undefined;
      }
      case 'createTopic': {
        const configEntries = topicConfigEntries(c.config ?? {});
        const replication = c.replicaAssignment ? undefined : (c.config?.replicationFactor ?? 1);
        await admin.createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: this.real(c.topic),
              ...(c.replicaAssignment
                ? {
                    replicaAssignment: c.replicaAssignment.map((replicas, partition) => ({
                      partition,
                      replicas,
                    })),
                  }
                : { numPartitions: c.partitions, replicationFactor: replication }),
              configEntries,
            },
          ],
        });
        this.topics.add(this.real(c.topic));
        return c.config?.segmentBytes !== undefined
          ? `segment.bytes ${c.config.segmentBytes} not set: the stage's small segments are below Kafka's minimum`
          : undefined;
      }
      case 'addPartitions':
        await admin.createPartitions({
          topicPartitions: [{ topic: this.real(c.topic), count: c.partitions }],
        });
        return;
      case 'setTopicConfig':
        await admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: 2, name: this.real(c.topic), configEntries: topicConfigEntries(c.config) }],
        });
        return;
      case 'addProducer': {
        const slot: ProducerSlot = {
          config: c,
          producer: this.newProducer(() => slot),
          roundRobin: c.roundRobinStart ?? 0,
        };
        await slot.producer.connect();
        this.producers.set(c.producer, slot);
        return;
      }
      case 'configureProducer': {
        const slot = this.producers.get(c.producer);
        if (!slot) return `no producer ${c.producer}`;
        const { type: _t, producer: _p, ...changes } = c;
        slot.config = { ...slot.config, ...changes };
        return;
      }
      case 'refreshProducerMetadata': {
        const slot = this.producers.get(c.producer);
        if (!slot) return `no producer ${c.producer}`;
        await slot.producer.disconnect();
        slot.producer = this.newProducer(() => slot);
        await slot.producer.connect();
        return;
      }
      case 'flush':
        return; // kafkajs sends each record at once: nothing waits in a batch
      case 'produce': {
        const slot = this.producers.get(c.producer);
        const key = c.key ?? null;
        if (!slot) return `no producer ${c.producer}`;
        const stickyNote =
          key === null &&
          c.partition === undefined &&
          (slot.config.keyless ?? 'sticky') === 'sticky' &&
          !this.stickyNoted.has(c.producer)
            ? `${c.producer}: the sticky partitioner's runs depend on batch timing; its keyless records go round robin`
            : undefined;
        if (stickyNote) this.stickyNoted.add(c.producer);
        try {
          const acks = slot.config.acks === 0 ? 0 : slot.config.acks === 1 ? 1 : -1;
          const [meta] = await slot.producer.send({
            topic: this.real(c.topic),
            acks,
            messages: [
              {
                key,
                value: c.value,
                ...(c.partition !== undefined ? { partition: c.partition } : {}),
                ...(c.headers ? { headers: c.headers } : {}),
              },
            ],
          });
          produced.push({
            topic: c.topic,
            key,
            partition: meta?.partition ?? -1,
            offset: Number(meta?.baseOffset ?? -1),
          });
          return;
        } catch (e) {
          produced.push({ topic: c.topic, key, partition: -1, offset: -1 });
          return `produce ${key ?? ''}:${c.value} was not written: ${message(e)}`;
        }
      }
      case 'advance': {
        await sleep(Math.min(c.ms, MAX_WAIT_MS));
        return c.ms > MAX_WAIT_MS
          ? `advance of ${c.ms / 1000} s of logical time: waited ${MAX_WAIT_MS / 1000} s for real`
          : undefined;
      }
      case 'addConsumer':
        this.groups.add(this.real(c.group));
        this.consumers.set(c.consumer, { command: c, process: this.startConsumer(c), killedAt: null });
        return;
      case 'restartConsumer': {
        const slot = this.consumers.get(c.consumer);
        if (!slot) return `no consumer ${c.consumer}`;
        slot.process = this.startConsumer(slot.command);
        return;
      }
      case 'subscribe': {
        const slot = this.consumers.get(c.consumer);
        if (!slot?.process) return `no consumer ${c.consumer}`;
        await stopConsumer(slot.process, 'SIGTERM');
        slot.command = { ...slot.command, topics: c.topics };
        slot.process = this.startConsumer(slot.command);
        return 'subscribe: the console consumer cannot change its subscription, so it was closed and started again';
      }
      case 'killConsumer':
      case 'closeConsumer': {
        const slot = this.consumers.get(c.consumer);
        if (!slot?.process) return `no consumer ${c.consumer}`;
        await stopConsumer(slot.process, c.type === 'killConsumer' ? 'SIGKILL' : 'SIGTERM');
        slot.process = null;
        slot.killedAt = c.type === 'killConsumer' ? Date.now() : null;
        return;
      }
      case 'deleteGroup':
        await admin.deleteGroups([this.real(c.group)]);
        return;
      case 'pauseConsumer':
      case 'resumeConsumer':
      case 'commitSync':
        return `${c.type} ${c.consumer}: the console consumer cannot be told to ${c.type === 'commitSync' ? 'commit now' : c.type === 'pauseConsumer' ? 'pause' : 'resume'}`;
      case 'killBroker':
      case 'shutdownBroker':
      case 'restartBroker': {
        if (!this.opts.local) return `${c.type} ${c.broker}: only on the project's own local cluster`;
        const control = await this.control();
        if (c.type === 'restartBroker') control.restartNode(c.broker, this.opts.local);
        else if (
          !control.signalNode(c.broker, c.type === 'killBroker' ? 'SIGKILL' : 'SIGTERM', this.opts.local)
        )
          return `${c.type} ${c.broker}: no such running broker`;
        this.brokerWait = { broker: c.broker, down: c.type !== 'restartBroker' };
        return;
      }
      case 'isolateBroker':
      case 'healBroker':
      case 'isolateBrokerFromPeers':
        return `${c.type} ${c.broker}: cutting a real broker off the network needs root (iptables); not replayed`;
      case 'electLeaders':
      case 'reassignPartition':
        return `${c.type}: not replayed (the replay runs no kafka-leader-election or kafka-reassign-partitions)`;
      case 'createQueue':
      case 'sendToQueue':
      case 'addQueueConsumer':
        return `${c.type}: the traditional queue is the simulator's contrast, not Kafka`;
      case 'runQuery':
      case 'stopQuery':
        return `${c.type}: ksqlDB is not part of the cluster (no ksqlDB server here)`;
      case 'addModernConsumer':
      case 'closeModernConsumer':
      case 'killModernConsumer':
        return `${c.type}: the replay runs classic console consumers only (the consumer protocol, KIP-848, is not replayed yet)`;
      case 'joinShareGroup':
      case 'leaveShareGroup':
      case 'shareFetch':
      case 'shareAcknowledge':
      case 'setShareGroupConfig':
        return `${c.type}: share groups (KIP-932) are not replayed yet`;
      case 'initTransactions':
      case 'beginTransaction':
      case 'sendOffsetsToTransaction':
      case 'commitTransaction':
      case 'abortTransaction':
        return `${c.type}: transactions are not replayed yet (the Node client has no transactional API)`;
      default: {
        const never: never = c;
        return `${(never as Command).type}: not known to the replay`;
      }
    }
  }

  private newProducer(slot: () => ProducerSlot): Producer {
    const javaDefault = Partitioners.DefaultPartitioner;
    return this.kafka.producer({
      allowAutoTopicCreation: false,
      retry: { retries: 2 },
      createPartitioner: () => {
        const java = javaDefault();
        return (args) => {
          const { config } = slot();
          const { message: m, partitionMetadata } = args;
          if (m.partition !== undefined && m.partition !== null) return m.partition;
          if (m.key !== null && m.key !== undefined) {
            if (config.client !== 'librdkafka') return java(args);
            // rd_kafka_msg_partitioner_consistent_random: crc32(key) % partition count, over all partitions.
            return crc32(Buffer.from(m.key)) % partitionMetadata.length;
          }
          if ((config.keyless ?? 'sticky') === 'sticky') return java(args);
          // RoundRobinPartitioner: the next of the partitions that have a leader.
          const available = partitionMetadata
            .filter((p) => p.leader >= 0)
            .sort((a, b) => a.partitionId - b.partitionId);
          const list = available.length > 0 ? available : partitionMetadata;
          const at = slot().roundRobin++;
          return list[at % list.length]!.partitionId;
        };
      },
    });
  }

  private startConsumer(c: AddConsumer): ConsumerProcess {
    return startConsoleConsumer({
      root: this.opts.root,
      bootstrap: this.opts.bootstrap,
      name: c.consumer,
      group: this.real(c.group),
      topics: c.topics.map(this.real),
      properties: consumerProperties(c, c.consumer),
    });
  }

  private controlModule: ClusterControl | null = null;
  private async control(): Promise<ClusterControl> {
    if (!this.controlModule)
      this.controlModule = (await import(
        join(this.opts.root, 'scripts', 'kafka', 'cluster.mjs')
      )) as ClusterControl;
    return this.controlModule;
  }

  /**
   * Waits until the cluster shows what the step's actions cause: each group Stable with as many members as
   * the scene's consumers make (a crashed one still counts until its session runs out), and the ISR without a
   * killed broker or with a restarted one back. Returns what did not settle in time.
   */
  private async settle(): Promise<string[]> {
    const admin = this.admin!;
    const t0 = Date.now();
    const unsettled = (): Promise<string | null> => this.unsettled(admin);
    for (;;) {
      const what = await unsettled().catch((e: unknown) => `cluster: ${message(e)}`);
      if (what === null) return [];
      const limit = this.opts.settleTimeoutMs ?? SETTLE_TIMEOUT_MS;
      if (Date.now() - t0 > limit) return [`not settled after ${limit / 1000} s: ${what}`];
      await sleep(300);
    }
  }

  private async unsettled(admin: Admin): Promise<string | null> {
    for (const slot of this.consumers.values())
      if (slot.process && !running(slot.process))
        return `consumer ${slot.command.consumer} exited: ${slot.process.errors().split('\n').slice(-3).join(' ')}`;
    for (const group of this.groups) {
      const expected = [...this.consumers.values()].filter(
        (s) =>
          this.real(s.command.group) === group &&
          (s.process !== null ||
            (s.killedAt !== null &&
              Date.now() - s.killedAt < (s.command.sessionTimeoutMs ?? JAVA_SESSION_TIMEOUT_MS))),
      ).length;
      const g = (await admin.describeGroups([group])).groups[0];
      const members = g?.members.length ?? 0;
      if (expected === 0 ? members !== 0 : g?.state !== 'Stable' || members !== expected)
        return `group ${group}: ${g?.state ?? 'unknown'} with ${members} members, ${expected} expected`;
    }
    if (this.brokerWait && this.topics.size > 0) {
      const { broker, down } = this.brokerWait;
      const meta = await admin.fetchTopicMetadata({ topics: [...this.topics] });
      const parts = meta.topics.flatMap((t) => t.partitions).filter((p) => p.replicas.includes(broker));
      const settled = parts.every((p) =>
        down ? !p.isr.includes(broker) && p.leader !== broker : p.isr.includes(broker),
      );
      if (!settled) return `ISR ${down ? 'still holds' : 'does not hold yet'} broker ${broker}`;
      this.brokerWait = null;
    }
    return null;
  }

  /** Stops every consumer and producer of the run (the topics stay: the operator may look at them). */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => {});
    await Promise.all(
      [...this.consumers.values()].map((s) => (s.process ? stopConsumer(s.process, 'SIGKILL') : undefined)),
    );
    await Promise.all([...this.producers.values()].map((s) => s.producer.disconnect().catch(() => {})));
    await this.admin?.disconnect().catch(() => {});
  }
}

/** The Kafka topic configs for the scene's TopicConfig (replication is the request's, segments are left out). */
function topicConfigEntries(config: NonNullable<Extract<Command, { type: 'createTopic' }>['config']>) {
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

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The run's commands, for a caller that wants to know what a replay will do (the page's control). */
export const runCommands = (scene: Scene) => sceneRun(scene).commands;

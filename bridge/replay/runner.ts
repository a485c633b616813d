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
 *   as rdkafka_msg.c's rd_kafka_msg_partitioner_consistent_random, computed in a kafkajs partitioner
 *   (scene-partitioner.ts) with Node's zlib.crc32 (no librdkafka in Node; kcat starts a new process per
 *   record and would never hold a stale partition count);
 * - the Java client's round-robin keyless records: a counter over the partitions that have a leader, as
 *   RoundRobinPartitioner; its sticky partitioner depends on batch timing and is not reproduced (listed).
 */
import { join } from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
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
  startConsoleConsumer,
  stopConsumer,
} from './console-consumer';
import { message } from './message';
import { whyNotReplayed } from './not-replayed';
import { ReplayProducers } from './replay-producers';
import { type ConsumerSlot, exitedConsumer, unsettledGroup, unsettledIsr } from './settled';
import { takeSnapshot } from './snapshot';
import { topicConfigEntries } from './topic-configs';

// kafkajs prints a notice about its partitioner on every producer unless told we chose one.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

/** The longest real wait one advance is played as: a presenter does not wait hours for retention. */
export const MAX_WAIT_MS = 20_000;
/**
 * How long a step may take to settle before its picture is taken anyway (and the wait is listed): a Java
 * consumer starts in seconds, but a loaded machine (a shared CI box) can take a minute or more per JVM.
 */
const SETTLE_TIMEOUT_MS = 90_000;

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
  private readonly producers: ReplayProducers;
  private readonly consumers = new Map<string, ConsumerSlot>();
  private readonly topics = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly results: RealReplayStep[] = [];
  private setupSkipped: string[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private brokerWait: { broker: number; down: boolean } | null = null;
  private closed = false;

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
    this.producers = new ReplayProducers(this.kafka, this.real);
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
      case 'addProducer':
      case 'configureProducer':
      case 'refreshProducerMetadata':
      case 'flush':
      case 'produce':
        return this.producers.play(c, produced);
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
      default:
        return whyNotReplayed(c);
    }
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
    const why =
      exitedConsumer(this.consumers.values()) ??
      (await unsettledGroup(admin, this.consumers.values(), this.groups, this.real));
    if (why !== null) return why;
    if (this.brokerWait && this.topics.size > 0) {
      const isr = await unsettledIsr(admin, this.topics, this.brokerWait);
      if (isr !== null) return isr;
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
    await this.producers.close();
    await this.admin?.disconnect().catch(() => {});
  }
}

/** The run's commands, for a caller that wants to know what a replay will do (the page's control). */
export const runCommands = (scene: Scene) => sceneRun(scene).commands;

/**
 * The sandbox: every knob for free play after the talk, shareable by URL. Its cluster comes from a
 * SandboxConfig (the URL's `?sandbox=` carries one); each step sends a burst of traffic, and the live
 * panel adds failures. The deck replaces the default one below with the URL's at start.
 */
import type { Command } from '../../engine';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import { defaultSandbox, type SandboxConfig } from '../sandbox-config';
import type { Scene, Step } from '../types';

export const SANDBOX_ID = 'sandbox';
const TOPIC = 'events';
/** Model time each burst of traffic is given to be produced, replicated and consumed. */
const BURST_MS = 2_000;

function setup(config: SandboxConfig): Command[] {
  const commands: Command[] = [
    { type: 'createCluster', brokers: config.brokers },
    {
      type: 'createTopic',
      topic: TOPIC,
      partitions: config.partitions,
      config: { replicationFactor: config.replicationFactor, minInsyncReplicas: config.minInsyncReplicas },
    },
  ];
  config.producers.forEach((p, i) => {
    commands.push({
      type: 'addProducer',
      producer: `producer-${i + 1}`,
      client: p.client,
      keyless: p.keyless,
      acks: p.acks,
      idempotent: p.acks === 'all',
      lingerMs: 5,
    });
  });
  config.groups.forEach((g, gi) => {
    for (let c = 0; c < g.consumers; c++) {
      commands.push({
        type: 'addConsumer',
        consumer: `g${gi + 1}-c${c + 1}`,
        group: `group-${gi + 1}`,
        topics: [TOPIC],
        assignor: g.assignor,
        autoOffsetReset: 'earliest',
        // Short liveness timeouts so a killed consumer's rebalance fits in a few steps of free play.
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 1_000,
      });
    }
  });
  // Let the groups form before the first step.
  if (config.groups.length > 0) commands.push({ type: 'advance', ms: 5_000 });
  return commands;
}

function burst(config: SandboxConfig, round: number): Command[] {
  const commands: Command[] = [];
  config.producers.forEach((_, i) => {
    for (let r = 0; r < config.recordsPerStep; r++) {
      const n = round * config.recordsPerStep + r;
      const key = config.keys.length === 0 ? '' : config.keys[n % config.keys.length]!;
      commands.push({
        type: 'produce',
        producer: `producer-${i + 1}`,
        topic: TOPIC,
        key: key === '' ? null : key,
        value: `p${i + 1}-${n}`,
      });
    }
  });
  commands.push({ type: 'advance', ms: BURST_MS });
  return commands;
}

export function sandboxScene(config: SandboxConfig): Scene {
  const traffic: Step[] = Array.from({ length: 6 }, (_, round) => ({
    title: `Traffic, round ${round + 1}`,
    narration: `Each producer sends ${config.recordsPerStep} records; watch where they land. Use Live to kill a broker or produce your own.`,
    notes:
      'Free play: change the knobs with Live → Sandbox settings; the link in the address bar shares this exact cluster.',
    commands: burst(config, round),
  }));
  return {
    id: SANDBOX_ID,
    title: 'Sandbox',
    slides: [],
    seed: 2026,
    setup: setup(config),
    steps: [
      {
        title: 'Your cluster',
        narration: `${config.brokers} brokers, a topic of ${config.partitions} partitions with replication factor ${config.replicationFactor}, ${config.producers.length} producer(s).`,
        notes:
          'Everything here is the same engine as the talk: nothing is scripted beyond the traffic. The empty entry of the keys list sends records without a key: a Java producer spreads them round robin or sticky as set; a librdkafka producer keeps them on one partition per sticky.partitioning.linger.ms window (10 ms), not a random partition per record.',
        commands: [],
      },
      ...traffic,
    ],
    // Lanes with their leaders under a strip of brokers, with or without groups: the brokers view draws one
    // partition's replicas per broker and cannot show several partitions legibly (M switches to it).
    view: {
      kind: 'consumers',
      topic: TOPIC,
      producers: config.producers.map((_, i) => `producer-${i + 1}`),
      groups: config.groups.map((_, i) => `group-${i + 1}`),
      showBrokers: true,
    },
    realCommands: [
      `bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${TOPIC} --partitions ${config.partitions} --replication-factor ${config.replicationFactor} --config min.insync.replicas=${config.minInsyncReplicas}`,
      `bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${TOPIC} --property parse.key=true --property key.separator=: --producer-property acks=${config.producers[0]?.acks ?? 'all'}`,
      `bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic ${TOPIC}`,
      PROPERTY_FLAG_NOTE,
    ],
  };
}

export const sandbox: Scene = sandboxScene(defaultSandbox);

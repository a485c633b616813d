/**
 * Slide 39: a linearly scalable architecture. Many producers, twelve brokers, one topic of 48 partitions
 * and a growing consumer group: throughput grows with the consumers until every partition has its own,
 * then extra consumers sit idle. The last step is the deck's heaviest moment (the bench measures it).
 */
import type { Command } from '../../engine/commands';
import { groupLag } from '../../engine/groups/lag';
import type { EngineState } from '../../engine/types';
import type { Claim, Scene, Step } from '../types';

const TOPIC = 'clicks';
const GROUP = 'analytics';
const PARTITIONS = 48;
const BROKERS = 12;
const PRODUCERS = 6;
/** Model time of one step: long enough for a rebalance (a few round trips at this latency) and steady traffic. */
const STEP_MS = 6_000;
/** Traffic is produced in slices of this much model time, so it flows evenly through the step. */
const SLICE_MS = 100;
/** Records each producer sends per slice: 6 producers x 6 records per 100 ms = 360 per 100 ms. */
const RECORDS_PER_SLICE = 6;
/**
 * A slow, wide network (100-300 ms one way) so that records spend long enough in flight to be seen:
 * several hundred records are on the wire at once (the bench counts them).
 */
const NETWORK = { latencyMinMs: 100, latencyMaxMs: 300 };

const consumerId = (i: number) => `c${String(i + 1).padStart(2, '0')}`;

function traffic(round: number): Command[] {
  const commands: Command[] = [];
  const slices = STEP_MS / SLICE_MS;
  for (let slice = 0; slice < slices; slice++) {
    for (let r = 0; r < RECORDS_PER_SLICE; r++) {
      for (let p = 0; p < PRODUCERS; p++) {
        const n = (round * slices + slice) * RECORDS_PER_SLICE + r;
        commands.push({
          type: 'produce',
          producer: `p${p + 1}`,
          topic: TOPIC,
          key: `user-${(n * 7 + p) % 997}`,
          value: `${p}-${n}`,
        });
      }
    }
    commands.push({ type: 'advance', ms: SLICE_MS });
  }
  return commands;
}

function addConsumers(from: number, to: number): Command[] {
  const commands: Command[] = [];
  for (let i = from; i < to; i++) {
    commands.push({
      type: 'addConsumer',
      consumer: consumerId(i),
      group: GROUP,
      topics: [TOPIC],
      assignor: 'range',
      autoOffsetReset: 'earliest',
      // Each consumer can take 20 records every 100 ms: 200 records/s, so the group needs many of them.
      maxPollRecords: 20,
      pollIntervalMs: 100,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
    });
  }
  return commands;
}

const owners = (s: EngineState) => {
  const lag = groupLag(s, GROUP);
  return new Set(lag.map((l) => l.owner).filter((o) => o !== null));
};

const ownedBy = (n: number): Claim => ({
  text: `the partitions are split among ${n} consumers`,
  holds: (s) => owners(s).size === n,
});

function scaleTo(prev: number, n: number, title: string, narration: string, notes: string): Step {
  return {
    title,
    narration,
    notes,
    commands: [...addConsumers(prev, n), ...traffic(n)],
    claims: [ownedBy(Math.min(n, PARTITIONS))],
  };
}

export const scalableArchitecture: Scene = {
  id: 'scalable-architecture',
  title: 'A linearly scalable architecture',
  slides: [39],
  seed: 39,
  setup: [
    { type: 'createCluster', brokers: BROKERS, network: NETWORK },
    { type: 'createTopic', topic: TOPIC, partitions: PARTITIONS },
    ...Array.from(
      { length: PRODUCERS },
      (_, p): Command => ({ type: 'addProducer', producer: `p${p + 1}`, lingerMs: 20, batchSizeBytes: 2048 }),
    ),
  ],
  steps: [
    {
      title: 'One topic, many machines',
      narration: `${PRODUCERS} producers, ${BROKERS} brokers, one topic of ${PARTITIONS} partitions spread over all of them.`,
      notes:
        'Each broker leads four partitions: no single machine carries the topic. Nothing is flowing yet.',
      commands: [],
    },
    scaleTo(
      0,
      1,
      'One consumer',
      'One consumer reads all 48 partitions and falls behind: its lag grows.',
      'A consumer here processes about 200 records/s; the producers send 3,600/s.',
    ),
    scaleTo(
      1,
      4,
      'Four consumers',
      'Four consumers split the partitions: four times the throughput.',
      'Range assignment: each consumer takes a contiguous run of partitions.',
    ),
    scaleTo(
      4,
      8,
      'Eight consumers',
      'Eight consumers now keep up with the producers: the lag stops growing.',
      'Throughput scales with consumers, because partitions are the unit of parallelism.',
    ),
    {
      title: 'How far can it go?',
      narration: 'What happens if we run more consumers than there are partitions?',
      notes: 'Ask the room. Answer: consumers beyond the partition count sit idle.',
      predict: 'More consumers than partitions: faster?',
      commands: [],
    },
    scaleTo(
      8,
      24,
      'Twenty-four consumers',
      'Twenty-four consumers, two partitions each: the heaviest moment of the deck.',
      'Hundreds of records are on the wire at once here: the busiest moment of the deck.',
    ),
    {
      ...scaleTo(
        24,
        60,
        'Sixty consumers',
        'Sixty consumers, 48 partitions: twelve consumers get nothing and sit idle.',
        'The partition count is the ceiling of a group’s parallelism: plan it up front.',
      ),
      claims: [ownedBy(PARTITIONS)],
    },
  ],
  view: { kind: 'scalable', topic: TOPIC, group: GROUP },
  realCommands: [
    `kafka-topics --bootstrap-server localhost:9092 --create --topic ${TOPIC} --partitions ${PARTITIONS} --replication-factor 1`,
    `kafka-producer-perf-test --topic ${TOPIC} --num-records 100000 --record-size 100 --throughput -1 --producer-props bootstrap.servers=localhost:9092`,
    `kafka-consumer-perf-test --bootstrap-server localhost:9092 --topic ${TOPIC} --group ${GROUP} --messages 100000`,
    `kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group ${GROUP}`,
  ],
};

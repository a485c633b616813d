/**
 * Slide 39: a linearly scalable architecture. Many producers, twelve brokers, one topic of 48 partitions
 * and a growing consumer group: throughput grows with the consumers until every partition has its own,
 * then extra consumers sit idle. The last step is the deck's heaviest moment (the bench measures it).
 */
import type { Command, EngineState } from '../../engine';
import { groupLag } from '../../engine';
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
/** Records each producer sends per slice: 6 producers x 6 records per 100 ms = 360 records/s. */
const RECORDS_PER_SLICE = 6;
/**
 * A slow, wide network (100-300 ms one way) so that records spend long enough in flight to be seen:
 * several hundred records are on the wire at once (the bench counts them).
 */
const NETWORK = { latencyMinMs: 100, latencyMaxMs: 300 };

/** auto.commit.interval.ms of this scene's consumers (the default is 5000): committed offsets, and so lag, stay fresh. */
const AUTO_COMMIT_INTERVAL_MS = 1000;

const consumerId = (i: number) => `c${String(i + 1).padStart(2, '0')}`;

/** Each producer's share of the burst that opens the 24-consumer step: 2,400 records sent at one instant. */
const BURST_PER_PRODUCER = 400;

function produceCommand(producer: number, n: number): Command {
  return {
    type: 'produce',
    producer: `p${producer + 1}`,
    topic: TOPIC,
    key: `user-${(n * 7 + producer) % 997}`,
    value: `${producer}-${n}`,
  };
}

/** A step of steady traffic, opened by `burst` records per producer all sent at once (a flash sale). */
function traffic(round: number, burst = 0): Command[] {
  const commands: Command[] = [];
  for (let b = 0; b < burst; b++)
    for (let p = 0; p < PRODUCERS; p++) commands.push(produceCommand(p, 1_000_000 + round * burst + b));
  const slices = STEP_MS / SLICE_MS;
  for (let slice = 0; slice < slices; slice++) {
    for (let r = 0; r < RECORDS_PER_SLICE; r++) {
      for (let p = 0; p < PRODUCERS; p++) {
        commands.push(produceCommand(p, (round * slices + slice) * RECORDS_PER_SLICE + r));
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
      // The first auto-commit comes auto.commit.interval.ms after each join (ConsumerCoordinator.onJoinComplete);
      // at the default 5 s it would land after these 6 s steps and the lag on screen would trail the consumers.
      autoCommitIntervalMs: AUTO_COMMIT_INTERVAL_MS,
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

const totalLag = (s: EngineState) => groupLag(s, GROUP).reduce((sum, l) => sum + (l.lag ?? 0), 0);

/** After a burst, the group has caught up with it: what is left is less than the burst itself. */
const drained = (burst: number): Claim => ({
  text: `the group drains the burst of ${burst.toLocaleString('en')} records within the step`,
  holds: (s) => totalLag(s) < burst,
});

function scaleTo(prev: number, n: number, title: string, narration: string, notes: string, burst = 0): Step {
  return {
    title,
    narration,
    notes,
    commands: [...addConsumers(prev, n), ...traffic(n, burst)],
    claims:
      burst > 0
        ? [ownedBy(Math.min(n, PARTITIONS)), drained(burst * PRODUCERS)]
        : [ownedBy(Math.min(n, PARTITIONS))],
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
      'The producers send 360 records/s; a consumer here takes at most 20 records per 100 ms poll, and every fetch crosses a slow network (100-300 ms each way). Lag is counted from committed offsets; these consumers auto-commit every second (auto.commit.interval.ms=1000, default 5000) so it stays current.',
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
      'Twenty-four consumers, two partitions each, and a flash sale: 2,400 records sent at once. The brokers absorb the burst; the group drains it.',
      'The busiest moment of the deck: over two thousand records on the wire at once. The burst lands in the log first, so no consumer has to keep pace with it.',
      BURST_PER_PRODUCER,
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
    `bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${TOPIC} --partitions ${PARTITIONS} --replication-factor 1`,
    `bin/kafka-producer-perf-test.sh --topic ${TOPIC} --num-records 100000 --record-size 100 --throughput -1 --producer-props bootstrap.servers=localhost:9092`,
    `bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic ${TOPIC} --group ${GROUP} --messages 100000`,
    `bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group ${GROUP}`,
  ],
};

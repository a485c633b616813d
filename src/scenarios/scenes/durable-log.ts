/**
 * The log is a durable messaging system (the slide after replication): a traditional queue deletes what a
 * consumer acknowledged; Kafka's log keeps it, so a new group can read it all again, until retention
 * removes old segments.
 */
import type { Command, EngineState } from '../../engine';
import { keptRecords } from '../../engine';
import type { Scene } from '../types';

const QUEUE = 'orders-queue';
const TOPIC = 'orders';
const ORDERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
/** Enough model time for a new group to find its coordinator, join (3 s initial delay) and read. */
const SETTLE_MS = 8_000;

const consumer = (id: string, group: string): Command => ({
  type: 'addConsumer',
  consumer: id,
  group,
  topics: [TOPIC],
  autoOffsetReset: 'earliest',
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
});

/** How far a group's consumers have read, summed over partitions: the next offsets they will fetch. */
const readBy = (s: EngineState, group: string) =>
  Object.values(s.groups.consumers)
    .filter((c) => c.group === group)
    .reduce((n, c) => n + Object.values(c.positions).reduce((a, b) => a + b, 0), 0);

const logValues = (s: EngineState) =>
  s.topics[TOPIC]?.partitions.flatMap((p) =>
    p.leader === null ? [] : keptRecords(p.logs[p.leader]!).map((r) => r.value),
  ) ?? [];

export const durableLog: Scene = {
  id: 'durable-log',
  title: 'The log: a durable messaging system',
  slides: [49],
  seed: 49,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createQueue', queue: QUEUE },
    { type: 'createTopic', topic: TOPIC, partitions: 2, config: { segmentBytes: 15, retentionMs: 60_000 } },
    { type: 'addProducer', producer: 'shop', lingerMs: 0, keyless: 'round-robin', roundRobinStart: 0 },
  ],
  steps: [
    {
      title: 'A queue and a log',
      narration: 'Left: a traditional queue (ActiveMQ, RabbitMQ). Right: a Kafka topic, an append-only log.',
      notes: 'Both take the same orders. Watch what each keeps once the orders are read.',
      commands: [],
    },
    {
      title: 'The same six orders',
      narration: 'Six orders go into the queue and into the log.',
      notes: 'In the log they get offsets, spread over two partitions.',
      commands: [
        ...ORDERS.flatMap((value): Command[] => [
          { type: 'sendToQueue', queue: QUEUE, value },
          { type: 'produce', producer: 'shop', topic: TOPIC, value },
        ]),
        { type: 'advance', ms: 50 },
      ],
    },
    {
      title: 'Consumers read them',
      narration: 'Two competing consumers drain the queue; a consumer group of two reads the log.',
      notes:
        'Each message is handled once on each side. The queue deletes each one as it is acknowledged; the log keeps its records and the group just moves its offsets.',
      commands: [
        { type: 'addQueueConsumer', consumer: 'billing-1', queue: QUEUE, processingMs: 300 },
        { type: 'addQueueConsumer', consumer: 'billing-2', queue: QUEUE, processingMs: 300 },
        consumer('billing-a', 'billing'),
        consumer('billing-b', 'billing'),
        { type: 'advance', ms: SETTLE_MS },
      ],
      claims: [
        {
          text: 'the queue is empty: it deleted all six',
          holds: (s) =>
            s.queues.queues[QUEUE]!.messages.length === 0 && s.queues.queues[QUEUE]!.deleted === 6,
        },
        { text: 'the log still holds all six orders', holds: (s) => logValues(s).length === 6 },
      ],
    },
    {
      title: 'A new team arrives',
      narration: 'Analytics wants every order from the beginning. Which side can give it to them?',
      notes: 'Ask the room. The queue has nothing left; the log can replay.',
      predict: 'Queue or log: who can replay the orders?',
      commands: [],
    },
    {
      title: 'Replay from the log',
      narration: 'A new queue consumer gets nothing. A new consumer group reads the whole log from offset 0.',
      notes:
        'auto.offset.reset=earliest: a group with no committed offsets starts at the log start. Each group has its own offsets, so billing is not disturbed.',
      commands: [
        { type: 'addQueueConsumer', consumer: 'analytics-q', queue: QUEUE, processingMs: 300 },
        consumer('analytics-1', 'analytics'),
        { type: 'advance', ms: SETTLE_MS },
      ],
      claims: [
        {
          text: 'the late queue consumer received nothing',
          holds: (s) => s.queues.consumers['analytics-q']!.processed.length === 0,
        },
        {
          text: 'the new group read all six orders from the log',
          holds: (s) => readBy(s, 'analytics') === 6,
        },
      ],
    },
    {
      title: 'Retention',
      narration:
        'The log is not forever by default: retention deletes whole old segments (7 days in Kafka; one minute here).',
      notes:
        'retention.ms or retention.bytes, checked every 5 minutes. Once even the newest record is older than retention.ms (and the high watermark has reached the log end), the active segment goes too: Kafka rolls a new empty one first, so each partition here ends empty. Offsets are never reused: the log start offset moves up to the log end offset, 3, and the next record gets offset 3.',
      commands: [{ type: 'advance', ms: 300_000 }],
      claims: [
        {
          text: 'old segments are gone and the log start offset moved past 0',
          holds: (s) =>
            s.topics[TOPIC]!.partitions.some((p) => (p.logs[p.leader ?? 0]?.logStartOffset ?? 0) > 0),
        },
        {
          text: 'every partition is empty: the active segment expired too, log start offset = log end offset = 3',
          holds: (s) =>
            logValues(s).length === 0 &&
            s.topics[TOPIC]!.partitions.every((p) => {
              const log = p.logs[p.leader ?? 0]!;
              return log.logStartOffset === 3 && log.logEndOffset === 3;
            }),
        },
      ],
    },
  ],
  view: { kind: 'queue-vs-log', topic: TOPIC, groups: ['billing', 'analytics'] },
  realCommands: [
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --config retention.ms=604800000',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group analytics --from-beginning',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --all-groups',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group analytics --reset-offsets --to-earliest --topic orders --execute',
  ],
};

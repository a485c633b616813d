/**
 * Slides 29-30: producing with a key. The partition is toPositive(murmur2(key)) % numPartitions, computed by
 * the engine's bit-exact port of the Java client; the numbers on screen are the real ones.
 */
import { type Command, type EngineState, METADATA_MAX_AGE_MS, producerPartitionCount } from '../../engine';
import { keyedRecords, ROUND_TRIP_MS } from '../helpers';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'user-events';
const JAVA = 'java-app';
const PYTHON = 'python-app';

/** Each [producer, key, value] sent in order, then time for the round trips. */
const send = (records: [string, string, string][]): Command[] => [
  ...records.map(
    ([producer, key, value]): Command => ({ type: 'produce', producer, topic: TOPIC, key, value }),
  ),
  { type: 'advance', ms: ROUND_TRIP_MS },
];

/** "key · value from producer lands on P<n>" for every such record. */
const lands = (key: string, value: string, partition: number, producer = JAVA): Claim => ({
  text: `${key} · ${value} from ${producer} lands on P${partition}`,
  holds: (s: EngineState) =>
    keyedRecords(s, TOPIC).some(
      (r) => r.key === key && r.value === value && r.partition === partition && r.producer === producer,
    ),
});

/** The partition count a producer hashes over: its metadata's, which may be older than the topic's. */
const knows = (producer: string, partitions: number): Claim => ({
  text: `${producer} still hashes over ${partitions} partitions`,
  holds: (s) => {
    const p = s.producers[producer];
    return p !== undefined && producerPartitionCount(p, TOPIC) === partitions;
  },
});

const MINUTES = METADATA_MAX_AGE_MS / 60_000;

export const produceWithKey: Scene = {
  id: 'produce-with-key',
  title: 'Producing with a key',
  slides: [29, 30],
  seed: 29,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: JAVA, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Records with a key',
      narration: 'Now every record carries a key: the id of the user it is about.',
      notes: 'The key decides the partition. hash(key) % numPartitions, with the Java client’s murmur2 hash.',
      commands: [],
    },
    {
      title: 'alice',
      narration: 'murmur2("alice") is 1951417749; 1951417749 % 4 = 1, so alice goes to P1.',
      notes:
        'The numbers under the producer are the real ones: a Java producer would put alice on partition 1 of 4 too.',
      commands: send([[JAVA, 'alice', 'login']]),
      claims: [lands('alice', 'login', 1)],
    },
    {
      title: 'Where will bob go?',
      narration: 'Which partition will bob land on?',
      notes:
        'Let the room guess. The answer is P2: murmur2("bob") is negative, so toPositive clears the sign bit first.',
      predict: 'Which partition will bob land on?',
      commands: [],
    },
    {
      title: 'bob',
      narration:
        'bob lands on P2: murmur2("bob") is negative, toPositive clears its sign bit, and that % 4 = 2.',
      notes: 'toPositive is n & 0x7fffffff, not Math.abs: it cannot overflow on the most negative int.',
      commands: send([[JAVA, 'bob', 'login']]),
      claims: [lands('bob', 'login', 2)],
    },
    {
      title: 'Same key, same partition',
      narration:
        'More events for peggy, bob and alice: each key always lands on its own partition, so each user’s events stay in order.',
      notes: 'Order is per partition. Because a key always maps to one partition, order holds per key.',
      commands: send([
        [JAVA, 'peggy', 'login'],
        [JAVA, 'bob', 'click'],
        [JAVA, 'alice', 'logout'],
      ]),
      claims: [lands('peggy', 'login', 0), lands('bob', 'click', 2), lands('alice', 'logout', 1)],
    },
    {
      title: 'Another client, another hash',
      narration:
        'A Python producer (librdkafka) hashes keys with CRC-32 by default: the same key alice lands on P3 (dashed outline).',
      notes:
        'librdkafka-based clients (C, Python, Go, .NET) default to consistent_random: crc32(key) % n. Set partitioner=murmur2_random to match Java. Mixed clients on one topic break per-key order. Keyless records are not spread at random: since 1.6 they stay on one partition per sticky.partitioning.linger.ms (10 ms).',
      commands: [
        { type: 'addProducer', producer: PYTHON, client: 'librdkafka', lingerMs: 0 },
        ...send([[PYTHON, 'alice', 'login']]),
      ],
      claims: [lands('alice', 'login', 3, PYTHON), lands('alice', 'login', 1)],
    },
    {
      title: 'What if the topic grows?',
      narration: 'We add two partitions: 4 becomes 6. Where will alice’s next event go?',
      notes:
        'Ask first. Most will say "hash % 6". The trap: the running producers have not heard of P4 and P5 yet.',
      predict: 'After going from 4 to 6 partitions, where does alice land?',
      commands: [{ type: 'addPartitions', topic: TOPIC, partitions: 6 }],
    },
    {
      title: 'The producers still count 4',
      narration:
        'Still P1 (and P3 for Python): a running producer keeps the partition count of its last metadata fetch, so it keeps hashing over 4. P4 and P5 stay empty.',
      notes: `A producer refreshes its metadata every metadata.max.age.ms (${MINUTES} minutes by default; librdkafka's topic.metadata.refresh.interval.ms is also ${MINUTES} min), or sooner when it meets a partition it does not know. Until then it hashes over the old count; the console producer too.`,
      commands: send([
        [JAVA, 'alice', 'cart'],
        [JAVA, 'bob', 'cart'],
        [PYTHON, 'alice', 'cart'],
      ]),
      claims: [
        knows(JAVA, 4),
        knows(PYTHON, 4),
        lands('alice', 'cart', 1),
        lands('bob', 'cart', 2),
        lands('alice', 'cart', 3, PYTHON),
      ],
    },
    {
      title: 'The producers refresh their metadata',
      narration: `After metadata.max.age.ms (${MINUTES} minutes by default) a producer fetches metadata again. We force it now: both producers learn of 6 partitions.`,
      notes:
        'In the simulator the refresh is forced so the room does not wait five minutes. On a real cluster, produce again after five minutes, or restart the producer.',
      commands: [
        { type: 'refreshProducerMetadata', producer: JAVA },
        { type: 'refreshProducerMetadata', producer: PYTHON },
      ],
      claims: [knows(JAVA, 6), knows(PYTHON, 6)],
    },
    {
      title: 'Keys move, old records stay',
      narration:
        'Now % 6: alice lands on P3 (1951417749 % 6 = 3), bob on P0, peggy on the new P4, Python’s alice on P5. Their old events stay where they were.',
      notes:
        'A consumer may now read alice’s new events before her old ones: per-key order breaks across the change. Plan partition counts up front, or drain before growing.',
      commands: send([
        [JAVA, 'alice', 'buy'],
        [JAVA, 'bob', 'buy'],
        [JAVA, 'peggy', 'buy'],
        [PYTHON, 'alice', 'buy'],
      ]),
      claims: [
        lands('alice', 'buy', 3),
        lands('bob', 'buy', 0),
        lands('peggy', 'buy', 4),
        lands('alice', 'buy', 5, PYTHON),
        lands('alice', 'login', 1),
      ],
    },
  ],
  view: { kind: 'topic', topic: TOPIC, producers: [JAVA, PYTHON], lanes: 6, slots: 4, keyed: true },
  realCommands: [
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic user-events --partitions 4',
    'bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic user-events \\\n  --property parse.key=true --property key.separator=:\n> alice:login\n> bob:login',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic user-events --from-beginning \\\n  --property print.key=true --property print.partition=true',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic user-events --partitions 6',
    `# A console producer left running keeps hashing over 4 partitions until its metadata refreshes (metadata.max.age.ms, ${MINUTES} min by default): start a new one to use 6 at once`,
    "kcat -b localhost:9092 -t user-events -P -K: -X partitioner=consistent_random   # librdkafka's default",
    PROPERTY_FLAG_NOTE,
  ],
};

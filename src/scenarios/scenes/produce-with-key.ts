/**
 * Slides 29-30: producing with a key. The partition is toPositive(murmur2(key)) % numPartitions, computed by
 * the engine's bit-exact port of the Java client; the numbers on screen are the real ones.
 */
import type { Command, EngineState } from '../../engine';
import { keyedRecords, ROUND_TRIP_MS } from '../helpers';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'user-events';

const send = (producer: string, pairs: [string, string][]): Command[] => [
  ...pairs.map(([key, value]): Command => ({ type: 'produce', producer, topic: TOPIC, key, value })),
  { type: 'advance', ms: ROUND_TRIP_MS },
];

/** "key:value lands on P<n>" for every record with that key and value. */
const lands = (key: string, value: string, partition: number): Claim => ({
  text: `${key}:${value} lands on P${partition}`,
  holds: (s: EngineState) =>
    keyedRecords(s, TOPIC).some((r) => r.key === key && r.value === value && r.partition === partition),
});

export const produceWithKey: Scene = {
  id: 'produce-with-key',
  title: 'Producing with a key',
  slides: [29, 30],
  seed: 29,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'java-app', lingerMs: 0 },
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
      notes: 'The numbers are the real ones: a Java producer would put alice on partition 1 of 4 too.',
      commands: send('java-app', [['alice', 'login']]),
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
      narration: 'bob lands on P2: toPositive(murmur2("bob")) % 4 = 2.',
      notes: 'toPositive is n & 0x7fffffff, not Math.abs: it cannot overflow on the most negative int.',
      commands: send('java-app', [['bob', 'login']]),
      claims: [lands('bob', 'login', 2)],
    },
    {
      title: 'Same key, same partition',
      narration:
        'More events for alice, bob and carol: each key always lands on its own partition, so each user’s events stay in order.',
      notes: 'Order is per partition. Because a key always maps to one partition, order holds per key.',
      commands: send('java-app', [
        ['alice', 'click'],
        ['carol', 'login'],
        ['bob', 'click'],
        ['alice', 'logout'],
      ]),
      claims: [lands('alice', 'click', 1), lands('alice', 'logout', 1), lands('bob', 'click', 2)],
    },
    {
      title: 'Another client, another hash',
      narration:
        'A Python producer (librdkafka) hashes keys with CRC-32 by default: the same key alice lands on P3.',
      notes:
        'librdkafka-based clients (C, Python, Go, .NET) default to consistent_random: crc32(key) % n. Set partitioner=murmur2_random to match Java. Mixed clients on one topic break per-key order.',
      commands: [
        { type: 'addProducer', producer: 'python-app', client: 'librdkafka', lingerMs: 0 },
        ...send('python-app', [['alice', 'login']]),
      ],
      claims: [
        {
          text: 'alice from the librdkafka client lands on P3, not P1',
          holds: (s) => keyedRecords(s, TOPIC).some((r) => r.key === 'alice' && r.partition === 3),
        },
      ],
    },
    {
      title: 'What if the topic grows?',
      narration: 'We add two partitions: 4 becomes 6. Where will alice’s next event go?',
      notes: 'Ask first. The modulus changes, so most keys move; old records stay where they are.',
      predict: 'After going from 4 to 6 partitions, where does alice land?',
      commands: [{ type: 'addPartitions', topic: TOPIC, partitions: 6 }],
    },
    {
      title: 'Keys move, old records stay',
      narration:
        'alice now lands on P3 (1951417749 % 6 = 3) and bob on P0. Their old events stay on P1 and P2.',
      notes:
        'A consumer may now read alice’s new events before her old ones: per-key order breaks across the change. Plan partition counts up front, or drain before growing.',
      commands: [
        ...send('java-app', [
          ['alice', 'buy'],
          ['bob', 'buy'],
        ]),
      ],
      claims: [lands('alice', 'buy', 3), lands('bob', 'buy', 0), lands('alice', 'login', 1)],
    },
  ],
  view: { kind: 'topic', topic: TOPIC, producers: ['java-app', 'python-app'] },
  realCommands: [
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic user-events --partitions 4',
    'bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic user-events \\\n  --property parse.key=true --property key.separator=:\n> alice:login\n> bob:login',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic user-events --from-beginning \\\n  --property print.key=true --property print.partition=true',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic user-events --partitions 6',
    "kcat -b localhost:9092 -t user-events -P -K: -X partitioner=consistent_random   # librdkafka's default",
    PROPERTY_FLAG_NOTE,
  ],
};

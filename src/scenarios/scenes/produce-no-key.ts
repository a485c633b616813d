/**
 * Slides 27-28: producing without a key. Round robin as the slide shows it (the pre-2.4 DefaultPartitioner),
 * then the sticky partitioner that current Kafka actually uses.
 */
import { produceValues, whereIs } from '../helpers';
import { PROPERTY_FLAG_NOTE, SCRIPT_NAMES_NOTE } from '../real-commands';
import type { Scene } from '../types';

const TOPIC = 'orders';
const msgs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);
const landsAt = (value: string, partition: number, offset: number) => ({
  text: `${value} lands on P${partition} at offset ${offset}`,
  holds: (s: Parameters<typeof whereIs>[0]) => {
    const at = whereIs(s, TOPIC, value);
    return at?.partition === partition && at.offset === offset;
  },
});

export const produceNoKey: Scene = {
  id: 'produce-no-key',
  title: 'Producing without a key',
  slides: [27, 28],
  seed: 27,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    // The slide's producer: round robin starting at P0, one record per request so each one is seen landing.
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'A topic with four partitions',
      narration: 'A topic is split into partitions P0 to P3. Each partition is its own ordered log.',
      notes: 'Point at the four lanes: each is an append-only log with its own offsets, starting at 0.',
      commands: [],
    },
    {
      title: 'The first message',
      narration: 'A message without a key: the producer picks P0 and the broker appends it at offset 0.',
      notes: 'No key means the producer is free to choose. The slide shows round robin, so it starts at P0.',
      commands: produceValues('producer', TOPIC, ['m0']),
      claims: [landsAt('m0', 0, 0)],
    },
    {
      title: 'The next partition',
      narration: 'The next message goes to the next partition: P1, offset 0.',
      notes: 'Round robin: a counter that moves on by one for every keyless record.',
      commands: produceValues('producer', TOPIC, ['m1']),
      claims: [landsAt('m1', 1, 0)],
    },
    {
      title: 'And the next',
      narration: 'm2 goes to P2 and m3 to P3: every partition gets its turn.',
      notes: 'Each partition numbers its own records: every one of these is offset 0 in its partition.',
      commands: produceValues('producer', TOPIC, ['m2', 'm3']),
      claims: [landsAt('m2', 2, 0), landsAt('m3', 3, 0)],
    },
    {
      title: 'Where does m4 go?',
      narration: 'Where will m4 land, and at which offset?',
      notes: 'Ask the room before you step on. Answer: back to P0, at offset 1.',
      predict: 'Which partition and offset will m4 get?',
      commands: [],
    },
    {
      title: 'Round again',
      narration: 'Back to P0, at offset 1. Round robin spreads the load evenly over all partitions.',
      notes: 'Offsets grow by one per partition, never across partitions: there is no global order.',
      commands: produceValues('producer', TOPIC, ['m4']),
      claims: [landsAt('m4', 0, 1)],
    },
    {
      title: 'A burst',
      narration: 'Seven more messages: m5 to m11 keep cycling P1, P2, P3, P0 ...',
      notes: 'Message N lands on partition N mod 4, at offset N div 4.',
      commands: produceValues('producer', TOPIC, msgs(5, 12)),
      claims: [landsAt('m11', 3, 2), landsAt('m8', 0, 2)],
    },
    {
      title: 'What current Kafka does',
      narration:
        'Since Kafka 2.4 keyless records are sticky: the producer stays on one partition for about batch.size bytes, then switches. Fewer, fuller requests.',
      notes:
        'The slide is from before KIP-480 (2.4) and KIP-794 (3.3). Today the built-in partitioner stays on one partition for about batch.size bytes, then picks another. Here batch.size is tiny so you can see the switches. librdkafka clients (1.6+) are sticky too: one partition per sticky.partitioning.linger.ms window (10 ms by default), a random partition per record only when it is 0.',
      commands: [
        { type: 'addProducer', producer: 'sticky', keyless: 'sticky', lingerMs: 10, batchSizeBytes: 40 },
        ...produceValues('sticky', TOPIC, msgs(12, 24)),
      ],
      claims: [
        {
          text: 'the sticky producer sends runs of consecutive records to one partition',
          holds: (s) => {
            const parts = msgs(12, 24).map((v) => whereIs(s, TOPIC, v)?.partition);
            return (
              parts.every((p) => p !== undefined) &&
              parts.filter((p, i) => i > 0 && p !== parts[i - 1]).length < 6
            );
          },
        },
      ],
    },
  ],
  // Room for P0's eleven records and its next offset from the first step, so no box moves or shrinks.
  view: { kind: 'topic', topic: TOPIC, producers: ['producer', 'sticky'], lanes: 4, slots: 12 },
  realCommands: [
    SCRIPT_NAMES_NOTE,
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 4',
    '# RoundRobinPartitioner spreads records evenly on Kafka 4.0+ and 3.9.2+; from 2.4 to 3.9.1 it writes to only half of an even number of partitions (KAFKA-17632)',
    'bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders \\\n  --producer-property partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --from-beginning \\\n  --property print.partition=true --property print.offset=true',
    PROPERTY_FLAG_NOTE,
  ],
};

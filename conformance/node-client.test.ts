/**
 * A maintained Node client beside the Java tools and kcat: @platformatic/kafka (pure JavaScript, 1.x runs on
 * Node 20.19.4+; its 2.x and its newest 1.x dependencies need Node 22). Keyed records sent with its default
 * partitioner land where the engine's Java-compatible partitioner (murmur2, toPositive, % n) puts them, and
 * the broker gives them the offsets the engine would: in order, per partition.
 */
import { Producer, stringSerializers } from '@platformatic/kafka';
import { afterAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../src/engine';
import { bootstrap, readTopic, shOk } from './real';

const TOPIC = 'node-client-keys';
const PARTITIONS = 4;
const KEYS = ['alice', 'bob', 'peggy', 'carol', 'alice', 'bob', 'mallory', 'trent', 'alice'];

describe('a maintained Node client on real Kafka', () => {
  const producer = new Producer({
    clientId: 'kafka-stage-conformance',
    bootstrapBrokers: bootstrap().split(','),
    serializers: stringSerializers,
  });
  afterAll(() => producer.close());

  it('puts each key on the partition and offset the engine computes for the Java client', async () => {
    shOk(
      `bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --if-not-exists --topic ${TOPIC} --partitions ${PARTITIONS}`,
    );
    for (const [i, key] of KEYS.entries())
      await producer.send({ messages: [{ topic: TOPIC, key, value: `v${i}` }], acks: -1 });
    const real = readTopic(TOPIC);
    const next = new Map<number, number>();
    const expected = KEYS.map((key, i) => {
      const partition = partitionForKey(key, PARTITIONS);
      const offset = next.get(partition) ?? 0;
      next.set(partition, offset + 1);
      return { partition, offset, key, value: `v${i}` };
    }).sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    expect(real).toEqual(expected);
  }, 120_000);
});

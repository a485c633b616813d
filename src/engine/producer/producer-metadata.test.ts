import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { partitionForKey } from '../producer/partitioner';
import { oneBrokerTopic, runCommands } from '../testing/test-support';
import { METADATA_MAX_AGE_MS } from './producer-metadata';

const send = (key: string, value: string): Command => ({
  type: 'produce',
  producer: 'p',
  topic: 'orders',
  key,
  value,
});
const chosen = (events: ReturnType<typeof runCommands>['events'], value: string) => {
  const appended = events.find((e) => e.type === 'recordAppended' && e.value === value);
  return appended?.type === 'recordAppended' ? appended.partition : undefined;
};

/** A running producer that sent once over 4 partitions, then the topic grows to 6. */
const grown: Command[] = [
  ...oneBrokerTopic('orders', 4),
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
  send('alice', 'login'),
  { type: 'advance', ms: 50 },
  { type: 'addPartitions', topic: 'orders', partitions: 6 },
];

describe('a running producer and a topic that grew', () => {
  it('keeps hashing over the partition count of its last metadata until it refreshes', () => {
    // alice is P1 of 4 but P3 of 6: the running producer still puts her on P1.
    expect([partitionForKey('alice', 4), partitionForKey('alice', 6)]).toEqual([1, 3]);
    const { events, errors } = runCommands(1, [...grown, send('alice', 'buy'), { type: 'advance', ms: 50 }]);
    expect(errors).toEqual([]);
    expect(chosen(events, 'buy')).toBe(1);
    const how = events.filter((e) => e.type === 'partitionChosen').at(-1);
    expect(how?.type === 'partitionChosen' && how.how).toMatchObject({ numPartitions: 4 });
    expect(events.some((e) => e.type === 'producerMetadataRefreshed')).toBe(false);
  });

  it('hashes over the new count once metadata.max.age.ms has passed since its last fetch', () => {
    const { events } = runCommands(1, [
      ...grown,
      { type: 'advance', ms: METADATA_MAX_AGE_MS },
      send('alice', 'buy'),
      { type: 'advance', ms: 50 },
    ]);
    expect(chosen(events, 'buy')).toBe(3);
    expect(events.filter((e) => e.type === 'producerMetadataRefreshed')).toMatchObject([
      { producer: 'p', topic: 'orders', from: 4, to: 6, reason: 'max-age' },
    ]);
  });

  it('still uses the old count a moment before metadata.max.age.ms runs out', () => {
    const { events } = runCommands(1, [
      ...grown,
      { type: 'advance', ms: METADATA_MAX_AGE_MS - 100 },
      send('alice', 'buy'),
      { type: 'advance', ms: 50 },
    ]);
    expect(chosen(events, 'buy')).toBe(1);
  });

  it('hashes over the new count right after a forced refresh', () => {
    const { events, state } = runCommands(1, [
      ...grown,
      { type: 'refreshProducerMetadata', producer: 'p' },
      send('alice', 'buy'),
      { type: 'advance', ms: 50 },
    ]);
    expect(chosen(events, 'buy')).toBe(3);
    expect(state.producers.p!.metadata.orders?.numPartitions).toBe(6);
  });

  it('refreshes when a record names a partition its metadata does not list', () => {
    const { events, errors } = runCommands(1, [
      ...grown,
      { type: 'produce', producer: 'p', topic: 'orders', value: 'to-p5', partition: 5 },
      send('alice', 'buy'),
      { type: 'advance', ms: 50 },
    ]);
    expect(errors).toEqual([]);
    expect(chosen(events, 'to-p5')).toBe(5);
    expect(chosen(events, 'buy')).toBe(3);
    expect(events.find((e) => e.type === 'producerMetadataRefreshed')).toMatchObject({
      reason: 'unknown-partition',
    });
  });

  it('gives a producer that starts after the growth the new count at once', () => {
    const { events } = runCommands(1, [
      ...oneBrokerTopic('orders', 4),
      { type: 'addPartitions', topic: 'orders', partitions: 6 },
      { type: 'addProducer', producer: 'p', lingerMs: 0 },
      send('alice', 'buy'),
      { type: 'advance', ms: 50 },
    ]);
    expect(chosen(events, 'buy')).toBe(3);
  });
});

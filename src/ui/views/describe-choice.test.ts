import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine';
import { hashKey, partitionForKey } from '../../engine';
import { oneBrokerTopic, runCommands } from '../../engine/testing/test-support';
import { describeChoice } from './describe-choice';

function choiceFor(key: string, partitions: number) {
  const { events } = runCommands(1, [
    ...oneBrokerTopic('orders', partitions),
    { type: 'addProducer', producer: 'p' },
    { type: 'produce', producer: 'p', topic: 'orders', key, value: 'v' },
  ]);
  return events.find(
    (e): e is Extract<EngineEvent, { type: 'partitionChosen' }> => e.type === 'partitionChosen',
  )!;
}

describe('the partitioner decision line', () => {
  it('gives the real murmur2 of the key and the modulo over the partitions', () => {
    const text = describeChoice(choiceFor('alice', 4));
    expect(text).toBe(
      `murmur2("alice") = ${hashKey('alice')} → toPositive % 4 = ${partitionForKey('alice', 4)}`,
    );
  });

  it('says a one-partition topic takes every key to P0, instead of a hash that cannot matter', () => {
    const key = '{"CARD_NUMBER":"6011-1737-3533-0050"}';
    expect(describeChoice(choiceFor(key, 1))).toBe(
      'one partition, so P0 whatever the key (any hash % 1 = 0)',
    );
  });
});

describe('a librdkafka producer’s keyless decision', () => {
  const keyless = (stickyPartitioningLingerMs?: number) => {
    const { events } = runCommands(1, [
      ...oneBrokerTopic('orders', 4),
      {
        type: 'addProducer',
        producer: 'c',
        client: 'librdkafka',
        ...(stickyPartitioningLingerMs === undefined ? {} : { stickyPartitioningLingerMs }),
      },
      { type: 'produce', producer: 'c', topic: 'orders', key: null, value: 'a' },
      { type: 'produce', producer: 'c', topic: 'orders', key: null, value: 'b' },
    ]);
    return events.filter(
      (e): e is Extract<EngineEvent, { type: 'partitionChosen' }> => e.type === 'partitionChosen',
    );
  };

  it('says sticky for the 10 ms window, never random, by default (librdkafka 1.6+)', () => {
    const [first, second] = keyless();
    expect(describeChoice(first!)).toBe(`no key: sticky, pick P${first!.partition} for the next 10 ms`);
    expect(describeChoice(second!)).toMatch(new RegExp(`^no key: sticky, stay on P${first!.partition} `));
    expect(describeChoice(second!)).not.toMatch(/random/);
  });

  it('says random only when sticky.partitioning.linger.ms is 0', () => {
    const [first] = keyless(0);
    expect(describeChoice(first!)).toBe(
      `no key, sticky.partitioning.linger.ms=0: random partition P${first!.partition}`,
    );
  });
});

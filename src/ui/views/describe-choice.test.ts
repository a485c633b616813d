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

import { describe, expect, it } from 'vitest';
import { sceneIndexById } from '../../scenarios/registry';
import { stateAtStep } from '../store/frames';
import { brokerCaption, brokerRole } from './live-captions';

describe('the captions of the live controls', () => {
  it('say which partitions a broker leads in the replication scene, and that a dead one restarts', () => {
    const state = stateAtStep(sceneIndexById('replication'), 0);
    const leaders = Object.values(state.topics)
      .filter((t) => !t.name.startsWith('__'))
      .flatMap((t) => t.partitions.map((p) => p.leader));
    const leader = leaders.find((l) => l !== null)!;
    expect(brokerRole(state, leader)).toMatch(/^the leader of /);
    expect(brokerCaption(state, leader)).toMatch(new RegExp(`^Kill broker ${leader}: the leader of P\\d`));
    const dead = {
      ...state,
      brokers: { ...state.brokers, [leader]: { ...state.brokers[leader]!, alive: false } },
    };
    expect(brokerCaption(dead, leader)).toMatch(/^Restart broker/);
    expect(brokerCaption(state, 99)).toBe('Broker 99 does not exist');
  });
});

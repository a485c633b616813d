import { afterEach, describe, expect, it } from 'vitest';
import { brokerFencedSnapshot, healthySnapshot } from '../../reality/testing/snapshots';
import { initialRealityState, realityStore, receiveSnapshot } from './reality-store';

afterEach(() => realityStore.setState(initialRealityState));

describe('the newest real snapshot on the page', () => {
  it('drops a snapshot older than the one shown (a late one never rolls the picture back)', () => {
    receiveSnapshot(brokerFencedSnapshot(5));
    receiveSnapshot(healthySnapshot(4));
    expect(realityStore.getState().snapshot?.seq).toBe(5);
    expect(realityStore.getState().snapshot?.brokers.find((b) => b.id === 2)?.state).toBe('fenced');
  });

  it('takes the first snapshot after a reconnect whatever its seq: a restarted bridge counts from 1', () => {
    receiveSnapshot(healthySnapshot(900));
    receiveSnapshot(brokerFencedSnapshot(1), true);
    expect(realityStore.getState().snapshot?.seq).toBe(1);
  });

  it("keeps the metrics' values before the last change, for the panel's deltas", () => {
    receiveSnapshot(healthySnapshot(1));
    receiveSnapshot(healthySnapshot(2));
    receiveSnapshot(brokerFencedSnapshot(3));
    const m = realityStore.getState().metrics;
    expect(m.previous.UnderReplicatedPartitions).toBe(0);
    expect(m.rows.find((r) => r.id === 'UnderReplicatedPartitions')?.value).toBe(3);
    expect(m.samples).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { keptRecords } from '../broker/log';
import type { Command } from '../core/commands';
import { lostAcknowledged, produce, replicatedCluster } from '../testing/replication';
import { runCommands } from '../testing/test-support';
import { replicationHistory } from './acknowledged';
import { BROKER_SESSION_TIMEOUT_MS } from './config';

const advance = (ms: number): Command => ({ type: 'advance', ms });

/** The acks=1 loss: b acknowledged by the leader alone, the leader crashes, returns and truncates b. */
const acksOneLoss: Command[] = [
  ...replicatedCluster({ acks: 1 }),
  produce('a'),
  advance(1),
  produce('b'),
  advance(10),
  { type: 'killBroker', broker: 0 },
  advance(BROKER_SESSION_TIMEOUT_MS),
  produce('c'),
  advance(1000),
  { type: 'restartBroker', broker: 0 },
  advance(40_000),
];

describe('replicationHistory', () => {
  it('lists every acknowledged record in ✓ order and marks the one truncated from every replica as lost', () => {
    const { state, events } = runCommands(1, acksOneLoss);
    const acked = replicationHistory(events, 't').acknowledged.p!;
    expect(acked.map((r) => `${r.value}@${r.offset}${r.lost ? ' lost' : ''}`)).toEqual([
      'a@0',
      'b@1 lost',
      'c@1',
    ]);
    // The same record the test helper finds missing from the leader's log at its acknowledged offset.
    expect(acked.filter((r) => r.lost).map((r) => r.recordId)).toEqual(lostAcknowledged(state, events));
  });

  it('counts the copies of a record as the replicas whose logs hold it, a down broker’s disk included', () => {
    const upToCrash = acksOneLoss.slice(0, acksOneLoss.findIndex((c) => c.type === 'killBroker') + 2);
    const { state, events } = runCommands(1, upToCrash);
    const { copies } = replicationHistory(events, 't');
    const p = state.topics.t!.partitions[0]!;
    for (const b of p.replicas)
      for (const r of keptRecords(p.logs[b]!)) {
        const holders = p.replicas.filter((x) => keptRecords(p.logs[x]!).some((y) => y.id === r.id));
        expect(copies.get(r.id), r.value).toBe(holders.length);
      }
    const byValue = (v: string) => copies.get(keptRecords(p.logs[0]!).find((r) => r.value === v)!.id);
    expect([byValue('a'), byValue('b')]).toEqual([3, 1]);
  });

  it('keeps the last refusal a producer heard until its next ✓', () => {
    const { events } = runCommands(1, [
      ...replicatedCluster({ acks: 'all' }),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      advance(BROKER_SESSION_TIMEOUT_MS + 100),
      produce('x'),
      advance(100),
    ]);
    expect(replicationHistory(events, 't').refusals.p).toBe('NOT_ENOUGH_REPLICAS');
  });

  it('tells a crash (kill -9) from a controlled shutdown, and forgets both on restart', () => {
    const { events } = runCommands(1, [
      ...replicatedCluster({ acks: 'all' }),
      { type: 'killBroker', broker: 1 },
      { type: 'shutdownBroker', broker: 2 },
      advance(100),
    ]);
    expect(replicationHistory(events, 't').down).toEqual({ 1: 'crashed', 2: 'shut down' });
    const { events: after } = runCommands(1, [
      ...replicatedCluster({ acks: 'all' }),
      { type: 'killBroker', broker: 1 },
      advance(100),
      { type: 'restartBroker', broker: 1 },
      advance(100),
    ]);
    expect(replicationHistory(after, 't').down).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../index';
import { groupLag, initialState, step } from '../index';
import { groupCapacityPerSec, groupFlow } from './flow';

function run(state: EngineState, commands: readonly Command[]): EngineState {
  let s = state;
  for (const c of commands) {
    const r = step(s, c, {} as never);
    if (!r.ok) throw new Error(`${c.type}: ${r.error.code}`);
    s = r.state;
  }
  return s;
}

const produce = (n: number): Command[] =>
  Array.from(
    { length: n },
    (_, i): Command => ({ type: 'produce', producer: 'p', topic: 't', key: `k${i}`, value: 'v' }),
  );

const consumer = (id: string): Command => ({
  type: 'addConsumer',
  consumer: id,
  group: 'g',
  topics: ['t'],
  autoOffsetReset: 'earliest',
  maxPollRecords: 10,
  pollIntervalMs: 100,
});

const setup = run(initialState(7), [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 't', partitions: 2 },
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
]);

describe('groupFlow', () => {
  it('counts the records appended over the stretch as produced per second, and unread ones as lag before any commit', () => {
    const after = run(setup, [...produce(40), { type: 'advance', ms: 2_000 }]);
    const flow = groupFlow(setup, after, 'g', 't');
    expect(flow.seconds).toBe(2);
    expect(flow.producedPerSec).toBe(20);
    expect(flow.consumedPerSec).toBe(0);
    // No consumer yet: nothing is read, and a group that starts at "earliest" has all 40 still to read.
    expect(flow.consumers).toBe(0);
    expect(flow.lag).toBe(0);
  });

  it('counts committed offsets advanced as consumed, and lag as high watermark minus committed', () => {
    const produced = run(setup, [...produce(40), { type: 'advance', ms: 1_000 }]);
    const after = run(produced, [consumer('c1'), { type: 'advance', ms: 10_000 }]);
    const flow = groupFlow(produced, after, 'g', 't');
    const rows = groupLag(after, 'g');
    const committed = rows.reduce((s, l) => s + (l.committedOffset ?? 0), 0);
    expect(committed).toBeGreaterThan(0);
    expect(flow.consumedPerSec).toBeCloseTo(committed / 10);
    expect(flow.lag).toBe(rows.reduce((s, l) => s + l.highWatermark - (l.committedOffset ?? 0), 0));
    expect(flow.consumersWithPartitions).toBe(1);
    expect(flow.consumedPerOwnerPerSec).toBeCloseTo(flow.consumedPerSec);
  });

  it('gives no rate when no time passed', () => {
    const flow = groupFlow(setup, setup, 'g', 't');
    expect([flow.producedPerSec, flow.consumedPerSec]).toEqual([0, 0]);
  });
});

describe('groupCapacityPerSec', () => {
  it('grows with consumers until every partition has one, then stays flat', () => {
    const capacity = [1, 2, 4, 8, 48, 49, 60].map((n) => groupCapacityPerSec(n, 48, 200));
    expect(capacity).toEqual([200, 400, 800, 1600, 9600, 9600, 9600]);
  });
});

/**
 * Properties of replication under random failures (fast-check). The generator keeps at most RF - 1 = 2
 * brokers down (killed or cut off) at any time; the producer uses acks=all with min.insync.replicas=2.
 *
 * What is asserted, precisely:
 * - no acknowledged record is lost: after healing and restarting everything and waiting, every record a
 *   produceAcked event covered sits at its offset in the leader's log;
 * - the replicas converge: every replica's log equals the leader's, offset by offset, and all are in the ISR;
 * - the invariants (core and replication, gauges included) hold after every step;
 * - within one leader epoch the high watermark never goes down. Across epochs it may: a new leader starts
 *   from the HW it had learned as a follower and re-learns the rest from its followers' fetches (Kafka does
 *   the same), but it never drops below a record a consumer could read, because every such record is on the
 *   new leader (it was in the ISR);
 * - a consumer never reads at or above the high watermark (readableRecords).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import { checkInvariants } from '../core/invariants';
import type { EngineState } from '../core/types';
import { convergenceProblems, lostAcknowledged } from '../testing/replication';
import { runStepwise } from '../testing/test-support';
import { readableRecords } from './read';

type Action =
  | { kind: 'produce'; key: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'kill' | 'restart' | 'isolate' | 'isolateFromPeers' | 'heal'; broker: number };

const RF = 3;

function action(brokers: number): fc.Arbitrary<Action> {
  const broker = fc.integer({ min: 0, max: brokers - 1 });
  const on = (kind: 'kill' | 'restart' | 'isolate' | 'isolateFromPeers' | 'heal') =>
    broker.map((b): Action => ({ kind, broker: b }));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom('k1', 'k2', 'k3', 'k4').map((key): Action => ({ kind: 'produce', key })),
    },
    // Short steps land failures between an append, its acknowledgement and the followers' next fetch.
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }).map((ms): Action => ({ kind: 'advance', ms })) },
    {
      weight: 3,
      arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms): Action => ({ kind: 'advance', ms })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 5000, max: 12_000 }).map((ms): Action => ({ kind: 'advance', ms })),
    },
    { weight: 2, arbitrary: on('kill') },
    { weight: 2, arbitrary: on('restart') },
    { weight: 1, arbitrary: on('isolate') },
    { weight: 1, arbitrary: on('isolateFromPeers') },
    { weight: 2, arbitrary: on('heal') },
  );
}

/** Turns actions into commands that never have more than RF - 1 brokers down, then recovers everything. */
function toCommands(
  brokers: number,
  lingerMs: number,
  actions: readonly Action[],
  acks: 1 | 'all' = 'all',
): Command[] {
  const dead = new Set<number>();
  const cut = new Set<number>();
  const down = () => new Set([...dead, ...cut]).size;
  const out: Command[] = [
    { type: 'createCluster', brokers },
    {
      type: 'createTopic',
      topic: 't',
      partitions: 2,
      config: { replicationFactor: RF, minInsyncReplicas: 2 },
    },
    { type: 'addProducer', producer: 'p', acks, idempotent: acks === 'all', lingerMs },
  ];
  for (const a of actions) {
    if (a.kind === 'produce')
      out.push({ type: 'produce', producer: 'p', topic: 't', key: a.key, value: 'v' });
    else if (a.kind === 'advance') out.push({ type: 'advance', ms: a.ms });
    else if (a.kind === 'kill' && !dead.has(a.broker) && (cut.has(a.broker) || down() < RF - 1)) {
      dead.add(a.broker);
      out.push({ type: 'killBroker', broker: a.broker });
    } else if (a.kind === 'restart' && dead.has(a.broker)) {
      dead.delete(a.broker);
      out.push({ type: 'restartBroker', broker: a.broker });
    } else if (
      (a.kind === 'isolate' || a.kind === 'isolateFromPeers') &&
      !dead.has(a.broker) &&
      !cut.has(a.broker)
    ) {
      if (down() >= RF - 1) continue;
      cut.add(a.broker);
      out.push({ type: a.kind === 'isolate' ? 'isolateBroker' : 'isolateBrokerFromPeers', broker: a.broker });
    } else if (a.kind === 'heal' && cut.has(a.broker)) {
      cut.delete(a.broker);
      out.push({ type: 'healBroker', broker: a.broker });
    }
  }
  for (const b of cut) out.push({ type: 'healBroker', broker: b });
  for (const b of dead) out.push({ type: 'restartBroker', broker: b });
  // Long enough for request timeouts (30 s), retries and delivery.timeout.ms (120 s) to play out.
  for (let i = 0; i < 16; i++) out.push({ type: 'advance', ms: 10_000 });
  return out;
}

interface Checked {
  state: EngineState;
  events: EngineEvent[];
}

/** Runs the commands, checking after every step what must hold at every step. */
function runChecked(seed: number, commands: readonly Command[]): Checked {
  const lastHw = new Map<number, { epoch: number; hw: number }>();
  return runStepwise(seed, commands, (r, c) => {
    expect(r.ok, `${c.type}: ${r.ok ? '' : r.error.message}`).toBe(true);
    const state = r.state;
    expect(checkInvariants(state)).toEqual([]);
    for (const p of state.topics.t?.partitions ?? []) {
      const prev = lastHw.get(p.partition);
      if (p.leader !== null && prev?.epoch === p.leaderEpoch)
        expect(p.highWatermark).toBeGreaterThanOrEqual(prev.hw);
      if (p.leader !== null) lastHw.set(p.partition, { epoch: p.leaderEpoch, hw: p.highWatermark });
      const read = readableRecords(state, 't', p.partition, 0, 1_000_000);
      expect(read.records.every((r) => r.offset < p.highWatermark)).toBe(true);
    }
  });
}

const scenario = fc.record({
  seed: fc.integer(),
  brokers: fc.constantFrom(3, 4, 5),
  lingerMs: fc.constantFrom(0, 5),
  actions: fc.array(action(5), { maxLength: 45 }),
});

describe('acks=all, min.insync.replicas=2, RF 3, at most two brokers down at a time', () => {
  it('loses no acknowledged record, and every replica converges to the leader', () => {
    fc.assert(
      fc.property(scenario, ({ seed, brokers, lingerMs, actions }) => {
        const valid = actions.filter((a) => !('broker' in a) || a.broker < brokers);
        const { state, events } = runChecked(seed, toCommands(brokers, lingerMs, valid));
        expect(lostAcknowledged(state, events)).toEqual([]);
        expect(convergenceProblems(state)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('is a test that can fail: the same failures do lose acknowledged records with acks=1', () => {
    const losses = fc
      .sample(scenario, { numRuns: 300, seed: 42 })
      .filter(({ seed, brokers, lingerMs, actions }) => {
        const valid = actions.filter((a) => !('broker' in a) || a.broker < brokers);
        const { state, events } = runChecked(seed, toCommands(brokers, lingerMs, valid, 1));
        return lostAcknowledged(state, events).length > 0;
      });
    expect(losses.length).toBeGreaterThan(0);
  });
});

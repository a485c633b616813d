import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/types';
import { BROKER_SESSION_TIMEOUT_MS } from '../replication/config';
import { runCommands, runStepwise } from '../testing/test-support';
import { clusterGauges, countEvents, groupMetrics } from './operator-metrics';
import { metricReadings } from './readings';

const setup = (partitions: number, rf: number, minIsr = 2): Command[] => [
  { type: 'createCluster', brokers: 3, network: { latencyMinMs: 5, latencyMaxMs: 5 } },
  {
    type: 'createTopic',
    topic: 't',
    partitions,
    config: { replicationFactor: rf, minInsyncReplicas: minIsr },
  },
  { type: 'addProducer', producer: 'p', acks: 'all', idempotent: true, lingerMs: 0 },
  { type: 'advance', ms: 50 },
];

const replicasOn = (s: EngineState, broker: number) =>
  s.topics.t!.partitions.filter((p) => p.replicas.includes(broker)).length;
const ledBy = (s: EngineState, broker: number) =>
  s.topics.t!.partitions.filter((p) => p.leader === broker).length;

describe('the gauges an operator watches', () => {
  it('a healthy cluster: one controller, nothing under-replicated, offline or under min ISR', () => {
    const { state } = runCommands(1, setup(6, 3));
    const g = clusterGauges(state);
    expect(g.activeControllerCount).toBe(1);
    expect([g.underReplicatedPartitions, g.offlinePartitionsCount, g.underMinIsrPartitionCount]).toEqual([
      0, 0, 0,
    ]);
    // RF 3 on 3 brokers: every broker hosts every partition; the six leaders are spread over the three.
    expect(g.partitionCount).toEqual({ 0: 6, 1: 6, 2: 6 });
    expect(Object.values(g.leaderCount).reduce((a, b) => a! + b!, 0)).toBe(6);
  });

  it('one broker of three killed: UnderReplicatedPartitions equals the partitions that had a replica on it', () => {
    // RF 2 over 3 brokers: broker 1 holds only some of the 6 partitions.
    const before = runCommands(2, setup(6, 2, 1)).state;
    const hosted = replicasOn(before, 1);
    const led = ledBy(before, 1);
    expect(hosted).toBeGreaterThan(0);
    expect(hosted).toBeLessThan(6);
    const { state, events } = runCommands(2, [
      ...setup(6, 2, 1),
      { type: 'killBroker', broker: 1 },
      // A crash is noticed when the broker's session expires: then the controller fences it.
      { type: 'advance', ms: BROKER_SESSION_TIMEOUT_MS + 20 },
    ]);
    const g = clusterGauges(state);
    expect(g.underReplicatedPartitions).toBe(hosted);
    expect(g.offlinePartitionsCount).toBe(0);
    // Every partition it led got a new leader: one election each.
    expect(countEvents(events, before.now - 1, state.now).leaderElections).toBe(led);
    expect(g.leaderCount[1]).toBeNull();
    expect(g.partitionCount[1]).toBeNull();
  });

  it('below min.insync.replicas: UnderMinIsrPartitionCount rises and acks=all produce requests fail', () => {
    const commands: Command[] = [
      ...setup(1, 3),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      { type: 'advance', ms: 20 },
    ];
    const down = runCommands(3, commands).state;
    // Whichever broker leads, two of the three replicas are down: ISR 1 < min.insync.replicas 2.
    expect(clusterGauges(down).underMinIsrPartitionCount).toBe(
      down.topics.t!.partitions[0]!.leader === 0 ? 1 : 0,
    );
    const { state, events } = runCommands(3, [
      ...commands,
      { type: 'produce', producer: 'p', topic: 't', key: 'k', value: 'v' },
      { type: 'advance', ms: 20 },
    ]);
    if (state.topics.t!.partitions[0]!.leader === 0) {
      expect(clusterGauges(state).underMinIsrPartitionCount).toBe(1);
      const c = countEvents(events, state.now - 20, state.now);
      expect(c.failedProduceRequests).toBe(1);
      expect(c.messagesIn).toBe(0);
    }
  });

  it('no live in-sync replica: OfflinePartitionsCount rises; restarting the brokers brings every gauge back', () => {
    // Replicas on brokers 1 and 2 only, so the controller (broker 0) outlives them and takes the partitions offline.
    const onOneAndTwo: Command[] = [
      { type: 'createCluster', brokers: 3, network: { latencyMinMs: 5, latencyMaxMs: 5 } },
      {
        type: 'createTopic',
        topic: 't',
        partitions: 2,
        config: { replicationFactor: 2, minInsyncReplicas: 1 },
        replicaAssignment: [
          [1, 2],
          [2, 1],
        ],
      },
      { type: 'advance', ms: 50 },
    ];
    const kill: Command[] = [1, 2].map((broker) => ({ type: 'killBroker', broker }));
    const dead = runCommands(4, [
      ...onOneAndTwo,
      ...kill,
      { type: 'advance', ms: BROKER_SESSION_TIMEOUT_MS + 20 },
    ]).state;
    expect(clusterGauges(dead).offlinePartitionsCount).toBe(2);
    // An offline partition has no leader to report it under-replicated or under min ISR.
    expect(clusterGauges(dead).underReplicatedPartitions).toBe(0);
    expect(clusterGauges(dead).activeControllerCount).toBe(1);
    const restarts: Command[] = [1, 2].map((broker) => ({ type: 'restartBroker', broker }));
    const healed = runCommands(4, [
      ...onOneAndTwo,
      ...kill,
      { type: 'advance', ms: 20 },
      ...restarts,
      { type: 'advance', ms: 1000 },
    ]).state;
    const g = clusterGauges(healed);
    expect([g.offlinePartitionsCount, g.underReplicatedPartitions, g.underMinIsrPartitionCount]).toEqual([
      0, 0, 0,
    ]);
  });

  it('rates count a window of events per logical second: one record appended in 100 ms is 10/s', () => {
    const { state, events } = runCommands(5, [
      ...setup(1, 3),
      { type: 'produce', producer: 'p', topic: 't', key: 'k', value: 'v' },
      { type: 'advance', ms: 50 },
    ]);
    const rows = metricReadings(state, events, 100);
    const value = (name: string) => rows.find((r) => r.name === name)?.value;
    expect(value('MessagesInPerSec')).toBe(10);
    expect(value('TotalProduceRequestsPerSec')).toBe(10);
    const size = (
      events.find((e) => e.type === 'messageSent' && e.message.kind === 'produceRequest') as Extract<
        EngineEvent,
        { type: 'messageSent' }
      >
    ).message.payload.records![0]!.sizeBytes;
    expect(value('BytesInPerSec')).toBe(size * 10);
    expect(value('TotalFetchRequestsPerSec')).toBeGreaterThan(0);
    expect(value('LeaderElectionRateAndTimeMs')).toBe(0);
    // Every row has a JMX name and a tooltip.
    for (const r of rows) expect(r.tooltip.length).toBeGreaterThan(20);
  });

  it('a consumer group: records-lag-max, its state and its rebalances', () => {
    const { state } = runCommands(6, [
      ...setup(2, 3),
      { type: 'addConsumer', consumer: 'c1', group: 'g', topics: ['t'] } as Command,
      { type: 'advance', ms: 5000 },
    ]);
    const [g] = groupMetrics(state);
    expect(g?.group).toBe('g');
    expect(g?.state).toBe('Stable');
    expect(g?.rebalances).toBe(1);
    expect(g?.recordsLagMax).toBe(0);
  });
});

type Fault =
  | { kind: 'kill' | 'restart' | 'isolate' | 'heal'; broker: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'produce'; key: string };

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('kill' as const, 'restart' as const, 'isolate' as const, 'heal' as const),
    broker: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  fc.record({ kind: fc.constant('produce' as const), key: fc.constantFrom('a', 'b', 'c') }),
);

function commandsOf(faults: readonly Fault[]): Command[] {
  const out = setup(4, 3);
  const dead = new Set<number>();
  for (const f of faults) {
    if (f.kind === 'advance') out.push({ type: 'advance', ms: f.ms });
    else if (f.kind === 'produce')
      out.push({ type: 'produce', producer: 'p', topic: 't', key: f.key, value: 'v' });
    else if (f.kind === 'kill' && !dead.has(f.broker)) {
      dead.add(f.broker);
      out.push({ type: 'killBroker', broker: f.broker });
    } else if (f.kind === 'restart' && dead.has(f.broker)) {
      dead.delete(f.broker);
      out.push({ type: 'restartBroker', broker: f.broker });
    } else if (f.kind === 'isolate' && !dead.has(f.broker))
      out.push({ type: 'isolateBroker', broker: f.broker });
    else if (f.kind === 'heal' && !dead.has(f.broker)) out.push({ type: 'healBroker', broker: f.broker });
  }
  return out;
}

describe('incremental equals recomputed, on random fault histories', () => {
  it('the engine’s incremental gauges and counters equal the selectors recomputed from state and events', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fault, { maxLength: 30 }), (seed, faults) => {
        const events: EngineEvent[] = [];
        runStepwise(seed, commandsOf(faults), (r) => {
          if (!r.ok) return;
          events.push(...r.events);
          const s = r.state;
          const g = clusterGauges(s);
          expect(g.underReplicatedPartitions).toBe(s.metrics.underReplicatedPartitions);
          expect(g.offlinePartitionsCount).toBe(s.metrics.offlinePartitionsCount);
          const all = countEvents(events, Number.NEGATIVE_INFINITY, s.now);
          expect(all.isrShrinks).toBe(s.metrics.isrShrinks);
          expect(all.isrExpands).toBe(s.metrics.isrExpands);
          expect(all.leaderElections).toBe(s.metrics.leaderElections);
          expect(all.failedProduceRequests).toBe(s.metrics.failedProduceRequests);
          // Windows add up: counting (−∞, t/2] and (t/2, t] is counting (−∞, t].
          const half = Math.floor(s.now / 2);
          const a = countEvents(events, Number.NEGATIVE_INFINITY, half);
          const b = countEvents(events, half, s.now);
          expect(a.leaderElections + b.leaderElections).toBe(all.leaderElections);
          expect(a.messagesIn + b.messagesIn).toBe(all.messagesIn);
          expect(a.fetchRequests + b.fetchRequests).toBe(all.fetchRequests);
        });
      }),
      { numRuns: 60 },
    );
  });
});

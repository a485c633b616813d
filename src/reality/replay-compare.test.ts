import { describe, expect, it } from 'vitest';
import { type EngineState, keptRecords } from '../engine';
import { groupedConsumers } from '../scenarios/scenes/grouped-consumers';
import { produceNoKey } from '../scenarios/scenes/produce-no-key';
import { produceWithKey } from '../scenarios/scenes/produce-with-key';
import type { Scene } from '../scenarios/types';
import type { RealReplayStep, RealSnapshot } from './protocol';
import { compareReplayStep, engineProduced, engineStateAtStep } from './replay-compare';

const SUFFIX = '-r7';

/**
 * What a cluster that behaved exactly as the engine would report, in the wire's terms: suffixed names,
 * Kafka's member ids (<client id>-<uuid>) and broker ids of its own for placement.
 */
function agreeingReplay(scene: Scene, k: number, state: EngineState): RealReplayStep {
  const snapshot: RealSnapshot = {
    seq: 1,
    at: 0,
    bootstrap: '127.0.0.1:9092',
    origin: 'local',
    reachability: { state: 'connected', since: 0 },
    clusterId: 'c',
    controllerId: 100,
    brokers: [],
    topics: Object.values(state.topics).map((t) => ({
      name: t.name + SUFFIX,
      internal: false,
      configs: {},
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        // placement differs on a real cluster: another broker leads, the ISR has the same size
        leader: p.leader === null ? null : (p.leader + 1) % 3,
        leaderEpoch: 0,
        replicas: [],
        isr: p.isr.map((b) => (b + 1) % 3),
        logStartOffset: 0,
        highWatermark: p.highWatermark,
        logEndOffsets: null,
        newest: [],
      })),
    })),
    groups: Object.values(state.groups.groups).map((g) => ({
      groupId: g.groupId + SUFFIX,
      state: g.state,
      type: 'classic',
      assignor: g.assignor,
      coordinator: 0,
      members: g.memberIds.map((m) => {
        const name = Object.values(state.groups.consumers).find((c) => c.memberId === m)!.id;
        return {
          memberId: `${name}-0b7e2c1a`,
          clientId: name,
          host: '/127.0.0.1',
          groupInstanceId: null,
          assignment: (g.assignment[m] ?? []).map((tp) => ({
            topic: tp.topic + SUFFIX,
            partition: tp.partition,
          })),
        };
      }),
      offsets: Object.entries(g.offsets).map(([tp, c]) => {
        const [topic, partition] = tp.split('/');
        return {
          topic: topic + SUFFIX,
          partition: Number(partition),
          committedOffset: c.offset,
          highWatermark: 0,
          lag: 0,
        };
      }),
    })),
    consumers: [],
    unavailable: [],
  };
  const produced = engineProduced(scene, state, k).map((e) => ({
    topic: e.topic,
    key: e.key,
    partition: e.placed!.partition,
    offset: e.placed!.offset,
  }));
  return { runId: 'r7', step: k, snapshot, produced, skipped: [] };
}

describe('comparing a replayed step with the simulation', () => {
  it('finds no disagreement when the cluster put every record where the engine did', () => {
    const k = produceWithKey.steps.length - 1;
    const state = engineStateAtStep(produceWithKey, k);
    const result = compareReplayStep(produceWithKey, state, agreeingReplay(produceWithKey, k, state), SUFFIX);
    expect(result.disagreements).toEqual([]);
    // the last step sends four records and the topic has six partitions: all of it was compared
    expect(result.compared).toBeGreaterThanOrEqual(4 * 2 + 1 + 6);
  });

  it('names the record, the simulated partition and the real one when a key landed elsewhere', () => {
    const k = 1; // alice · login
    const state = engineStateAtStep(produceWithKey, k);
    const real = agreeingReplay(produceWithKey, k, state);
    const moved = { ...real, produced: [{ ...real.produced[0]!, partition: 3 }] };
    const result = compareReplayStep(produceWithKey, state, moved, SUFFIX);
    expect(result.disagreements).toEqual([
      {
        fact: 'key alice from java-app (user-events, #1 of the step): partition',
        simulated: 'P1',
        real: 'P3',
        where: { kind: 'record', index: 0 },
      },
    ]);
  });

  it("flags a partition whose high watermark differs from the engine's", () => {
    const k = 4;
    const state = engineStateAtStep(produceWithKey, k);
    const real = agreeingReplay(produceWithKey, k, state);
    const topic = real.snapshot.topics[0]!;
    const p2 = topic.partitions[2]!;
    const changed: RealReplayStep = {
      ...real,
      snapshot: {
        ...real.snapshot,
        topics: [
          { ...topic, partitions: topic.partitions.map((p) => (p === p2 ? { ...p, highWatermark: 7 } : p)) },
        ],
      },
    };
    const result = compareReplayStep(produceWithKey, state, changed, SUFFIX);
    expect(result.disagreements).toEqual([
      {
        fact: 'user-events P2: high watermark',
        simulated: String(p2.highWatermark),
        real: '7',
        where: { kind: 'partition', topic: 'user-events', partition: 2 },
      },
    ]);
  });

  it('ignores suffixed names, Kafka member ids and broker ids chosen by placement', () => {
    const k = 1; // three consumers share four partitions on a three-broker cluster
    const state = engineStateAtStep(groupedConsumers, k);
    const real = agreeingReplay(groupedConsumers, k, state);
    const result = compareReplayStep(groupedConsumers, state, real, SUFFIX);
    expect(result.disagreements).toEqual([]);
    expect(result.compared).toBeGreaterThan(10);
  });

  it("flags a member that owns other partitions than the engine's Range assignor gave it", () => {
    const state = engineStateAtStep(groupedConsumers, 1);
    const real = agreeingReplay(groupedConsumers, 1, state);
    const group = real.snapshot.groups[0]!;
    const swapped = group.members.map((m) =>
      m.clientId === 'consumer-b' ? { ...m, assignment: [{ topic: `orders${SUFFIX}`, partition: 3 }] } : m,
    );
    const result = compareReplayStep(
      groupedConsumers,
      state,
      { ...real, snapshot: { ...real.snapshot, groups: [{ ...group, members: swapped }] } },
      SUFFIX,
    );
    expect(result.disagreements).toEqual([
      {
        fact: 'group shipping: consumer-b owns',
        simulated: 'orders P2',
        real: 'orders P3',
        where: { kind: 'group', group: 'shipping', member: 'consumer-b' },
      },
    ]);
  });

  it('lists an auto-commit that real time brought sooner as a timing difference, a commit past the log as a disagreement', () => {
    const state = engineStateAtStep(groupedConsumers, 1); // nothing committed yet in the engine
    const real = agreeingReplay(groupedConsumers, 1, state);
    const group = real.snapshot.groups[0]!;
    const withCommits = (offset: number) => ({
      ...real,
      snapshot: {
        ...real.snapshot,
        groups: [
          {
            ...group,
            offsets: [
              { topic: `orders${SUFFIX}`, partition: 2, committedOffset: offset, highWatermark: 2, lag: 0 },
            ],
          },
        ],
      },
    });
    const early = compareReplayStep(groupedConsumers, state, withCommits(2), SUFFIX);
    expect(early.disagreements).toEqual([]);
    expect(early.deliberate.map((d) => [d.fact, d.simulated, d.real])).toEqual([
      ['group shipping: committed offset on orders P2', '—', '2'],
    ]);
    const impossible = compareReplayStep(groupedConsumers, state, withCommits(9), SUFFIX);
    expect(impossible.disagreements.map((d) => d.fact)).toEqual([
      'group shipping: committed offset on orders P2',
    ]);
  });

  it('reads where the engine put each record of a step in the scene’s order', () => {
    const k = 4;
    const state = engineStateAtStep(produceWithKey, k);
    const placed = engineProduced(produceWithKey, state, k).map((e) => [e.key, e.placed?.partition]);
    expect(placed).toEqual([
      ['peggy', 0],
      ['bob', 2],
      ['alice', 1],
    ]);
    // one record each, in partition order: the helper reads the leader's log, not a copy of the scene
    const p1 = state.topics['user-events']!.partitions[1]!;
    expect(keptRecords(p1.logs[p1.leader!]!).map((r) => r.value)).toEqual(['login', 'logout']);
  });

  it("keeps the sticky partitioner's timing-dependent placement apart from the disagreements", () => {
    const k = produceNoKey.steps.length - 1; // the sticky producer's burst
    const state = engineStateAtStep(produceNoKey, k);
    const real = agreeingReplay(produceNoKey, k, state);
    const first = real.produced[0]!;
    const moved = {
      ...real,
      produced: [{ ...first, partition: (first.partition + 1) % 4 }, ...real.produced.slice(1)],
    };
    const result = compareReplayStep(produceNoKey, state, moved, SUFFIX);
    expect(result.disagreements).toEqual([]);
    expect(result.deliberate.map((d) => d.fact)).toEqual([
      'keyless record from sticky (orders, #1 of the step): partition',
    ]);
    expect(result.deliberate[0]!.why).toMatch(/sticky/);
  });
});

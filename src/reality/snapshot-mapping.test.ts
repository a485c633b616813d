import { describe, expect, it } from 'vitest';
import type { RealSnapshot } from './protocol';
import { decodeConsumerAssignment, mapSnapshot, unreachableSnapshot } from './snapshot-mapping';
import { recordedContext as ctx, brokerKilled as killed, brokersUp as up } from './testing/recorded-polls';

// Polls recorded from the project's own cluster by bridge/record-fixture.ts (testing/recorded-polls.ts says
// what they hold).
const topic = (s: RealSnapshot, name: string) => {
  const t = s.topics.find((x) => x.name === name);
  if (!t) throw new Error(`no topic ${name}`);
  return t;
};
const group = (s: RealSnapshot, id: string) => {
  const g = s.groups.find((x) => x.groupId === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

describe('a poll of a healthy cluster', () => {
  const s = mapSnapshot(up.poll, ctx(up), []);

  it('lists the three brokers up, with the PIDs npm run kafka recorded, and the cluster id', () => {
    expect(s.brokers.map((b) => [b.id, b.state, b.port])).toEqual([
      [0, 'up', 19800],
      [1, 'up', 19802],
      [2, 'up', 19804],
    ]);
    expect(s.brokers.map((b) => b.pid)).toEqual(up.nodes.filter((n) => n.broker).map((n) => n.pid));
    expect(s.clusterId).toBe(up.poll.metadata.clusterId);
    expect(s.reachability).toEqual({ state: 'connected', since: 500 });
  });

  it('names the KRaft quorum leader as the controller, not the broker Metadata happens to answer', () => {
    expect(up.poll.metadata.controllerId).not.toBe(100);
    expect(s.controllerId).toBe(100);
  });

  it('gives each partition its leader, replicas, ISR, epoch and offsets as Kafka reported them', () => {
    const t = topic(s, 'fx-orders');
    expect(t.internal).toBe(false);
    expect(t.configs['min.insync.replicas']).toBe('1');
    expect(t.configs['cleanup.policy']).toBe('delete');
    expect(
      t.partitions.map((p) => [p.partition, p.leader, p.leaderEpoch, p.replicas, p.isr, p.highWatermark]),
    ).toEqual([
      [0, 0, 0, [0, 1, 2], [0, 1, 2], 3],
      [1, 1, 0, [1, 2, 0], [0, 1, 2], 1],
      [2, 2, 0, [2, 0, 1], [0, 1, 2], 4],
    ]);
    // 8 records in all, every replica's log end at the high watermark once replication caught up.
    expect(t.partitions.reduce((n, p) => n + p.highWatermark - p.logStartOffset, 0)).toBe(8);
    for (const p of t.partitions)
      expect(p.logEndOffsets).toEqual({ 0: p.highWatermark, 1: p.highWatermark, 2: p.highWatermark });
  });

  it('keeps the newest records of each partition below the high watermark, oldest first, with their keys', () => {
    const t = topic(s, 'fx-orders');
    expect(t.partitions.map((p) => p.newest.map((r) => `${r.offset}:${r.key}`))).toEqual([
      ['0:alice', '1:frank', '2:heidi'],
      ['0:dave'],
      ['0:bob', '1:carol', '2:erin', '3:grace'],
    ]);
    const few = mapSnapshot(up.poll, ctx(up, { records: 2 }), []);
    expect(topic(few, 'fx-orders').partitions[2]?.newest.map((r) => r.offset)).toEqual([2, 3]);
  });

  it('lists internal topics after the learner’s, flagged internal', () => {
    expect(s.topics.at(-1)?.name).toBe('__consumer_offsets');
    expect(s.topics.at(-1)?.internal).toBe(true);
  });

  it('shows a classic group with its range assignor, its member’s decoded assignment and no lag once caught up', () => {
    const g = group(s, 'fx-classic');
    expect([g.type, g.state, g.assignor]).toEqual(['classic', 'Stable', 'range']);
    expect(g.members).toHaveLength(1);
    expect(g.members[0]?.assignment).toEqual(
      [0, 1, 2].map((partition) => ({ topic: 'fx-orders', partition })),
    );
    expect(g.offsets.map((o) => [o.partition, o.committedOffset, o.lag])).toEqual([
      [0, 3, 0],
      [1, 1, 0],
      [2, 4, 0],
    ]);
    expect(g.coordinator).toBe(up.poll.groups?.coordinators['fx-classic']);
  });

  it('shows the lag of a group that read 3 of the 8 records and left: high watermark minus committed offset', () => {
    const g = group(s, 'fx-lagging');
    expect([g.type, g.state, g.members.length]).toEqual(['classic', 'Empty', 0]);
    expect(g.offsets.map((o) => [o.partition, o.committedOffset, o.highWatermark, o.lag])).toEqual([
      [0, 2, 3, 1],
      [1, 1, 1, 0],
      [2, 0, 4, 4],
    ]);
  });

  it('shows a consumer-protocol (KIP-848) group with the broker-side assignor and the member’s partitions', () => {
    const g = group(s, 'fx-kip848');
    expect([g.type, g.state, g.assignor]).toEqual(['consumer', 'Stable', 'uniform']);
    expect(g.members[0]?.assignment.map((a) => a.partition)).toEqual([0, 1, 2]);
    expect(g.members[0]?.clientId).toBe('fixtures-848');
  });
});

describe('a poll after kill -9 of broker 2, once Kafka fenced it', () => {
  const before = mapSnapshot(up.poll, ctx(up), []);
  const s = mapSnapshot(killed.poll, ctx(killed, { previousBrokers: before.brokers }), []);

  it('draws broker 2 fenced, with its address and PID, while its replicas stay listed', () => {
    expect(s.brokers.map((b) => [b.id, b.state])).toEqual([
      [0, 'up'],
      [1, 'up'],
      [2, 'fenced'],
    ]);
    expect(s.brokers[2]).toMatchObject({ host: '127.0.0.1', port: 19804 });
    expect(s.brokers[2]?.pid).toBe(killed.nodes.find((n) => n.id === 2)?.pid);
    for (const p of topic(s, 'fx-orders').partitions) expect(p.replicas).toContain(2);
  });

  it('shrinks every ISR to the live replicas and moves broker 2’s leadership, with a new leader epoch', () => {
    const parts = topic(s, 'fx-orders').partitions;
    for (const p of parts) expect(p.isr).toEqual([0, 1]);
    expect(parts[2]).toMatchObject({ leader: 0, leaderEpoch: 1 });
    expect(parts[0]).toMatchObject({ leader: 0, leaderEpoch: 0 });
    // The dead replica's log end is not reported: it cannot be asked.
    for (const p of parts) expect(Object.keys(p.logEndOffsets ?? {})).toEqual(['0', '1']);
  });

  it('keeps the recorded data: the high watermarks do not move when a follower dies', () => {
    expect(topic(s, 'fx-orders').partitions.map((p) => p.highWatermark)).toEqual([3, 1, 4]);
  });

  it('on a named cluster (no PIDs) still draws the fenced broker from the replicas and the previous picture', () => {
    const named = mapSnapshot(
      killed.poll,
      ctx(killed, { origin: 'named', localNodes: [], previousBrokers: before.brokers }),
      [],
    );
    expect(named.brokers.find((b) => b.id === 2)).toEqual({
      id: 2,
      host: '127.0.0.1',
      port: 19804,
      rack: null,
      state: 'fenced',
      pid: null,
    });
    const cold = mapSnapshot(killed.poll, ctx(killed, { origin: 'named', localNodes: [] }), []);
    expect(cold.brokers.find((b) => b.id === 2)?.state).toBe('fenced');
  });
});

describe('what the mapping says it could not read', () => {
  it('lists every failed request in unavailable instead of inventing a value', () => {
    const s = mapSnapshot(
      {
        ...up.poll,
        replicaLogEnds: null,
        groups: null,
        quorum: null,
        failures: ['offsets from broker 1: refused'],
      },
      ctx(up),
      [],
    );
    expect(s.controllerId).toBeNull();
    expect(s.groups).toEqual([]);
    for (const p of topic(s, 'fx-orders').partitions) expect(p.logEndOffsets).toBeNull();
    expect(s.unavailable).toEqual([
      'offsets from broker 1: refused',
      'log end offsets per replica: no broker answered ListOffsets',
      'consumer groups: ListGroups failed',
      'active controller: DescribeQuorum failed',
    ]);
  });
});

describe('a partition whose leader did not answer ListOffsets', () => {
  const poll = {
    ...up.poll,
    offsets: up.poll.offsets.filter((o) => !(o.topic === 'fx-orders' && o.partition === 2)),
  };

  it('keeps the offsets and records of the previous picture and says they are the last read', () => {
    const before = mapSnapshot(up.poll, ctx(up), []);
    const s = mapSnapshot(poll, ctx(up, { previousTopics: before.topics }), []);
    expect(topic(s, 'fx-orders').partitions[2]).toEqual(topic(before, 'fx-orders').partitions[2]);
    expect(s.unavailable).toContain('fx-orders-2: offsets as last read (its leader did not answer)');
  });

  it('without a previous picture says the offsets are unknown', () => {
    const s = mapSnapshot(poll, ctx(up), []);
    expect(s.unavailable).toContain('fx-orders-2: offsets unknown (its leader did not answer)');
  });
});

describe('a cluster that does not answer', () => {
  it('keeps the last picture under an unreachable state with the first failure’s time and the retry delay', () => {
    const last = mapSnapshot(up.poll, ctx(up), []);
    const reach = { state: 'unreachable' as const, since: 2_000, error: 'ECONNREFUSED', retryInMs: 1_000 };
    const s = unreachableSnapshot(
      last,
      { seq: 8, at: 3_000, bootstrap: up.bootstrap, origin: 'local' },
      reach,
      [],
    );
    expect(s.reachability).toEqual(reach);
    expect([s.seq, s.at]).toEqual([8, 3_000]);
    expect(s.brokers).toEqual(last.brokers);
    expect(s.topics).toEqual(last.topics);
  });
});

describe('decodeConsumerAssignment', () => {
  it('reads the consumer protocol’s assignment bytes: version, topics with partitions, user data', () => {
    // version 1, 2 topics: "b" [2], "a" [0, 1], then empty user data.
    const hex =
      '0001' +
      '00000002' +
      '0001' +
      '62' +
      '00000001' +
      '00000002' +
      '0001' +
      '61' +
      '00000002' +
      '00000000' +
      '00000001' +
      '00000000';
    expect(decodeConsumerAssignment(hex)).toEqual([
      { topic: 'a', partition: 0 },
      { topic: 'a', partition: 1 },
      { topic: 'b', partition: 2 },
    ]);
  });

  it('reads no assignment from a member that has none yet', () => {
    expect(decodeConsumerAssignment('')).toEqual([]);
  });
});

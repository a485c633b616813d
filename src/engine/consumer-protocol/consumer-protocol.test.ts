import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import type { EngineState } from '../core/types';
import { runCommands } from '../testing/test-support';
import { computeTargetAssignment } from './assignors';
import { CONSUMER_SESSION_TIMEOUT_MS } from './types';

const setup: Command[] = [
  { type: 'createCluster', brokers: 3 },
  { type: 'createTopic', topic: 'orders', partitions: 6 },
  { type: 'addProducer', producer: 'p', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
];
const join = (consumer: string): Command => ({
  type: 'addModernConsumer',
  consumer,
  group: 'g',
  topics: ['orders'],
  autoOffsetReset: 'earliest',
});
const owned = (s: EngineState, c: string) => s.modernGroups.consumers[c]!.owned.map((tp) => tp.partition);
const three: Command[] = [...setup, join('n1'), join('n2'), join('n3'), { type: 'advance', ms: 12_000 }];

describe('the uniform assignor on the broker', () => {
  it('splits six partitions two by two, in order, among three new members', () => {
    const t = computeTargetAssignment('uniform', {
      memberOrder: ['a', 'b', 'c'],
      subscriptions: { a: ['t'], b: ['t'], c: ['t'] },
      previous: {},
      partitionCounts: { t: 6 },
    });
    expect(Object.values(t).map((tps) => tps.map((tp) => tp.partition))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('keeps every survivor’s partitions and hands out only the departed member’s', () => {
    const previous = {
      a: [0, 1].map((partition) => ({ topic: 't', partition })),
      c: [4, 5].map((partition) => ({ topic: 't', partition })),
    };
    const t = computeTargetAssignment('uniform', {
      memberOrder: ['a', 'c'],
      subscriptions: { a: ['t'], c: ['t'] },
      previous,
      partitionCounts: { t: 6 },
    });
    expect(t.a!.map((tp) => tp.partition)).toEqual([0, 1, 2]);
    expect(t.c!.map((tp) => tp.partition)).toEqual([3, 4, 5]);
  });
});

describe('the consumer protocol (KIP-848)', () => {
  it('members joining one after another reach one stable group where every epoch is the group epoch', () => {
    const { state, errors } = runCommands(1, three);
    expect(errors).toEqual([]);
    const g = state.modernGroups.groups.g!;
    expect(g.groupEpoch).toBe(3);
    expect(g.assignmentEpoch).toBe(3);
    for (const m of Object.values(g.members)) {
      expect(m.memberEpoch).toBe(3);
      expect(m.state).toBe('STABLE');
    }
    expect([owned(state, 'n1'), owned(state, 'n2'), owned(state, 'n3')].flat().sort()).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect(checkInvariants(state)).toEqual([]);
  });

  it('a crashed member’s partitions move after the session timeout while the others never stop owning theirs', () => {
    const before = runCommands(1, three).state;
    const n1Before = owned(before, 'n1');
    const { state, events } = runCommands(1, [
      ...three,
      { type: 'killModernConsumer', consumer: 'n2' },
      { type: 'advance', ms: CONSUMER_SESSION_TIMEOUT_MS + 12_000 },
    ]);
    expect(events.some((e) => e.type === 'modernMemberRemoved' && e.consumer === 'n2')).toBe(true);
    // Nothing was taken from n1 or n3: no revocation at all, they only gained.
    expect(events.filter((e) => e.type === 'modernPartitionsRevoked' && e.atMs >= 12_000)).toEqual([]);
    expect(owned(state, 'n1')).toEqual(expect.arrayContaining(n1Before));
    expect([owned(state, 'n1'), owned(state, 'n3')].flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state.modernGroups.groups.g!.groupEpoch).toBe(4);
  });

  it('a new member gets a partition only after its old owner revoked it', () => {
    const { events, state } = runCommands(1, [...three, join('n4'), { type: 'advance', ms: 12_000 }]);
    const revoked = events.find((e) => e.type === 'modernPartitionsRevoked');
    const assigned = events.find((e) => e.type === 'modernPartitionsAssigned' && e.consumer === 'n4');
    expect(revoked && assigned && revoked.atMs < assigned.atMs).toBe(true);
    expect(
      events.some(
        (e) =>
          e.type === 'modernMemberReconciled' && e.consumer === 'n4' && e.state === 'UNRELEASED_PARTITIONS',
      ),
    ).toBe(true);
    expect(owned(state, 'n4').length).toBe(1);
  });

  it('a closed member leaves at once with a heartbeat of epoch -1, and its committed position is where the next owner goes on', () => {
    const { state, events } = runCommands(1, [
      ...three,
      ...Array.from(
        { length: 12 },
        (_, i): Command => ({ type: 'produce', producer: 'p', topic: 'orders', value: `m${i}` }),
      ),
      { type: 'advance', ms: 2000 },
      { type: 'closeModernConsumer', consumer: 'n2' },
      { type: 'advance', ms: 12_000 },
    ]);
    expect(events.some((e) => e.type === 'modernMemberRemoved' && e.reason === 'left the group')).toBe(true);
    const reads = events.filter((e) => e.type === 'modernRecordsRead');
    // No offset was read twice: the committed offset carried the position over.
    const seen = new Set<string>();
    for (const r of reads)
      for (let o = r.fromOffset; o < r.toOffset; o++) {
        const k = `${r.partition}/${o}`;
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    expect(seen.size).toBe(12);
    expect(state.modernGroups.groups.g!.members).not.toHaveProperty(
      state.modernGroups.consumers.n2!.memberId,
    );
  });
});

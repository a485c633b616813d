import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type AssignorInput,
  cooperativeStickyAssign,
  rangeAssign,
  revokedPartitions,
  roundRobinAssign,
  stickyAssign,
  type TopicPartition,
} from './assignors';

/** Compact notation for expectations: "t0p1". */
const short = (a: Assignment): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(a).map(([m, list]) => [m, list.map((tp) => `${tp.topic}p${tp.partition}`)]),
  );
const members = (ids: string[], topics: string[]): AssignorInput['members'] =>
  ids.map((memberId) => ({ memberId, topics }));
const tps = (topic: string, partitions: number[]): TopicPartition[] =>
  partitions.map((partition) => ({ topic, partition }));

describe('RangeAssignor (per topic, contiguous ranges, first n % c members get one more)', () => {
  it('gives C0 t0p0, t0p1, t1p0, t1p1 and C1 t0p2, t1p2 (Kafka javadoc)', () => {
    const a = rangeAssign({ members: members(['C0', 'C1'], ['t0', 't1']), partitions: { t0: 3, t1: 3 } });
    expect(short(a)).toEqual({ C0: ['t0p0', 't0p1', 't1p0', 't1p1'], C1: ['t0p2', 't1p2'] });
  });

  it('talk example: consumer-a, -b, -c over P0-P3 give a {P0, P1}, b {P2}, c {P3}', () => {
    const a = rangeAssign({
      members: members(['consumer-c', 'consumer-a', 'consumer-b'], ['t']),
      partitions: { t: 4 },
    });
    expect(short(a)).toEqual({ 'consumer-c': ['tp3'], 'consumer-a': ['tp0', 'tp1'], 'consumer-b': ['tp2'] });
  });

  it('piles single-partition topics on the first member: C0 gets all three, C1 and C2 are idle', () => {
    const input = {
      members: members(['C0', 'C1', 'C2'], ['t0', 't1', 't2']),
      partitions: { t0: 1, t1: 1, t2: 1 },
    };
    expect(short(rangeAssign(input))).toEqual({ C0: ['t0p0', 't1p0', 't2p0'], C1: [], C2: [] });
    expect(short(roundRobinAssign(input))).toEqual({ C0: ['t0p0'], C1: ['t1p0'], C2: ['t2p0'] });
  });

  it('sorts member ids in Java String order: consumer-10 before consumer-2, Z before a', () => {
    const a = rangeAssign({ members: members(['consumer-2', 'consumer-10'], ['t']), partitions: { t: 3 } });
    expect(short(a)).toEqual({ 'consumer-2': ['tp2'], 'consumer-10': ['tp0', 'tp1'] });
    const b = rangeAssign({ members: members(['a', 'Z'], ['t']), partitions: { t: 2 } });
    expect(short(b)).toEqual({ a: ['tp1'], Z: ['tp0'] });
  });

  it('sorts members with a group.instance.id first, by it', () => {
    const a = rangeAssign({
      members: [
        { memberId: 'a-dynamic', topics: ['t'] },
        { memberId: 'z-static', topics: ['t'], groupInstanceId: 'instance-2' },
        { memberId: 'y-static', topics: ['t'], groupInstanceId: 'instance-1' },
      ],
      partitions: { t: 3 },
    });
    expect(short(a)).toEqual({ 'a-dynamic': ['tp2'], 'z-static': ['tp1'], 'y-static': ['tp0'] });
  });

  it('skips topics missing from the metadata and leaves idle members with an empty list', () => {
    const a = rangeAssign({
      members: [
        { memberId: 'm1', topics: ['t', 'missing'] },
        { memberId: 'm2', topics: ['missing'] },
      ],
      partitions: { t: 2, unsubscribed: 5 },
    });
    expect(short(a)).toEqual({ m1: ['tp0', 'tp1'], m2: [] });
  });

  it('co-partitions: with equal counts a member gets the same partition numbers on every topic', () => {
    const a = rangeAssign({
      members: members(['A', 'B', 'C'], ['orders', 'payments']),
      partitions: { orders: 5, payments: 5 },
    });
    for (const list of Object.values(a)) {
      const orders = list.filter((tp) => tp.topic === 'orders').map((tp) => tp.partition);
      const payments = list.filter((tp) => tp.topic === 'payments').map((tp) => tp.partition);
      expect(orders).toEqual(payments);
    }
  });
});

describe('RoundRobinAssignor (one circle over all members, topic-partitions sorted)', () => {
  it('gives C0 t0p0, t0p2, t1p1 and C1 t0p1, t1p0, t1p2 (Kafka javadoc)', () => {
    const a = roundRobinAssign({
      members: members(['C0', 'C1'], ['t0', 't1']),
      partitions: { t0: 3, t1: 3 },
    });
    expect(short(a)).toEqual({ C0: ['t0p0', 't0p2', 't1p1'], C1: ['t0p1', 't1p0', 't1p2'] });
  });

  it('does not restart the circle per topic: A t0p0, B t1p0, C t1p1', () => {
    const a = roundRobinAssign({
      members: members(['A', 'B', 'C'], ['t0', 't1']),
      partitions: { t0: 1, t1: 2 },
    });
    expect(short(a)).toEqual({ A: ['t0p0'], B: ['t1p0'], C: ['t1p1'] });
  });

  it('skips members not subscribed to a topic (javadoc heterogeneous example)', () => {
    const a = roundRobinAssign({
      members: [
        { memberId: 'C0', topics: ['t0'] },
        { memberId: 'C1', topics: ['t0', 't1'] },
        { memberId: 'C2', topics: ['t0', 't1', 't2'] },
      ],
      partitions: { t0: 1, t1: 2, t2: 3 },
    });
    expect(short(a)).toEqual({ C0: ['t0p0'], C1: ['t1p0'], C2: ['t1p1', 't2p0', 't2p1', 't2p2'] });
  });

  it('sorts consumer-10 before consumer-2', () => {
    const a = roundRobinAssign({
      members: members(['consumer-2', 'consumer-10'], ['t']),
      partitions: { t: 3 },
    });
    expect(short(a)).toEqual({ 'consumer-2': ['tp1'], 'consumer-10': ['tp0', 'tp2'] });
  });
});

describe('StickyAssignor', () => {
  const six = { t: 6 };

  it('gives a fresh group the round-robin result: C0 {0,3}, C1 {1,4}, C2 {2,5}', () => {
    const input = { members: members(['C0', 'C1', 'C2'], ['t']), partitions: six };
    expect(stickyAssign(input, {})).toEqual(roundRobinAssign(input));
    expect(short(stickyAssign(input, {}))).toEqual({
      C0: ['tp0', 'tp3'],
      C1: ['tp1', 'tp4'],
      C2: ['tp2', 'tp5'],
    });
  });

  it('worked example 1: C1 dies, only its partitions move (round robin would move four)', () => {
    const previous = { C0: tps('t', [0, 3]), C1: tps('t', [1, 4]), C2: tps('t', [2, 5]) };
    const input = { members: members(['C0', 'C2'], ['t']), partitions: six };
    const sticky = stickyAssign(input, previous);
    expect(short(sticky)).toEqual({ C0: ['tp0', 'tp1', 'tp3'], C2: ['tp2', 'tp4', 'tp5'] });
    const rr = roundRobinAssign(input);
    expect(short(rr)).toEqual({ C0: ['tp0', 'tp2', 'tp4'], C2: ['tp1', 'tp3', 'tp5'] });
    const moved = (a: Assignment) =>
      Object.entries(a).reduce(
        (n, [m, list]) =>
          n + list.filter((tp) => !previous[m as 'C0'].some((p) => p.partition === tp.partition)).length,
        0,
      );
    expect(moved(sticky)).toBe(2);
    expect(moved(rr)).toBe(4);
  });

  it('keeps valid owned partitions and balances unequal subscriptions (general path)', () => {
    const input: AssignorInput = {
      members: [
        { memberId: 'A', topics: ['t0'] },
        { memberId: 'B', topics: ['t0', 't1'] },
      ],
      partitions: { t0: 2, t1: 2 },
    };
    const fresh = stickyAssign(input, {});
    expect(short(fresh)).toEqual({ A: ['t0p0', 't0p1'], B: ['t1p0', 't1p1'] });
    // B held everything; A joins. Only t0 can move (A's only topic), and moving both of its partitions evens
    // the counts at 2 and 2, as Java's GeneralAssignmentBuilder.performReassignments does.
    const next = stickyAssign(input, { B: [...tps('t0', [0, 1]), ...tps('t1', [0, 1])] });
    expect(short(next)).toEqual({ A: ['t0p0', 't0p1'], B: ['t1p0', 't1p1'] });
  });

  it('drops a partition claimed by two members (same generation) from both before assigning', () => {
    const input = { members: members(['A', 'B'], ['t']), partitions: { t: 2 } };
    const a = stickyAssign(input, { A: tps('t', [0]), B: tps('t', [0, 1]) });
    expect(short(a)).toEqual({ A: ['tp0'], B: ['tp1'] });
  });
});

describe('CooperativeStickyAssignor (KIP-429: revoke first, assign in a second round)', () => {
  it('worked example 2: C3 joins; round 1 revokes P2 and P5, round 2 gives C3 {2,5}', () => {
    const previous = { C0: tps('t', [0, 1, 2]), C1: tps('t', [3, 4, 5]) };
    const input = { members: members(['C0', 'C1', 'C3'], ['t']), partitions: { t: 6 } };
    const round1 = cooperativeStickyAssign(input, previous);
    expect(short(round1)).toEqual({ C0: ['tp0', 'tp1'], C1: ['tp3', 'tp4'], C3: [] });
    expect(short(revokedPartitions(previous, round1))).toEqual({ C0: ['tp2'], C1: ['tp5'], C3: [] });
    const round2 = cooperativeStickyAssign(input, round1);
    expect(short(round2)).toEqual({ C0: ['tp0', 'tp1'], C1: ['tp3', 'tp4'], C3: ['tp2', 'tp5'] });
    expect(short(revokedPartitions(round1, round2))).toEqual({ C0: [], C1: [], C3: [] });
  });

  it("hands a departed member's partitions over in the first round (nobody has to revoke them)", () => {
    const previous = { C0: tps('t', [0, 3]), C1: tps('t', [1, 4]), C2: tps('t', [2, 5]) };
    const input = { members: members(['C0', 'C2'], ['t']), partitions: { t: 6 } };
    expect(cooperativeStickyAssign(input, previous)).toEqual(stickyAssign(input, previous));
  });
});

// Random groups: up to 6 members over up to 4 topics, some members subscribing to a topic that does not exist.
const topicNames = ['orders', 'payments', 'Zeta', 'a-topic', 'missing'];
const groupArb = (equalSubscriptions: boolean) =>
  fc
    .record({
      ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      counts: fc.tuple(fc.nat(8), fc.nat(8), fc.nat(8), fc.nat(8)),
      topicSets: fc.array(fc.subarray(topicNames, { minLength: 1 }), { minLength: 6, maxLength: 6 }),
    })
    .map(({ ids, counts, topicSets }): AssignorInput => {
      const partitions: Record<string, number> = {};
      counts.forEach((n, i) => {
        partitions[topicNames[i]!] = n;
      });
      return {
        members: ids.map((memberId, i) => ({
          memberId,
          topics: equalSubscriptions ? topicSets[0]! : topicSets[i]!,
        })),
        partitions,
      };
    });

/** A previous assignment to start from: arbitrary claims, including departed members and double claims. */
const previousArb = (input: AssignorInput) =>
  fc
    .array(
      fc.record({
        member: fc.constantFrom(...input.members.map((m) => m.memberId), 'departed'),
        topic: fc.constantFrom(...topicNames),
        partition: fc.nat(9),
      }),
      { maxLength: 30 },
    )
    .map((claims) => {
      const previous: Assignment = {};
      for (const c of claims) {
        const list = previous[c.member] ?? [];
        list.push({ topic: c.topic, partition: c.partition });
        previous[c.member] = list;
      }
      return previous;
    });

function expectValid(input: AssignorInput, a: Assignment): void {
  expect(Object.keys(a).sort()).toEqual(input.members.map((m) => m.memberId).sort());
  const owners = new Map<string, number>();
  for (const m of input.members) {
    for (const tp of a[m.memberId]!) {
      expect(m.topics).toContain(tp.topic);
      const k = `${tp.topic}/${tp.partition}`;
      owners.set(k, (owners.get(k) ?? 0) + 1);
    }
  }
  for (const [topic, n] of Object.entries(input.partitions)) {
    if (!input.members.some((m) => m.topics.includes(topic))) continue;
    for (let p = 0; p < n; p++) expect(owners.get(`${topic}/${p}`), `${topic}/${p}`).toBe(1);
  }
  expect([...owners.values()].every((c) => c === 1)).toBe(true);
  expect(owners.size).toBe(
    Object.entries(input.partitions)
      .filter(([t]) => input.members.some((m) => m.topics.includes(t)))
      .reduce((s, [, n]) => s + n, 0),
  );
}

const counts = (a: Assignment): number[] => Object.values(a).map((l) => l.length);
const spread = (a: Assignment): number => Math.max(...counts(a)) - Math.min(...counts(a));

describe('assignor properties', () => {
  it('every subscribed partition goes to exactly one subscribed member, for every assignor', () => {
    fc.assert(
      fc.property(
        fc
          .boolean()
          .chain((eq) => groupArb(eq).chain((input) => fc.tuple(fc.constant(input), previousArb(input)))),
        ([input, previous]) => {
          expectValid(input, rangeAssign(input));
          expectValid(input, roundRobinAssign(input));
          expectValid(input, stickyAssign(input, previous));
          // Cooperative rounds repeat until nothing moves: with equal subscriptions two rounds suffice, while the
          // general path may revoke again in round two (the owner rejoins once more, as in Java).
          let before = previous;
          let round = cooperativeStickyAssign(input, before);
          let rounds = 1;
          while (JSON.stringify(round) !== JSON.stringify(before) && rounds < 6) {
            before = round;
            round = cooperativeStickyAssign(input, before);
            rounds++;
          }
          expect(rounds).toBeLessThan(6);
          expectValid(input, round);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('round robin and sticky are balanced (counts differ by at most 1) with equal subscriptions', () => {
    fc.assert(
      fc.property(
        groupArb(true).chain((input) => fc.tuple(fc.constant(input), previousArb(input))),
        ([input, previous]) => {
          expect(spread(roundRobinAssign(input))).toBeLessThanOrEqual(1);
          expect(spread(stickyAssign(input, previous))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('sticky keeps every surviving member’s partitions when a member leaves (equal subscriptions)', () => {
    fc.assert(
      fc.property(
        groupArb(true).filter((g) => g.members.length >= 2),
        fc.nat(),
        (input, leaverIndex) => {
          const before = stickyAssign(input, {});
          const leaver = input.members[leaverIndex % input.members.length]!.memberId;
          const after = stickyAssign(
            { ...input, members: input.members.filter((m) => m.memberId !== leaver) },
            before,
          );
          for (const [memberId, list] of Object.entries(after))
            expect(list).toEqual(expect.arrayContaining(before[memberId]!));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cooperative round 1 only takes away from surviving owners; round 2 only adds and balances like sticky', () => {
    fc.assert(
      fc.property(
        groupArb(true).chain((input) => fc.tuple(fc.constant(input), previousArb(input))),
        ([input, previous]) => {
          const round1 = cooperativeStickyAssign(input, previous);
          const claimedBy = new Map<string, Set<string>>();
          for (const m of input.members) {
            for (const tp of previous[m.memberId] ?? []) {
              const k = `${tp.topic}/${tp.partition}`;
              claimedBy.set(k, new Set([...(claimedBy.get(k) ?? []), m.memberId]));
            }
          }
          for (const [memberId, list] of Object.entries(round1)) {
            for (const tp of list) {
              const owners = claimedBy.get(`${tp.topic}/${tp.partition}`);
              // Either its sole previous owner keeps it, or no current member owned it before.
              expect(owners === undefined || (owners.size === 1 && owners.has(memberId))).toBe(true);
            }
          }
          const round2 = cooperativeStickyAssign(input, round1);
          for (const [memberId, list] of Object.entries(revokedPartitions(round1, round2))) {
            expect(list, memberId).toEqual([]);
          }
          expect(spread(round2)).toBeLessThanOrEqual(1);
          expect(counts(round2).sort()).toEqual(counts(stickyAssign(input, previous)).sort());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('sticky with unequal subscriptions keeps owned partitions that stay valid when nobody is overloaded', () => {
    fc.assert(
      fc.property(groupArb(false), (input) => {
        const first = stickyAssign(input, {});
        // Same group again: a valid, already balanced assignment does not move.
        expect(stickyAssign(input, first)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and ignores the order members are listed in', () => {
    fc.assert(
      fc.property(
        fc
          .boolean()
          .chain((eq) => groupArb(eq).chain((input) => fc.tuple(fc.constant(input), previousArb(input)))),
        ([input, previous]) => {
          const reversed = { ...input, members: [...input.members].reverse() };
          for (const assign of [rangeAssign, roundRobinAssign])
            expect(assign(reversed)).toEqual(assign(input));
          expect(stickyAssign(reversed, previous)).toEqual(stickyAssign(input, previous));
        },
      ),
      { numRuns: 300 },
    );
  });
});

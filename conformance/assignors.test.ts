/**
 * The differential check of the assignors: real console consumers form a group, and the engine's assignor,
 * given the same member ids and partition counts, must hand out exactly the same partitions.
 */
import { AssignerProtocol } from 'kafkajs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type Assignment,
  cooperativeStickyAssign,
  rangeAssign,
  roundRobinAssign,
  stickyAssign,
} from '../src/engine/assignors';
import { admin } from './admin';
import { startConsumers } from './groups';
import { bootstrap, shOk, sleep, startBackground, stopAllBackground } from './real';

const TOPICS = { 'assign-a': 5, 'assign-b': 3 } as const;
const STRATEGIES = {
  range: { javaClass: 'org.apache.kafka.clients.consumer.RangeAssignor', engine: rangeAssign },
  roundrobin: { javaClass: 'org.apache.kafka.clients.consumer.RoundRobinAssignor', engine: roundRobinAssign },
} as const;
const MEMBERS = 3;

/** The group's members and what each owns, from the coordinator once the group is stable. */
async function stableAssignment(group: string, members = MEMBERS, timeoutMs = 120_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    // NOT_COORDINATOR while a fresh cluster still loads the group's coordinator: ask again.
    const described = await (await admin()).describeGroups([group]).catch(() => null);
    const g = described?.groups[0];
    if (g?.state !== 'Stable' || g.members.length !== members) continue;
    const out: Record<string, string[]> = {};
    for (const m of g.members) {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      out[m.memberId] = Object.entries(decoded?.assignment ?? {})
        .flatMap(([t, ps]) => ps.map((p) => `${t}/${p}`))
        .sort();
    }
    if (Object.values(out).flat().length === 8) return { protocol: g.protocol, assignment: out };
  }
  throw new Error(`${group} did not settle with ${members} members, every partition assigned`);
}

describe('assignors: the engine, given the real member ids, assigns what the Java consumer did', () => {
  afterEach(stopAllBackground);
  afterAll(stopAllBackground);

  it.each(Object.entries(STRATEGIES))(
    '%s over two topics (5 and 3 partitions), three members',
    async (name, s) => {
      for (const [topic, n] of Object.entries(TOPICS))
        shOk(
          `bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --if-not-exists --topic ${topic} --partitions ${n}`,
        );
      const group = `assign-${name}`;
      startConsumers(
        `bin/kafka-console-consumer.sh --bootstrap-server ${bootstrap()} --include 'assign-.*' --group ${group} ` +
          `--command-property partition.assignment.strategy=${s.javaClass}`,
        MEMBERS,
      );
      const real = await stableAssignment(group);
      expect(real.protocol).toBe(name);
      const engine = s.engine({
        members: Object.keys(real.assignment).map((memberId) => ({ memberId, topics: Object.keys(TOPICS) })),
        partitions: { ...TOPICS },
      });
      const engineAssignment = Object.fromEntries(
        Object.entries(engine).map(([m, tps]) => [m, tps.map((tp) => `${tp.topic}/${tp.partition}`).sort()]),
      );
      expect(engineAssignment).toEqual(real.assignment);
    },
    240_000,
  );
});

/** An assignment as the engine's assignors take it, from "topic/partition" strings per member. */
function asAssignment(real: Record<string, string[]>): Assignment {
  return Object.fromEntries(
    Object.entries(real).map(([m, tps]) => [
      m,
      tps.map((tp) => {
        const [topic, partition] = tp.split('/') as [string, string];
        return { topic, partition: Number(partition) };
      }),
    ]),
  );
}
const asStrings = (a: Assignment) =>
  Object.fromEntries(
    Object.entries(a).map(([m, tps]) => [m, tps.map((tp) => `${tp.topic}/${tp.partition}`).sort()]),
  );

/**
 * The sticky assignors remember who owned what, so their answer depends on the group's history: the members
 * join one at a time here, and after each join the engine's assignor, given the real member ids and the real
 * assignment before the join, must produce the real assignment after it. The cooperative one takes two
 * rounds (KIP-429): the first gives out only the partitions that do not move, the second the moved ones once
 * their old owner has revoked them.
 */
const STICKY = {
  sticky: {
    javaClass: 'org.apache.kafka.clients.consumer.StickyAssignor',
    engine: (input: Parameters<typeof stickyAssign>[0], previous: Assignment) =>
      stickyAssign(input, previous),
  },
  'cooperative-sticky': {
    javaClass: 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
    engine: (input: Parameters<typeof stickyAssign>[0], previous: Assignment) =>
      cooperativeStickyAssign(input, cooperativeStickyAssign(input, previous)),
  },
} as const;

describe('sticky assignors: members join one by one, and each new assignment is the one the engine computes', () => {
  afterEach(stopAllBackground);
  afterAll(stopAllBackground);

  it.each(Object.entries(STICKY))(
    '%s over two topics (5 and 3 partitions), joined by 1, 2, then 3 members',
    async (name, s) => {
      for (const [topic, n] of Object.entries(TOPICS))
        shOk(
          `bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --if-not-exists --topic ${topic} --partitions ${n}`,
        );
      const group = `assign-${name}`;
      let previous: Assignment = {};
      for (let members = 1; members <= MEMBERS; members++) {
        startBackground(
          `bin/kafka-console-consumer.sh --bootstrap-server ${bootstrap()} --include 'assign-.*' --group ${group} ` +
            `--command-property partition.assignment.strategy=${s.javaClass}`,
        );
        const real = await stableAssignment(group, members);
        expect(real.protocol).toBe(name);
        const engine = s.engine(
          {
            members: Object.keys(real.assignment).map((memberId) => ({
              memberId,
              topics: Object.keys(TOPICS),
            })),
            partitions: { ...TOPICS },
          },
          previous,
        );
        expect(asStrings(engine), `after member ${members} joined`).toEqual(real.assignment);
        // Stickiness itself: no partition an old member kept moved to another old member.
        for (const [m, tps] of Object.entries(asStrings(previous)))
          for (const tp of real.assignment[m] ?? []) expect(tps.includes(tp) || tps.length === 0).toBe(true);
        previous = asAssignment(real.assignment);
      }
    },
    300_000,
  );
});

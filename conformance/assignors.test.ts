/**
 * The differential check of the assignors: real console consumers form a group, and the engine's assignor,
 * given the same member ids and partition counts, must hand out exactly the same partitions.
 */
import { AssignerProtocol } from 'kafkajs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rangeAssign, roundRobinAssign } from '../src/engine/assignors';
import { admin } from './admin';
import { startConsumers } from './groups';
import { bootstrap, shOk, sleep, stopAllBackground } from './real';

const TOPICS = { 'assign-a': 5, 'assign-b': 3 } as const;
const STRATEGIES = {
  range: { javaClass: 'org.apache.kafka.clients.consumer.RangeAssignor', engine: rangeAssign },
  roundrobin: { javaClass: 'org.apache.kafka.clients.consumer.RoundRobinAssignor', engine: roundRobinAssign },
} as const;
const MEMBERS = 3;

/** The group's members and what each owns, from the coordinator once the group is stable. */
async function stableAssignment(group: string, timeoutMs = 120_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    const g = (await (await admin()).describeGroups([group])).groups[0];
    if (g?.state !== 'Stable' || g.members.length !== MEMBERS) continue;
    const out: Record<string, string[]> = {};
    for (const m of g.members) {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      out[m.memberId] = Object.entries(decoded?.assignment ?? {})
        .flatMap(([t, ps]) => ps.map((p) => `${t}/${p}`))
        .sort();
    }
    if (Object.values(out).flat().length === 8) return { protocol: g.protocol, assignment: out };
  }
  throw new Error(`${group} did not settle with ${MEMBERS} members`);
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

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { groupRows } from '../admin';
import { deliberate } from '../differences';
import { engineAssignmentShape, engineStateAfter } from '../engine-facts';
import { allAssigned, produceRoundRobin, startConsumers, waitForGroup } from '../groups';
import { assignmentShape, type GroupRow, stopAllBackground, stopBackground, waitFor } from '../real';
import { ShownCommands, sceneById } from '../scene-support';
import { assignmentUpdates, generationsJoined, revokedAll, withCoordinatorLog } from './rebalance-logs';

const scene = sceneById('cooperative-rebalance');
const TOPIC = 'orders-cooperative-rebalance';
const shown = new ShownCommands(scene, { orders: TOPIC });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);
const values = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `o${from + i}`);
/** Round robin from P0: oN is on partition N % 4. */
const partitionsRead = (output: string) =>
  [...new Set([...output.matchAll(/^o(\d+)$/gm)].map((m) => Number(m[1]) % 4))].sort();
type Consumer = ReturnType<typeof startConsumers>[number];

/** Who owns what, by member id. */
function owners(rows: readonly GroupRow[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows)
    if (r.consumerId !== '-') out.set(r.consumerId, [...(out.get(r.consumerId) ?? []), r.partition]);
  return out;
}

/** The engine's members of a group at the end of a step, by the partitions they own. */
function engineOwned(step: string, group: string): number[][] {
  const g = engineStateAfter(scene, stepIndex(step)).groups.groups[group]!;
  return g.memberIds.map((m) => (g.assignment[m] ?? []).map((tp) => tp.partition).sort());
}

describe('cooperative-rebalance on real Kafka', () => {
  afterEach(stopAllBackground);

  it('eager revokes everything in one round; cooperative revokes only what moves, in two', async () => {
    deliberate('member-ids');
    deliberate('stage-timeouts');
    deliberate('rebalance-generation-count');
    shown.runOk(/kafka-topics.sh .*--create/);
    const eagerCmd = shown.pick(/--group eager /);
    const coopCmd = shown.pick(/--group cooperative /);
    shown.mark(eagerCmd.index);
    shown.mark(coopCmd.index);
    const eager = startConsumers(withCoordinatorLog(eagerCmd.shell), 3);
    const coop = startConsumers(withCoordinatorLog(coopCmd.shell), 3);
    await waitForGroup('eager', TOPIC, 'three members', (r) => allAssigned(r, 4, 3), 120_000);
    const formed = await waitForGroup(
      'cooperative',
      TOPIC,
      'three members',
      (r) => allAssigned(r, 4, 3),
      120_000,
    );
    const step0 = engineStateAfter(scene, 0);
    expect(assignmentShape(formed.value)).toEqual(engineAssignmentShape(step0, 'cooperative'));
    expect(assignmentShape((await waitForGroup('eager', TOPIC, 'formed', () => true)).value)).toEqual(
      engineAssignmentShape(step0, 'eager'),
    );
    const members = shown.runOk(/--describe --group cooperative --members --verbose/).stdout;
    // Kafka 4.2 prints the KIP-848 epochs beside each member's partitions; a classic group has none ("-").
    expect(members).toMatch(/#PARTITIONS\s+CURRENT-EPOCH\s+CURRENT-ASSIGNMENT/);
    const counts = [...members.matchAll(/console-consumer\s+(\d+)\s+-\s+/g)].map((m) => Number(m[1]));
    expect(counts.sort((a, b) => b - a)).toEqual(engineAssignmentShape(step0, 'cooperative'));

    // Which process owns a single partition: it plays b.
    produceRoundRobin(TOPIC, values(0, 8));
    const single = async (group: Consumer[]) =>
      waitFor('each consumer to print its records', () =>
        group.every((c) => partitionsRead(c.output()).length > 0)
          ? group.find((c) => partitionsRead(c.output()).length === 1)
          : undefined,
      );
    const eagerB = (await single(eager)).value;
    const coopB = (await single(coop)).value;
    const before = owners(await groupRows('cooperative', TOPIC));
    const coopLogsBefore = coop.map((c) => c.output().length);
    await stopBackground(eagerB.proc, 'SIGKILL');
    await stopBackground(coopB.proc, 'SIGKILL');
    // The default session.timeout.ms is 45 s.
    await waitForGroup('eager', TOPIC, 'two members', (r) => allAssigned(r, 4, 2), 120_000);
    const afterCrash = await waitForGroup(
      'cooperative',
      TOPIC,
      'two members',
      (r) => allAssigned(r, 4, 2),
      120_000,
    );
    // Cooperative: each survivor kept every partition it had, and revoked nothing.
    const after = owners(afterCrash.value);
    for (const [member, parts] of after) for (const p of before.get(member) ?? []) expect(parts).toContain(p);
    const coopSurvivors = coop.filter((c) => c !== coopB);
    for (const c of coopSurvivors) {
      const since = c.output().slice(coopLogsBefore[coop.indexOf(c)]);
      expect(revokedAll(since), 'a cooperative survivor revokes nothing when a member crashes').toEqual([]);
    }
    // Eager: every survivor revoked everything it owned before rejoining.
    for (const c of eager.filter((x) => x !== eagerB))
      expect(revokedAll(c.output()).length).toBeGreaterThan(0);
    expect(engineOwned('b crashes: eager stops, cooperative reads on', 'cooperative').flat().sort()).toEqual([
      0, 1, 2, 3,
    ]);

    // Scale out: two more in each group.
    const crashOwners = after;
    const marks = coopSurvivors.map((c) => c.output().length);
    startConsumers(withCoordinatorLog(eagerCmd.shell), 2);
    startConsumers(withCoordinatorLog(coopCmd.shell), 2);
    await waitForGroup('eager', TOPIC, 'four members', (r) => allAssigned(r, 4, 4), 120_000);
    const scaled = await waitForGroup(
      'cooperative',
      TOPIC,
      'four members',
      (r) => allAssigned(r, 4, 4),
      120_000,
    );
    const end = engineStateAfter(scene);
    expect(assignmentShape(scaled.value)).toEqual(engineAssignmentShape(end, 'cooperative'));
    // Each cooperative survivor keeps one of its partitions and gives up only the other, then rejoins
    // ("need to revoke partitions and re-join"): a second generation hands the freed ones to the newcomers.
    for (const [member, parts] of owners(scaled.value))
      if (crashOwners.has(member)) for (const p of parts) expect(crashOwners.get(member)).toContain(p);
    coopSurvivors.forEach((c, i) => {
      const since = c.output().slice(marks[i]);
      const updates = assignmentUpdates(since);
      const revoked = updates.flatMap((u) => u.revoked);
      expect(revoked.length, 'one partition revoked by each survivor').toBe(1);
      const joined = generationsJoined(since);
      expect(joined.length, 'two generations: the revocation round and the hand-over').toBeGreaterThanOrEqual(
        2,
      );
    });
    console.warn(
      `cooperative generations after the scale-out: ${coopSurvivors.map((c) => generationsJoined(c.output()).join(',')).join(' | ')}`,
    );
  }, 420_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { committed, groupState } from '../admin';
import { deliberate } from '../differences';
import { engineAssignmentShape, engineCommitted, engineStateAfter } from '../engine-facts';
import {
  allAssigned,
  allCommitted,
  produceRoundRobin,
  startConsumers,
  timing,
  waitForGroup,
} from '../groups';
import {
  assignmentShape,
  bootstrap,
  hasKcat,
  parseGroupDescribe,
  shOk,
  sleep,
  stopAllBackground,
  stopBackground,
  waitFor,
} from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('grouped-consumers');
const TOPIC = 'orders-grouped-consumers';
const GROUP = 'shipping';
const shown = new ShownCommands(scene, { orders: TOPIC });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);
const values = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);
/** Round robin from P0: mN is on partition N % 4. */
const partitionsRead = (output: string) =>
  [...new Set([...output.matchAll(/^m(\d+)$/gm)].map((m) => Number(m[1]) % 4))].sort();

/** --describe --members: how many partitions each member owns, largest first. */
function memberShape(out: string): number[] {
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[0] === GROUP && /^\d+$/.test(f[4] ?? '')) // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS
    .map((f) => Number(f[4]))
    .sort((a, b) => b - a);
}

describe('grouped-consumers on real Kafka', () => {
  afterEach(stopAllBackground);

  it('three consumers split four partitions; a kill -9 moves its partition after the session timeout; five share four', async () => {
    deliberate('member-ids');
    deliberate('stage-timeouts');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 4`);
    const consumer = shown.pick(/kafka-console-consumer.sh .*--group shipping/);
    shown.mark(consumer.index);
    const three = startConsumers(consumer.shell, 3);
    await waitForGroup(GROUP, TOPIC, 'three members own all four partitions', (r) => allAssigned(r, 4, 3));
    const formed = engineStateAfter(scene, stepIndex('Three consumers, one group'));
    const rows = parseGroupDescribe(shown.runOk(/--describe --group shipping$/).stdout);
    expect(assignmentShape(rows)).toEqual(engineAssignmentShape(formed, GROUP));

    produceRoundRobin(TOPIC, values(0, 8));
    await waitFor('every consumer to print its records', () =>
      three.every((c) => partitionsRead(c.output()).length > 0) ? true : undefined,
    );
    // The one that owns a single partition plays consumer-b.
    const b = three.find((c) => partitionsRead(c.output()).length === 1)!;
    const [bPartition] = partitionsRead(b.output());
    const killedAt = Date.now();
    await stopBackground(b.proc, 'SIGKILL');
    const committedAtKill = (await committed(GROUP, TOPIC))[bPartition!] ?? -1;

    const stable = await (async () => {
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
        const g = await groupState(GROUP);
        if (g.members === 2 && g.state === 'Stable') return Date.now();
      }
      throw new Error('the group did not settle with two members within 120 s');
    })();
    const moved = await waitForGroup(
      GROUP,
      TOPIC,
      'two members own all four partitions',
      (r) => allAssigned(r, 4, 2),
      60_000,
    );
    const afterCrash = engineStateAfter(scene, stepIndex('Session timeout, rebalance'));
    expect(assignmentShape(moved.value)).toEqual(engineAssignmentShape(afterCrash, GROUP));
    timing(
      'rebalance after a consumer is killed (-9), default session.timeout.ms 45000',
      stable - killedAt,
      10_000 + 4000,
      'the stage uses session.timeout.ms 10000',
    );

    // The new owner of b's partition starts at the committed offset, so what b read after it is read again;
    // with nothing committed yet it starts at auto.offset.reset, which the shown console consumer leaves at
    // latest: then b's records are skipped by the group, not read again (the stage's consumers use earliest).
    const bValues = [...b.output().matchAll(/^m(\d+)$/gm)].map((m) => m[0]);
    const readByOthers = () =>
      three
        .filter((c) => c !== b)
        .some((c) => bValues.some((v) => new RegExp(`^${v}$`, 'm').test(c.output())));
    if (committedAtKill >= 0 && committedAtKill < bValues.length) {
      await waitFor('the new owner to read the partition again', () => (readByOthers() ? true : undefined));
    }
    console.warn(
      `b's P${bPartition}: committed ${committedAtKill < 0 ? 'nothing' : committedAtKill} at the kill; its records read again by the new owner: ${readByOthers()}`,
    );

    // Scale out to five: one member owns nothing.
    startConsumers(consumer.shell, 3);
    for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
      const g = await groupState(GROUP);
      if (g.members === 5 && g.state === 'Stable') break;
      if (Date.now() > deadline) throw new Error('the group did not settle with five members within 120 s');
    }
    const end = engineStateAfter(scene);
    const shape = memberShape(shown.runOk(/--describe --group shipping --members/).stdout);
    expect(shape).toEqual(engineAssignmentShape(end, GROUP));

    produceRoundRobin(TOPIC, values(8, 12));
    const done = await waitForGroup(
      GROUP,
      TOPIC,
      'committed 3 on every partition',
      (r) => allCommitted(r, 3),
      60_000,
    );
    expect(Object.fromEntries(done.value.map((r) => [r.partition, r.currentOffset]))).toEqual(
      engineCommitted(end, GROUP, 'orders'),
    );

    // Everyone leaves; librdkafka in the same group finds nothing left to read.
    if (committedAtKill < 0)
      expect(readByOthers(), 'nothing committed: the new owner starts at the log end').toBe(false);
    await stopAllBackground();
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    const rest = shown.runOk(/^kcat /, { extra: " -e -f 'READ %p %o %s\\n'" }).stdout;
    expect(rest).not.toContain('READ ');
  }, 420_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

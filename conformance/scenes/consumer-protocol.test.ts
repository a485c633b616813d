import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { modernGroupState } from '../../src/engine';
import { deliberate } from '../differences';
import { engineStateAfter } from '../engine-facts';
import { startConsumers, timing } from '../groups';
import { bootstrap, shOk, sleep, stopAllBackground, stopBackground } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('consumer-protocol');
const TOPIC = 'orders-consumer-protocol';
const GROUP = 'consumer';
const shown = new ShownCommands(scene, { orders: TOPIC });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);

/** --describe --state --verbose: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE GROUP-EPOCH TARGET-ASSIGNMENT-EPOCH #MEMBERS */
function parseState(out: string, group: string) {
  const line = out.split('\n').find((l) => l.trim().startsWith(`${group} `));
  if (!line) return undefined;
  const f = line.trim().split(/\s+/);
  // The coordinator prints as host:port (id): two fields.
  return {
    strategy: f[3] ?? '',
    state: (f[4] ?? '').toUpperCase(),
    groupEpoch: Number(f[5]),
    targetEpoch: Number(f[6]),
    members: Number(f[7]),
  };
}

/** --members --verbose: per member its epoch, current and target assignments (partitions of the topic). */
function parseMembers(out: string) {
  const parts = (field: string) =>
    field === '-'
      ? []
      : [...field.matchAll(/:([\d,]+)/g)].flatMap((m) => m[1]!.split(',').map(Number)).sort((a, b) => a - b);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[0] === GROUP && /^\d+$/.test(f[4] ?? ''))
    .map((f) => ({
      memberId: f[1]!,
      epoch: Number(f[5]),
      current: parts(f[6] ?? '-'),
      targetEpoch: Number(f[7]),
      target: parts(f[8] ?? '-'),
    }));
}

const describeState = () => parseState(shown.runOk(/--group consumer --state --verbose/).stdout, GROUP);
const describeMembers = () => parseMembers(shown.runOk(/--group consumer --members --verbose/).stdout);

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(500)) {
    // A describe of a group that does not exist yet fails: that is "not yet", not an error.
    let v: T | undefined;
    try {
      v = probe();
    } catch {
      v = undefined;
    }
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
  }
}

/** The engine's consumer group after a step, in the terms --describe prints. */
function engineGroup(step: string) {
  const s = engineStateAfter(scene, stepIndex(step));
  const g = s.modernGroups.groups[GROUP]!;
  const byConsumer = Object.fromEntries(
    Object.values(s.modernGroups.consumers)
      .filter((c) => g.members[c.memberId])
      .map((c) => [
        c.id,
        { epoch: g.members[c.memberId]!.memberEpoch, current: c.owned.map((tp) => tp.partition) },
      ]),
  );
  return { state: modernGroupState(g), groupEpoch: g.groupEpoch, targetEpoch: g.assignmentEpoch, byConsumer };
}

describe('consumer-protocol on real Kafka', () => {
  afterEach(stopAllBackground);

  it('the broker assigns with uniform, bumps one epoch per join and per crash, and the survivors keep what they had', async () => {
    deliberate('member-ids');
    deliberate('modern-member-order');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 6`);
    const modern = shown.pick(/--group consumer .*group.protocol=consumer/);
    shown.mark(modern.index);
    // One at a time, as the scene's n1, n2, n3 join a moment apart: the order decides who gets what.
    const started: { proc: ReturnType<typeof startConsumers>[number]; memberId: string }[] = [];
    for (let n = 1; n <= 3; n++) {
      const [proc] = startConsumers(modern.shell, 1);
      const known = new Set(started.map((s) => s.memberId));
      const memberId = await until(`member ${n} to join`, () => {
        const fresh = describeMembers().find((m) => !known.has(m.memberId));
        return fresh?.memberId;
      });
      started.push({ proc: proc!, memberId });
    }
    const formed = engineGroup('Two groups, two protocols');
    const state = await until('three members, stable at epoch 3', () => {
      const s = describeState();
      return s && s.state === 'STABLE' && s.members === 3 && s.groupEpoch === s.targetEpoch ? s : undefined;
    });
    expect(state.strategy).toBe('uniform');
    expect([state.state, state.groupEpoch, state.targetEpoch]).toEqual([
      formed.state,
      formed.groupEpoch,
      formed.targetEpoch,
    ]);
    const members = await until('every member at the target epoch with its target', () => {
      const ms = describeMembers();
      return ms.length === 3 &&
        ms.every((m) => m.epoch === state.groupEpoch && m.current.join() === m.target.join())
        ? ms
        : undefined;
    });
    const byJoin = (i: number) => members.find((m) => m.memberId === started[i]!.memberId)!;
    for (const [i, name] of ['n1', 'n2', 'n3'].entries())
      expect(byJoin(i).current, `${name}'s partitions`).toEqual(formed.byConsumer[name]!.current);

    // The classic group of the scene, for its describe: range, as the classic consumer's first assignor.
    const classic = shown.pick(/--group classic --from-beginning/);
    shown.mark(classic.index);
    startConsumers(classic.shell, 1);
    await until('the classic group to be stable', () => {
      const r = shown.runOk(/--group classic --state/).stdout;
      return /\brange\b/.test(r) && /\bStable\b/.test(r) ? r : undefined;
    });

    // n2 crashes (kill -9): after group.consumer.session.timeout.ms the coordinator fences it.
    const before = { n1: byJoin(0).current, n3: byJoin(2).current };
    const killedAt = Date.now();
    await stopBackground(started[1]!.proc.proc, 'SIGKILL');
    const expired = engineGroup('The sessions expire');
    const after = await until(
      'two members, stable at a new epoch',
      () => {
        const s = describeState();
        return s &&
          s.state === 'STABLE' &&
          s.members === 2 &&
          s.groupEpoch === s.targetEpoch &&
          s.groupEpoch > state.groupEpoch
          ? s
          : undefined;
      },
      120_000,
    );
    timing('a crashed member is fenced and its partitions reassigned', Date.now() - killedAt, 45_000 + 5000);
    expect([after.groupEpoch, after.targetEpoch]).toEqual([expired.groupEpoch, expired.targetEpoch]);
    const survivors = await until('both survivors at the new epoch with their target', () => {
      const ms = describeMembers();
      return ms.length === 2 &&
        ms.every((m) => m.epoch === after.groupEpoch && m.current.join() === m.target.join())
        ? ms
        : undefined;
    });
    const n1 = survivors.find((m) => m.memberId === started[0]!.memberId)!;
    const n3 = survivors.find((m) => m.memberId === started[2]!.memberId)!;
    // Sticky: each survivor kept everything it had and gained one of n2's partitions, as in the engine.
    for (const [name, real] of [
      ['n1', n1],
      ['n3', n3],
    ] as const) {
      expect(real.current).toEqual(expect.arrayContaining(before[name]));
      expect(real.current.length).toBe(expired.byConsumer[name]!.current.length);
      expect(expired.byConsumer[name]!.current).toEqual(expect.arrayContaining(before[name]));
      expect(real.epoch).toBe(expired.byConsumer[name]!.epoch);
    }
    expect([...n1.current, ...n3.current].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  }, 360_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

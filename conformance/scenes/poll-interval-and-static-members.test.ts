import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { groupState } from '../admin';
import { deliberate } from '../differences';
import { engineAssignmentShape, engineStateAfter } from '../engine-facts';
import { allAssigned, produceRoundRobin, waitForGroup } from '../groups';
import {
  assignmentShape,
  bootstrap,
  shOk,
  sleep,
  startBackground,
  stopAllBackground,
  stopBackground,
  waitFor,
} from '../real';
import { ShownCommands, sceneById } from '../scene-support';
import { generationsJoined } from './rebalance-logs';

const scene = sceneById('poll-interval-and-static-members');
const TOPIC = 'orders-poll-interval-and-static-members';
const shown = new ShownCommands(scene, { orders: TOPIC });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);

/** A shown console consumer with its coordinator's INFO log on stderr, collected (rebalance-log4j2-stderr.xml). */
function startLogged(shell: string) {
  const config = 'conformance/scenes/rebalance-log4j2-stderr.xml';
  const c = startBackground(`env KAFKA_LOG4J_OPTS=-Dlog4j2.configurationFile=${config} ${shell}`);
  let log = '';
  c.proc.stderr?.on('data', (d) => {
    log += d;
  });
  return { ...c, log: () => log };
}

describe('poll-interval-and-static-members on real Kafka', () => {
  afterEach(stopAllBackground);

  it('a member that stops polling leaves though its heartbeats are fine, and rejoins at its next poll', async () => {
    deliberate('stage-timeouts');
    deliberate('rebalance-generation-count');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 4`);
    const billing = shown.pick(/--group billing /);
    shown.mark(billing.index);
    const fast = startLogged(billing.shell);
    const slow = startLogged(billing.shell);
    await waitForGroup('billing', TOPIC, 'two members', (r) => allAssigned(r, 4, 2), 120_000);
    // Nobody reads slow's output: once the pipe is full, its poll loop blocks on printing.
    slow.proc.stdout?.pause();
    const line = 'x'.repeat(200);
    produceRoundRobin(
      TOPIC,
      Array.from({ length: 2000 }, (_, i) => `${i} ${line}`),
    );
    const left = await waitFor(
      'slow to leave after max.poll.interval.ms',
      () => (/consumer poll timeout has expired/.test(slow.log()) ? true : undefined),
      { timeoutMs: 90_000 },
    );
    expect(left.value).toBe(true);
    expect(slow.proc.exitCode, 'its process is still running').toBeNull();
    const alone = await waitForGroup(
      'billing',
      TOPIC,
      'fast owns all four',
      (r) => allAssigned(r, 4, 1),
      60_000,
    );
    expect(assignmentShape(alone.value)).toEqual(
      engineAssignmentShape(
        engineStateAfter(scene, stepIndex('Out, though its heartbeats were fine')),
        'billing',
      ),
    );
    // It left with LeaveGroup, not by a session timeout: the log says so before the coordinator's answer.
    expect(slow.log()).toMatch(
      /sending LeaveGroup request to coordinator .* due to consumer poll timeout has expired/,
    );
    // Reading its output again lets it poll: it joins again, and the group rebalances once more.
    slow.proc.stdout?.resume();
    await waitForGroup('billing', TOPIC, 'slow back', (r) => allAssigned(r, 4, 2), 120_000);
    expect(generationsJoined(fast.log()).length).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('a static member restarted within the session timeout causes no rebalance; a dynamic one does', async () => {
    deliberate('member-ids');
    const plainCmd = shown.pick(/--group shipping$/);
    const pinnedCmd = shown.pick(/group.instance.id=shipping-1/);
    shown.mark(plainCmd.index);
    shown.mark(pinnedCmd.index);
    const plain = startLogged(plainCmd.shell);
    let pinned = startLogged(pinnedCmd.shell);
    await waitForGroup('shipping', TOPIC, 'two members', (r) => allAssigned(r, 4, 2), 120_000);
    await waitFor('both to report their generation', () =>
      generationsJoined(plain.log()).length > 0 && generationsJoined(pinned.log()).length > 0
        ? true
        : undefined,
    );
    const generation = generationsJoined(plain.log()).at(-1)!;
    const before = shown.runOk(/--describe --group shipping --members --verbose/).stdout;
    // The static member's row: its instance id stays, its consumer id changes; its CURRENT-ASSIGNMENT.
    const pinnedAssignment = (out: string) =>
      /\sshipping-1\s.*?(\S+:[\d,]+)/.exec(out.split('\n').find((l) => /\sshipping-1\s/.test(l)) ?? '')?.[1];
    expect(pinnedAssignment(before)).toBeDefined();

    // Ctrl-C: a static member closes without LeaveGroup; it is back 3 s later, with its instance id.
    await stopBackground(pinned.proc, 'SIGTERM');
    await sleep(3000);
    pinned = startLogged(pinnedCmd.shell);
    await waitFor('the restarted static member to join', () =>
      generationsJoined(pinned.log()).length > 0 ? true : undefined,
    );
    expect(generationsJoined(pinned.log()), 'back in the same generation').toEqual([generation]);
    await sleep(5000);
    expect(generationsJoined(plain.log()).at(-1), 'plain never rejoined').toBe(generation);
    const after = shown.runOk(/--describe --group shipping --members --verbose/).stdout;
    expect(pinnedAssignment(after)).toBe(pinnedAssignment(before));
    const state = shown.runOk(/--describe --group shipping --state/).stdout;
    expect(state).toMatch(/\sStable\s+2\s*$/m);
    expect(
      engineStateAfter(scene, stepIndex('Same generation, same partitions')).groups.groups.shipping
        ?.generationId,
    ).toBe(1);
    expect((await groupState('shipping')).members).toBe(2);

    // The same restart of the dynamic member: LeaveGroup, then a new member: the generation moves.
    await stopBackground(plain.proc, 'SIGTERM');
    await sleep(3000);
    startLogged(plainCmd.shell);
    await waitForGroup('shipping', TOPIC, 'two members again', (r) => allAssigned(r, 4, 2), 120_000);
    await waitFor('the static member to rejoin a newer generation', () =>
      (generationsJoined(pinned.log()).at(-1) ?? 0) > generation ? true : undefined,
    );
    console.warn(
      `shipping generations seen by pinned: ${generationsJoined(pinned.log()).join(', ')} (engine: 1, then 3)`,
    );
  }, 300_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

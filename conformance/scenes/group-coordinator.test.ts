import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { coordinatorPartition } from '../../src/engine';
import { groupState } from '../admin';
import { deliberate } from '../differences';
import { engineAssignmentShape, engineStateAfter } from '../engine-facts';
import { allAssigned, startConsumers, timing, waitForGroup } from '../groups';
import { bootstrap, describeTopic, hasKcat, shOk, sleep, stopAllBackground, stopBackground } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('group-coordinator');
const TOPIC = 'orders-group-coordinator';
const GROUP = 'payments';
const shown = new ShownCommands(scene, { orders: TOPIC });
const engine = engineStateAfter(scene);

describe('group-coordinator on real Kafka', () => {
  afterEach(stopAllBackground);

  it('the coordinator is the leader of __consumer_offsets partition abs(hashCode(group)) % 50; range over three members', async () => {
    deliberate('replica-placement');
    deliberate('member-ids');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 4`);
    const consumer = shown.pick(/kafka-console-consumer.sh/);
    shown.mark(consumer.index);
    const three = startConsumers(consumer.shell, 3);
    await waitForGroup(GROUP, TOPIC, 'three members own all four partitions', (r) => allAssigned(r, 4, 3));

    const state = shown.runOk(/--describe --group payments --state/).stdout;
    const row = state.split('\n').find((l) => l.startsWith(`${GROUP} `));
    expect(row, state).toBeDefined();
    const m = /\((\d+)\)\s+(\S+)\s+(\S+)\s+(\d+)/.exec(row!);
    expect(m, row).not.toBeNull();
    const [, coordinator, strategy, groupStateName, memberCount] = m!;
    const partition = coordinatorPartition(GROUP);
    const offsetsLeader = describeTopic('__consumer_offsets').find((p) => p.partition === partition)?.leader;
    expect(Number(coordinator)).toBe(offsetsLeader);
    expect(strategy).toBe(engine.groups.groups[GROUP]?.assignor);
    expect(groupStateName).toBe(engine.groups.groups[GROUP]?.state);
    expect(Number(memberCount)).toBe(3);

    const members = shown.runOk(/--members --verbose/).stdout;
    const shape = members
      .split('\n')
      .filter((l) => l.startsWith(`${GROUP} `))
      .map((l) => Number(l.trim().split(/\s+/)[4])) // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS ...
      .sort((a, b) => b - a);
    expect(shape).toEqual(engineAssignmentShape(engine, GROUP));

    // session.timeout.ms 10000 as shown: a kill -9 is noticed within it, then the group rebalances.
    const killedAt = Date.now();
    await stopBackground(three[0]!.proc, 'SIGKILL');
    let settled = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && !settled; await sleep(200)) {
      const g = await groupState(GROUP);
      if (g.members === 2 && g.state === 'Stable') settled = Date.now();
    }
    expect(settled, 'the group settles with two members').toBeGreaterThan(0);
    timing(
      'rebalance after a consumer is killed (-9), session.timeout.ms 10000',
      settled - killedAt,
      10_000 + 4000,
      'engine: the session timeout plus REBALANCE_MS',
    );

    await stopAllBackground();
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    shown.runOk(/^kcat /, { extra: ' -e -q' });
  }, 300_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deliberate } from '../differences';
import { engineAssignmentShape, engineCommitted, engineStateAfter } from '../engine-facts';
import { allAssigned, allCommitted, produceRoundRobin, startConsumers, waitForGroup } from '../groups';
import {
  assignmentShape,
  bootstrap,
  committedOffsets,
  describeGroup,
  hasKcat,
  parseGroupDescribe,
  shOk,
  stopAllBackground,
  stopBackground,
} from '../real';
import { producedBy, ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('consume-groups');
const TOPIC = 'orders-consume-groups';
const shown = new ShownCommands(scene, { orders: TOPIC });
const engine = engineStateAfter(scene);

describe('consume-groups on real Kafka', () => {
  afterEach(stopAllBackground);

  it("two groups read the same records independently; each commits the engine's offsets; a reset rewinds one group only", async () => {
    deliberate('member-ids');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 4`);
    const billing = shown.pick(/--group billing/);
    const audit = shown.pick(/kafka-console-consumer.sh .*--group audit/);
    shown.mark(billing.index);
    shown.mark(audit.index);
    startConsumers(billing.shell, 2); // "# twice"
    const [auditConsumer] = startConsumers(audit.shell, 1);
    await waitForGroup('billing', TOPIC, 'two members own all four partitions', (r) => allAssigned(r, 4, 2));
    await waitForGroup('audit', TOPIC, 'one member owns all four partitions', (r) => allAssigned(r, 4, 1));

    const values = producedBy(scene, 'producer', 'orders').map((r) => r.value);
    expect(values).toHaveLength(16);
    produceRoundRobin(TOPIC, values);
    await waitForGroup('billing', TOPIC, 'committed 4 on every partition', (r) => allCommitted(r, 4), 60_000);
    await waitForGroup('audit', TOPIC, 'committed 4 on every partition', (r) => allCommitted(r, 4), 60_000);

    const all = shown.runOk(/--describe --all-groups/).stdout;
    // Read per topic: other scenes' groups share these names (billing also reads the poll-interval topic).
    const rowsOf = (group: string) =>
      parseGroupDescribe(
        all
          .split('\n')
          .filter((l) => l.startsWith(`${group} `))
          .join('\n'),
      ).filter((r) => r.topic === TOPIC);
    for (const group of ['billing', 'audit']) {
      expect(committedOffsets(rowsOf(group)), group).toEqual(engineCommitted(engine, group, 'orders'));
      expect(assignmentShape(rowsOf(group)), group).toEqual(engineAssignmentShape(engine, group));
    }

    // "stop its consumers first": audit's only consumer closes, then its offsets go back to the start.
    await stopBackground(auditConsumer!.proc, 'SIGTERM');
    const reset = shown.runOk(/--reset-offsets --to-earliest/).stdout;
    expect(reset).toMatch(/NEW-OFFSET/);
    const described = (group: string) => describeGroup(group).filter((r) => r.topic === TOPIC);
    expect(committedOffsets(described('audit'))).toEqual({ 0: 0, 1: 0, 2: 0, 3: 0 });
    expect(committedOffsets(described('billing'))).toEqual({ 0: 4, 1: 4, 2: 4, 3: 4 });

    // librdkafka in group audit reads all sixteen again.
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    const again = shown.runOk(/^kcat /, { extra: " -e -f 'READ %p %o %s\\n'" }).stdout;
    expect(again.split('\n').filter((l) => l.startsWith('READ ')).length).toBe(16);
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

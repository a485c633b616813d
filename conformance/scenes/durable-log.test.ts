import { afterAll, describe, expect, it } from 'vitest';
import { engineCommitted, engineStateAfter } from '../engine-facts';
import { produceRoundRobin } from '../groups';
import { committedOffsets, describeGroup, type GroupRow, parseGroupDescribe } from '../real';
import { producedBy, ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('durable-log');
const TOPIC = 'orders-durable-log';
const shown = new ShownCommands(scene, { orders: TOPIC });
const engine = engineStateAfter(scene);

describe('durable-log on real Kafka', () => {
  it("a new group reads the whole log from the beginning, commits the engine's offsets, and can rewind", () => {
    expect(shown.runOk(/--create --topic/).stdout).toContain(`Created topic ${TOPIC}`);
    const values = producedBy(scene, 'shop', 'orders').map((r) => r.value);
    expect(values).toHaveLength(6);
    produceRoundRobin(TOPIC, values);
    const read = shown.runOk(/kafka-console-consumer.sh/, {
      extra: ' --max-messages 6 --timeout-ms 60000',
    }).stdout;
    expect(
      read
        .split('\n')
        .filter((l) => values.includes(l))
        .sort(),
    ).toEqual([...values].sort());
    const all = shown.runOk(/--describe --all-groups/).stdout;
    // Only this scene's topic: scalable-architecture's group is called analytics too.
    const ours = (rows: GroupRow[]) => rows.filter((r) => r.topic === TOPIC);
    const rows = ours(parseGroupDescribe(all));
    expect(committedOffsets(rows)).toEqual(engineCommitted(engine, 'analytics', 'orders'));
    expect(shown.runOk(/--reset-offsets --to-earliest/).stdout).toMatch(/NEW-OFFSET/);
    expect(committedOffsets(ours(describeGroup('analytics')))).toEqual({ 0: 0, 1: 0 });
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { parseGroupDescribe } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('scalable-architecture');
const shown = new ShownCommands(scene);

describe('scalable-architecture on real Kafka', () => {
  it('the perf tools send and read 100,000 records over the shown partitions, and the group ends without lag', () => {
    const created = shown.runOk(/--create --topic/);
    const partitions = Number(/--partitions (\d+)/.exec(shown.pick(/--create --topic/).shell)?.[1]);
    expect(created.stdout).toMatch(/Created topic/);
    const produced = shown.runOk(/kafka-producer-perf-test.sh/, {}).stdout;
    expect(produced).toMatch(/^100000 records sent/m);
    const consumed = shown.runOk(/kafka-consumer-perf-test.sh/).stdout;
    const dataLine = consumed.split('\n').find((l) => /^\d{4}-/.test(l));
    // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, ...
    expect(Number(dataLine?.split(',')[4]?.trim())).toBe(100000);
    // Only the scene's topic: durable-log's group is called analytics too (each scene has its own cluster on stage).
    const rows = parseGroupDescribe(shown.runOk(/kafka-consumer-groups.sh/).stdout).filter(
      (r) => r.topic === 'clicks',
    );
    expect(rows).toHaveLength(partitions);
    expect(rows.reduce((n, r) => n + r.logEndOffset, 0)).toBe(100000);
    console.warn(`perf: ${produced.trim().split('\n').at(-1)}`);
  }, 300_000);

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

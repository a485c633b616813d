import { afterAll, describe, expect, it } from 'vitest';
import { engineRecords, engineStateAfter } from '../engine-facts';
import { describeTopic, readTopic } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('sandbox');
const TOPIC = 'events';
const shown = new ShownCommands(scene);
const engine = engineRecords(engineStateAfter(scene), TOPIC);

describe('sandbox (default settings) on real Kafka', () => {
  it("the shown topic gets the scene's partitions and replicas; every key lands on the engine's partition", () => {
    shown.runOk(/--create --topic events/);
    const keyed = engine.filter((r) => r.key !== null);
    expect(keyed.length).toBeGreaterThan(0);
    // Records in the engine's order per partition, so offsets compare too (the console producer needs a key on every line).
    const lines = [...keyed].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    shown.runOk(/kafka-console-producer.sh/, {
      input: `${lines.map((r) => `${r.key}:${r.value}`).join('\n')}\n`,
    });
    const described = shown.runOk(/--describe --topic events/).stdout;
    expect(described).toMatch(/PartitionCount:\s*6\s+ReplicationFactor:\s*2/);
    expect(describeTopic(TOPIC).every((p) => p.isr.length === 2)).toBe(true);
    const partitionOf = new Map<string, Set<number>>();
    for (const r of readTopic(TOPIC))
      partitionOf.set(r.key!, (partitionOf.get(r.key!) ?? new Set()).add(r.partition));
    for (const r of keyed) expect([...(partitionOf.get(r.key!) ?? [])], r.key!).toEqual([r.partition]);
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { engineRecords, engineStateAfter } from '../engine-facts';
import { hasKcat, readTopic, shOk } from '../real';
import { producedBy, ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('produce-with-key');
const TOPIC = 'user-events';
const shown = new ShownCommands(scene);
const engine = engineRecords(engineStateAfter(scene), TOPIC);
const lines = (records: { key: string | null; value: string }[]) =>
  `${records.map((r) => `${r.key}:${r.value}`).join('\n')}\n`;

// The scene's story in order: the Java app's six records, alice from librdkafka, 4 -> 6 partitions, two more.
const java = producedBy(scene, 'java-app', TOPIC);
const python = producedBy(scene, 'python-app', TOPIC);
const beforeGrowth = java.slice(0, 6);
const afterGrowth = java.slice(6);

describe('produce-with-key on real Kafka', () => {
  it('the story splits where the scene says (six Java records, one librdkafka, two after the growth)', () => {
    expect(beforeGrowth.map((r) => r.key)).toEqual(['alice', 'bob', 'alice', 'carol', 'bob', 'alice']);
    expect(python).toEqual([{ key: 'alice', value: 'login' }]);
    expect(afterGrowth.map((r) => r.key)).toEqual(['alice', 'bob']);
  });

  it("the shown commands put every keyed record on the engine's partition and offset (murmur2, then CRC-32, then 6 partitions)", () => {
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    shown.runOk(/--create --topic user-events/);
    // The shown producer with its own two lines, then the rest of the Java app's records.
    shown.runOk(/kafka-console-producer.sh/);
    shown.runOk(/kafka-console-producer.sh/, { input: lines(beforeGrowth.slice(2)) });
    shown.runOk(/^kcat /, { input: lines(python) });
    shown.runOk(/--alter --topic user-events --partitions 6/);
    shown.runOk(/kafka-console-producer.sh/, { input: lines(afterGrowth) });
    const real = readTopic(TOPIC);
    expect(real).toEqual(engine);
  });

  it('the shown consumer prints each key with its partition', () => {
    const out = shown.runOk(/kafka-console-consumer.sh/, {
      extra: ' --max-messages 9 --timeout-ms 60000',
    }).stdout;
    expect(out).toMatch(/^Partition:1\talice\tlogin$/m);
    expect(out).toMatch(/^Partition:2\tbob\tlogin$/m);
    expect(out).toMatch(/^Partition:3\talice\tbuy$/m);
    expect(out).toMatch(/^Partition:0\tbob\tbuy$/m);
  });

  it('the topic has six partitions after the alter', () => {
    const out = shOk(
      `bin/kafka-topics.sh --bootstrap-server 127.0.0.1:${process.env.KAFKA_STAGE_TEST_PORT ?? 19192} --describe --topic ${TOPIC}`,
    );
    expect(out).toMatch(/PartitionCount:\s*6/);
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

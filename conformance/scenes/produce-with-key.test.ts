import { afterAll, describe, expect, it } from 'vitest';
import { deliberate } from '../differences';
import { engineRecords, engineStateAfter } from '../engine-facts';
import { bootstrap, hasKcat, readTopic, shOk, startBackground, stopBackground, waitFor } from '../real';
import { producedBy, ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('produce-with-key');
const TOPIC = 'user-events';
const shown = new ShownCommands(scene);
const engine = engineRecords(engineStateAfter(scene), TOPIC);
const lines = (records: { key: string | null; value: string }[]) =>
  `${records.map((r) => `${r.key}:${r.value}`).join('\n')}\n`;

// The scene's story in order: the Java app's two shown records and three more, alice from librdkafka; 4 -> 6
// partitions; records from the producers still running (they hash over 4 until a metadata refresh); then,
// after the refresh, records hashed over 6.
const java = producedBy(scene, 'java-app', TOPIC);
const python = producedBy(scene, 'python-app', TOPIC);
const JAVA_BEFORE = 5;
const JAVA_STALE = 2;

/** Feeds lines to a producer that keeps running, and waits until the topic holds `total` records. */
async function feed(proc: ReturnType<typeof startBackground>['proc'], records: typeof java, total: number) {
  proc.stdin?.write(lines(records));
  await waitFor(`${total} records in ${TOPIC}`, () => (readTopic(TOPIC).length >= total ? true : undefined), {
    timeoutMs: 60_000,
  });
}

async function closeProducer(proc: ReturnType<typeof startBackground>['proc']) {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.stdin?.end();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  await stopBackground(proc);
}

describe('produce-with-key on real Kafka', () => {
  it('the story splits where the scene says (Java and librdkafka before the growth, while stale, after the refresh)', () => {
    expect(java.slice(0, JAVA_BEFORE).map((r) => r.key)).toEqual(['alice', 'bob', 'peggy', 'bob', 'alice']);
    expect(java.slice(JAVA_BEFORE, JAVA_BEFORE + JAVA_STALE).map((r) => r.key)).toEqual(['alice', 'bob']);
    expect(java.slice(JAVA_BEFORE + JAVA_STALE).map((r) => r.key)).toEqual(['alice', 'bob', 'peggy']);
    expect(python.map((r) => r.key)).toEqual(['alice', 'alice', 'alice']);
  });

  it("the shown commands put every keyed record on the engine's partition and offset (murmur2, CRC-32, a running producer's stale count of 4, then 6 after a refresh)", async () => {
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    shown.runOk(/--create --topic user-events/);
    // The shown producer with its own two lines; then the Java app and the librdkafka app keep running.
    shown.runOk(/kafka-console-producer.sh/);
    const javaApp = startBackground(shown.pick(/kafka-console-producer.sh/).shell);
    await feed(javaApp.proc, java.slice(2, JAVA_BEFORE), JAVA_BEFORE);
    // librdkafka's first record, from the shown kcat.
    shown.runOk(/^kcat /, { input: lines(python.slice(0, 1)) });
    shown.runOk(/--alter --topic user-events --partitions 6/);
    // Still running, the Java producer keeps the partition count of its last metadata fetch: 4.
    await feed(javaApp.proc, java.slice(JAVA_BEFORE, JAVA_BEFORE + JAVA_STALE), JAVA_BEFORE + 1 + JAVA_STALE);
    await closeProducer(javaApp.proc);
    // The running librdkafka producer's stale record: see the deliberate difference.
    deliberate('kcat-stale-partition-count');
    const stale = engine.find((r) => r.key === 'alice' && r.value === python[1]!.value && r.partition !== 1)!;
    shOk(`kcat -b ${bootstrap()} -t ${TOPIC} -P -K: -p ${stale.partition}`, {
      input: lines(python.slice(1, 2)),
    });
    // New producers fetch metadata at once: what the scene's forced refresh stands for.
    shown.runOk(/kafka-console-producer.sh/, { input: lines(java.slice(JAVA_BEFORE + JAVA_STALE)) });
    shown.runOk(/^kcat /, { input: lines(python.slice(2)) });
    const real = readTopic(TOPIC);
    expect(real).toEqual(engine);
  }, 300_000);

  it('the shown consumer prints each key with its partition', () => {
    const out = shown.runOk(/kafka-console-consumer.sh/, {
      extra: ` --max-messages ${java.length + python.length} --timeout-ms 60000`,
    }).stdout;
    expect(out).toMatch(/^Partition:1\talice\tlogin$/m);
    expect(out).toMatch(/^Partition:2\tbob\tlogin$/m);
    expect(out).toMatch(/^Partition:3\talice\tbuy$/m);
    // Sent while the producers still counted 4 partitions: alice's cart on P1 (Java) and P3 (librdkafka).
    expect(out).toMatch(/^Partition:1\talice\tcart$/m);
    expect(out).toMatch(/^Partition:3\talice\tcart$/m);
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

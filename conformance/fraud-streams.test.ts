/**
 * The fraud query's differential check. ksqlDB is not on Maven Central, so the suite cannot run the scene's
 * statements (conformance/coverage.test.ts says so); but ksqlDB compiles them to a Kafka Streams topology,
 * and Kafka Streams is there. kafka/streams/FraudQuery.java is that topology: re-key by card, a windowed
 * count, HAVING as a filter on the count's changes. The scene's own input (every attempt with its
 * timestamp) is produced to the real cluster, the topology runs, and every row it writes must be a row the
 * engine wrote to POSSIBLE_FRAUD: same card, same window start, same count, for tumbling and for hopping
 * windows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptRecords } from '../src/engine';
import { fraudRows, SOURCE_TOPIC } from '../src/scenarios/fraud-stream';
import { engineStateAfter } from './engine-facts';
import { bootstrap, ROOT, readTopic, shOk, sleep, startBackground, stopAllBackground } from './real';
import { sceneById } from './scene-support';

const scene = sceneById('fraud-query');
const CLASSES = join(ROOT, '.kafka', 'classes');
const THRESHOLD = 3;

const VARIANTS = {
  tumbling: { step: 'CREATE … AS: the output topic', sizeMinutes: 5, advanceMinutes: 5, onlyThisRun: false },
  hopping: { step: 'A hopping window catches it', sizeMinutes: 5, advanceMinutes: 1, onlyThisRun: true },
} as const;

const stepIndex = (title: string) => {
  const k = scene.steps.findIndex((s) => s.title === title);
  if (k < 0) throw new Error(`fraud-query has no step "${title}"`);
  return k;
};

/** "card@windowStart count" rows, sorted: the engine's, for the query the scene runs at that step. */
function engineRows(step: string, onlyThisRun: boolean): string[] {
  return fraudRows(engineStateAfter(scene, stepIndex(step)), onlyThisRun)
    .filter((r) => r.count !== null)
    .map((r) => `${r.card}@${r.windowStart} ${r.count}`)
    .sort();
}

/** The attempts the scene produced, with their record timestamps (the engine's model time: 12:00 on day 0). */
function sceneInput() {
  const state = engineStateAfter(scene, stepIndex(VARIANTS.tumbling.step));
  const p = state.topics[SOURCE_TOPIC]!.partitions[0]!;
  return keptRecords(p.logs[p.leader!]!).map((r) => ({
    key: r.key,
    value: r.value,
    timestamp: String(r.timestampMs),
  }));
}

describe('the fraud query on Kafka Streams (the engine of ksqlDB) against the engine', () => {
  beforeAll(() => {
    mkdirSync(CLASSES, { recursive: true });
    shOk(`javac -d ${CLASSES} -cp '.kafka/lib/*' kafka/streams/FraudQuery.java`, { timeoutMs: 120_000 });
  }, 150_000);
  afterAll(stopAllBackground);

  it.each(Object.entries(VARIANTS))(
    '%s windows: every row the topology writes is a row of the engine, and none is missing',
    async (name, v) => {
      const input = `fraud-in-${name}`;
      const output = `fraud-out-${name}`;
      // retention.ms -1: the records carry 1970 timestamps (the engine's clock), which time retention would delete.
      for (const topic of [input, output])
        shOk(
          `bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --if-not-exists --topic ${topic} ` +
            '--partitions 1 --config retention.ms=-1',
        );
      const records = sceneInput();
      const producer = new Kafka({ brokers: bootstrap().split(','), logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({ topic: input, acks: -1, messages: records });
      await producer.disconnect();

      startBackground(
        `java -cp '.kafka/lib/*:${CLASSES}' FraudQuery ${bootstrap()} ${input} ${output} fraud-${name} ` +
          `${v.sizeMinutes} ${v.advanceMinutes} ${THRESHOLD}`,
      );
      const expected = engineRows(v.step, v.onlyThisRun);
      expect(expected.length, 'the engine flagged something').toBeGreaterThan(0);

      // The topology's rows, once they stop coming (every input record makes at most one row per window).
      let rows: string[] = [];
      for (let quiet = 0, deadline = Date.now() + 120_000; quiet < 3 && Date.now() < deadline; ) {
        await sleep(2000);
        const now = readTopic(output)
          .map((r) => `${r.key} ${r.value}`)
          .sort();
        quiet = now.length > 0 && now.length === rows.length ? quiet + 1 : 0;
        rows = now;
      }
      expect(rows).toEqual(expected);
    },
    240_000,
  );
});

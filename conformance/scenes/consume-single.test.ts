import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { committed } from '../admin';
import { engineCommitted, engineStateAfter } from '../engine-facts';
import { produceRoundRobin, timing } from '../groups';
import {
  committedOffsets,
  describeGroup,
  hasKcat,
  parseGroupDescribe,
  sleep,
  stopAllBackground,
  waitFor,
} from '../real';
import { producedBy, ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('consume-single');
const TOPIC = 'orders-consume-single';
const shown = new ShownCommands(scene, { orders: TOPIC });
const engine = engineStateAfter(scene);

describe('consume-single on real Kafka', () => {
  afterEach(stopAllBackground);

  it("one consumer reads every partition in offset order and commits the engine's offsets", async () => {
    const values = producedBy(scene, 'producer', 'orders').map((r) => r.value);
    expect(values).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    const t0 = Date.now();
    // The scene's topic, made the way produce-no-key shows (4 partitions).
    const { bootstrap, shOk } = await import('../real');
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic ${TOPIC} --partitions 4`);
    produceRoundRobin(TOPIC, values);
    const out = shown.runOk(/kafka-console-consumer.sh/, {
      extra: ' --max-messages 8 --timeout-ms 60000',
    }).stdout;
    const printed = [...out.matchAll(/^Partition:(\d+)\tOffset:(\d+)\t(m\d+)$/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      m[3],
    ]);
    expect(printed).toHaveLength(8);
    for (const p of [0, 1, 2, 3]) {
      const offsets = printed.filter((r) => r[0] === p).map((r) => r[1]);
      expect(offsets, `P${p} in offset order`).toEqual([0, 1]);
    }
    const rows = parseGroupDescribe(
      shown.runOk(/kafka-consumer-groups.sh .*--describe --group reporting/).stdout,
    );
    expect(committedOffsets(rows)).toEqual(engineCommitted(engine, 'reporting', 'orders'));
    expect(rows.every((r) => r.lag === 0)).toBe(true);
    timing(
      'consume-single: create, produce 8, read and commit on close',
      Date.now() - t0,
      0,
      'no engine figure',
    );
  });

  it('librdkafka (kcat) in the same group starts from the committed offsets: nothing is read again', () => {
    expect(hasKcat(), 'kcat is needed: apt-get install kcat (CI installs it)').toBe(true);
    const r = shown.runOk(/^kcat /, { extra: " -e -f 'READ %p %o %s\\n'" });
    expect(r.stdout).not.toContain('READ ');
    expect(committedOffsets(describeGroup('reporting'))).toEqual(
      engineCommitted(engine, 'reporting', 'orders'),
    );
  });

  it('the first auto-commit comes within auto.commit.interval.ms (5 s) of reading', async () => {
    const { startBackground, bootstrap } = await import('../real');
    const group = 'reporting-autocommit';
    const t0 = Date.now();
    const c = startBackground(
      `bin/kafka-console-consumer.sh --bootstrap-server ${bootstrap()} --topic ${TOPIC} --group ${group} --from-beginning`,
    );
    const read = await waitFor(
      'the consumer to print its first record',
      () => (c.output().includes('m') ? Date.now() : undefined),
      { everyMs: 50 },
    );
    let commitAt = 0;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const offsets = await committed(group, TOPIC);
      if (Object.values(offsets).some((o) => o > 0)) {
        commitAt = Date.now();
        break;
      }
      await sleep(100);
    }
    expect(commitAt, 'an auto-commit within 30 s').toBeGreaterThan(0);
    // The engine's consumers auto-commit every auto.commit.interval.ms (5000, ConsumerConfig's default) of model time.
    timing(
      'first auto-commit after the first record is read',
      commitAt - read.value,
      5000,
      `consumer start to commit ${((commitAt - t0) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

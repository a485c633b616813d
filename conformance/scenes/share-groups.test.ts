import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SHARE_GROUP_CONFIG,
  inFlightAt,
  shareGroup,
  shareLag,
  sharePartitionOf,
} from '../../src/engine';
import { deliberate } from '../differences';
import { engineStateAfter } from '../engine-facts';
import { bootstrap, shOk, sleep, startBackground, stopAllBackground, stopBackground, waitFor } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('share-groups');
const TOPIC = 'jobs-share-groups';
const shown = new ShownCommands(scene, { jobs: TOPIC });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);
const JOBS = Array.from({ length: 8 }, (_, i) => `job-${i}`);

/** The console share consumer's lines with print.offset and print.delivery: offset, delivery count, value. */
function deliveries(out: string): { offset: number | null; delivery: number; value: string }[] {
  return [...out.matchAll(/^(?:Offset:(\d+)\t)?Delivery:(\d+)\t(\S+)$/gm)].map((m) => ({
    offset: m[1] === undefined ? null : Number(m[1]),
    delivery: Number(m[2]),
    value: m[3]!,
  }));
}

/** kafka-share-groups.sh --describe: START-OFFSET and LAG of the topic's partition 0. */
function describeRow(out: string): { start: number; lag: number } | undefined {
  const f = out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((x) => x[1] === TOPIC && x[2] === '0');
  return f ? { start: Number(f[3]), lag: Number(f[4]) } : undefined;
}

describe('share-groups on real Kafka', () => {
  afterEach(stopAllBackground);

  it('three share consumers all get the one partition, and more than one of them receives its records', async () => {
    deliberate('share-batches-by-timing');
    deliberate('share-start-offset-persisted');
    expect(shown.runOk(/kafka-features.sh/).stdout).toMatch(
      /Feature: share\.version\s+SupportedMinVersion: \d+\s+SupportedMaxVersion: \d+\s+FinalizedVersionLevel: 1/,
    );
    expect(shown.runOk(/--create --topic/).stdout).toContain(`Created topic ${TOPIC}`);
    expect(shown.runOk(/--entity-name workers/).stdout).toContain(
      'Completed updating config for group workers',
    );

    const consumer = shown.pick(/kafka-console-share-consumer.sh .*--group workers/);
    shown.mark(consumer.index);
    const three = [0, 1, 2].map(() => startBackground(consumer.shell));
    const engineJoined = engineStateAfter(scene, stepIndex('A share group joins'));
    const joined = Object.keys(shareGroup(engineJoined, 'workers')?.members ?? {}).length;
    // --describe --members: every member is assigned the one partition, as in the engine.
    const members = await waitFor('three share members assigned P0', () => {
      const out = shown.run(/--describe --group workers --members/).stdout;
      const rows = out.split('\n').filter((l) => l.trim().endsWith(`${TOPIC}:0`));
      return rows.length === joined ? rows : undefined;
    });
    expect(members.value).toHaveLength(3);

    // The scene's jobs, one every 700 ms, so they land in separate batches for the consumers to share;
    // which consumer's waiting fetch gets a batch is timing (share-batches-by-timing), so more jobs follow
    // until a second consumer has received some (at most 30 in all).
    const producer = shown.pick(/kafka-console-producer.sh/);
    shown.mark(producer.index);
    expect(producer.stdin).toEqual(JOBS);
    const p = startBackground(producer.shell);
    const receivers = () => three.filter((c) => deliveries(c.output()).length > 0).length;
    const sent: string[] = [];
    for (let i = 0; i < 30 && (i < JOBS.length || receivers() < 2); i++) {
      const job = `job-${i}`;
      p.proc.stdin?.write(`${job}\n`);
      sent.push(job);
      await sleep(700);
    }
    p.proc.stdin?.end();
    const got = await waitFor('every job delivered', () => {
      const all = three.flatMap((c) => deliveries(c.output()));
      return all.length >= sent.length ? all : undefined;
    });
    // Each job delivered once (the console consumer accepts what it prints), at delivery 1, at its offset.
    expect(got.value.map((d) => d.value).sort()).toEqual([...sent].sort());
    expect(got.value.every((d) => d.delivery === 1 && d.offset === sent.indexOf(d.value))).toBe(true);
    console.warn(`share-groups: ${receivers()} of 3 share consumers received records of the one partition`);
    expect(receivers()).toBeGreaterThan(1);
    await Promise.all(three.map((c) => stopBackground(c.proc)));

    // --describe: nothing left to deliver (LAG 0) as in the engine once every record is done.
    const engineEnd = engineStateAfter(scene);
    const sp = sharePartitionOf(engineEnd, 'workers', 'jobs', 0)!;
    const row = await waitFor('the share group described', () =>
      describeRow(shown.run(/--describe --group workers$/).stdout),
    );
    expect(row.value.lag).toBe(shareLag(engineEnd, sp));
    expect(row.value.start).toBeLessThanOrEqual(sent.length);
  });

  it('a consumer that releases every delivery sees each record delivered five times, then never again', () => {
    expect(shown.runOk(/--entity-name fragile/).stdout).toContain(
      'Completed updating config for group fragile',
    );
    // The console share consumer stops with an error once nothing comes for --timeout-ms: its exit code says
    // nothing about the deliveries.
    const out = shown.run(/--group fragile --release/, { extra: ' --timeout-ms 15000' }).stdout;
    const seen = deliveries(out);
    const limit = DEFAULT_SHARE_GROUP_CONFIG.deliveryCountLimit;
    for (const job of JOBS)
      expect(seen.filter((d) => d.value === job).map((d) => d.delivery)).toEqual(
        [1, 2, 3, 4, 5].slice(0, limit),
      );
    // The engine's poison record: delivered delivery.count.limit times, then ARCHIVED.
    const poisoned = engineStateAfter(scene, stepIndex('A poison record'));
    const r = inFlightAt(sharePartitionOf(poisoned, 'workers', 'jobs', 0)!, 10)!;
    expect([r.state, r.deliveryCount]).toEqual(['ARCHIVED', limit]);
    // Archived records count as done: the group has nothing left to deliver.
    const fragile = shOk(
      `bin/kafka-share-groups.sh --bootstrap-server ${bootstrap()} --describe --group fragile`,
    );
    expect(describeRow(fragile)?.lag).toBe(0);
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

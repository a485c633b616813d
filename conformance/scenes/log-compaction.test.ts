import { afterAll, describe, expect, it } from 'vitest';
import { type EngineState, keptRecords } from '../../src/engine';
import { deliberate } from '../differences';
import { engineStateAfter } from '../engine-facts';
import { bootstrap, shOk, sleep } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('log-compaction');
const TOPIC = 'card-status';
const shown = new ShownCommands(scene);
const step = (title: string) => scene.steps.findIndex((s) => s.title === title);

/** "offset:key=value" of the leader's records after a step, a tombstone's value as null. */
function engineAfter(title: string): string[] {
  const state: EngineState = engineStateAfter(scene, step(title));
  const p = state.topics[TOPIC]!.partitions[0]!;
  return keptRecords(p.logs[p.leader!]!).map((r) => `${r.offset}:${r.key}=${r.tombstone ? 'null' : r.value}`);
}

/** The topic as kcat reads it from the beginning: "offset:key=value", a null value as null (kcat's -Z). */
function realLog(): string[] {
  const out = shOk(`kcat -b ${bootstrap()} -C -t ${TOPIC} -o beginning -e -q -Z -f '%o:%k=%s\\n'`);
  return out
    .split('\n')
    .filter((l) => /^\d+:/.test(l))
    .map((l) => l.replace(/=NULL$/, '=null'));
}

/** Waits for the cleaner's next passes (log.cleaner.backoff.ms is 15 s) until the log reads as expected. */
async function untilLogIs(expected: readonly string[], timeoutMs = 75_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let seen = realLog();
  while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
    await sleep(2_000);
    seen = realLog();
  }
  return seen;
}

/** The shown console producer, fed these key:value lines (NULL: the null.marker, a tombstone). */
const produce = (...lines: string[]) =>
  shown.runOk(/kafka-console-producer.sh/, { input: `${lines.join('\n')}\n` });

/** More than segment.ms (4 s) between two appends, so the second rolls a new segment. */
const NEXT_SEGMENT_MS = 5_000;

describe('log-compaction on real Kafka', () => {
  it('the cleaner keeps the newest record per key in the closed segments, leaving the same offsets and gaps', async () => {
    deliberate('cleaner-timing');
    expect(shown.runOk(/--create --topic/).stdout).toContain(`Created topic ${TOPIC}`);
    const configs = shown.runOk(/kafka-configs.sh/).stdout;
    for (const c of [
      'cleanup.policy=compact',
      'segment.ms=4000',
      'min.cleanable.dirty.ratio=0.1',
      'delete.retention.ms=20000',
    ])
      expect(configs).toContain(c);

    produce('4412:active', '8855:active', '5550:active');
    await sleep(NEXT_SEGMENT_MS);
    produce('4412:blocked', '8855:limit 2k', '4412:active');
    await sleep(NEXT_SEGMENT_MS);
    produce('5550:blocked', '8855:limit 500');
    const cleaned = engineAfter('The cleaner passes');
    expect(cleaned).toEqual([
      '2:5550=active',
      '4:8855=limit 2k',
      '5:4412=active',
      '6:5550=blocked',
      '7:8855=limit 500',
    ]);
    expect(await untilLogIs(cleaned)).toEqual(cleaned);

    // The shown consumer from the beginning: its first record is offset 2, and it prints the gaps' absence.
    const read = shown.runOk(/kafka-console-consumer.sh/, {
      extra: ' --max-messages 5 --timeout-ms 30000',
    }).stdout;
    const offsets = read
      .split('\n')
      .map((l) => /^Offset:(\d+)/.exec(l)?.[1])
      .filter((o) => o !== undefined)
      .map(Number);
    expect(offsets).toEqual([2, 4, 5, 6, 7]);
  });

  it('a tombstone outlives the cleaning that reached it, and a pass after delete.retention.ms removes it', async () => {
    produce('8855:NULL');
    await sleep(NEXT_SEGMENT_MS);
    produce('4412:limit 1k');
    const kept = engineAfter('The cleaner keeps the tombstone');
    expect(kept).toEqual(['5:4412=active', '6:5550=blocked', '8:8855=null', '9:4412=limit 1k']);
    expect(await untilLogIs(kept)).toEqual(kept);

    // The horizon is that pass + delete.retention.ms (20 s): wait it out, then make the log dirty again.
    await sleep(21_000);
    produce('4412:active');
    const gone = engineAfter('The tombstone is gone');
    expect(gone).toEqual(['6:5550=blocked', '9:4412=limit 1k', '10:4412=active']);
    expect(await untilLogIs(gone)).toEqual(gone);
  });

  afterAll(() => {
    expect(shown.notRun()).toEqual([]);
  });
});

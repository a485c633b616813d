/**
 * A scene replayed on the real cluster agrees with the simulation at every step: the runner plays the
 * scene's commands on the conformance suite's cluster (fresh names per run), and the comparison finds no
 * disagreement between the engine's state at the end of each step and what the cluster shows.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap, ROOT, SUITE } from '../../conformance/real';
import { compareReplayStep, engineStateAtStep } from '../../src/reality/replay-compare';
import { groupedConsumers } from '../../src/scenarios/scenes/grouped-consumers';
import { produceWithKey } from '../../src/scenarios/scenes/produce-with-key';
import type { Scene } from '../../src/scenarios/types';
import { SceneReplay } from './runner';

let replay: SceneReplay | null = null;
afterEach(async () => {
  await replay?.close();
  replay = null;
});

async function replayWholeScene(scene: Scene) {
  const suffix = `-replay-${randomBytes(3).toString('hex')}`;
  replay = new SceneReplay(scene, {
    bootstrap: bootstrap(),
    origin: 'local',
    local: { home: SUITE.home, port: SUITE.port },
    root: ROOT,
    runId: suffix.slice(1),
    suffix,
    // Java consumers start slowly on a loaded shared machine; the step waits for them rather than judge early.
    settleTimeoutMs: 240_000,
  });
  const steps = [];
  for (let k = 0; k < scene.steps.length; k++) {
    const real = await replay.playTo(k);
    const result = compareReplayStep(scene, engineStateAtStep(scene, k), real, suffix);
    for (const d of result.deliberate)
      console.warn(`REPLAY ${scene.id} step ${k}: ${d.fact}: ${d.simulated} / ${d.real} (${d.why})`);
    for (const s of real.skipped) console.warn(`REPLAY ${scene.id} step ${k} skipped: ${s}`);
    steps.push({ k, real, result });
  }
  return steps;
}

describe('a scene replayed on the real cluster', () => {
  it('produce-with-key: every key lands on the partition and offset the simulation shows, through the growth to 6 partitions', async () => {
    const steps = await replayWholeScene(produceWithKey);
    for (const { k, result } of steps) expect(result.disagreements, `step ${k}`).toEqual([]);
    // not a comparison of nothing: 13 records were sent, and the last step saw 6 partitions
    expect(steps.flatMap((s) => s.real.produced)).toHaveLength(13);
    expect(steps.at(-1)!.real.snapshot.topics[0]!.partitions).toHaveLength(6);
    expect(steps.flatMap((s) => s.real.skipped)).toEqual([]);
  }, 600_000);

  it('grouped-consumers: the group splits, loses a member to its session timeout and scales out as the simulation shows', async () => {
    const steps = await replayWholeScene(groupedConsumers);
    for (const { k, result } of steps) expect(result.disagreements, `step ${k}`).toEqual([]);
    const last = steps.at(-1)!.real.snapshot.groups[0]!;
    expect(last.members.map((m) => m.clientId).sort()).toEqual([
      'consumer-a',
      'consumer-c',
      'consumer-d',
      'consumer-e',
      'consumer-f',
    ]);
    expect(steps.flatMap((s) => s.real.skipped)).toEqual([]);
  }, 1_200_000);
});

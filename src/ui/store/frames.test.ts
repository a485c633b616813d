import { describe, expect, it } from 'vitest';
import { formatTrace, Timeline } from '../../engine';
import { scenes } from '../../scenarios/registry';
import { sceneRun } from '../../scenarios/run';
import { frameAt, NO_LIVE, prefetchFrame } from './frames';

const sceneIndex = scenes.findIndex((s) => s.id === 'grouped-consumers');
const scene = scenes[sceneIndex]!;

/** The frame of a step computed straight from a fresh Timeline, with nothing cached. */
function fresh(step: number) {
  const run = sceneRun(scene, NO_LIVE);
  const timeline = new Timeline(run.seed, run.commands);
  const start = run.stepStarts[step]!;
  const end = run.stepEnds[step]!;
  const events = [];
  for (let i = start + 1; i <= end; i++) events.push(...timeline.seek(i).events);
  return { events, state: timeline.stateAt(end) };
}

describe('frames built ahead of time', () => {
  it('stop when idle time runs out and resume where they stopped', () => {
    const run = sceneRun(scene, NO_LIVE);
    const lengths = scene.steps.map((_, k) => run.stepEnds[k]! - run.stepStarts[k]!);
    const step = lengths.indexOf(Math.max(...lengths));
    expect(lengths[step]).toBeGreaterThan(3);
    let calls = 0;
    expect(prefetchFrame(sceneIndex, step, NO_LIVE, () => ++calls < 3)).toBe(false);
    expect(calls).toBe(3);
    // Finishing it on demand gives exactly the step a cold run gives.
    const frame = frameAt(sceneIndex, step, NO_LIVE);
    const expected = fresh(step);
    expect(formatTrace(frame.events)).toBe(formatTrace(expected.events));
    expect(frame.state).toEqual(expected.state);
  });

  it('are the very frame shown when the deck arrives there', () => {
    const step = 1;
    expect(prefetchFrame(sceneIndex, step, NO_LIVE, () => true)).toBe(true);
    expect(frameAt(sceneIndex, step, NO_LIVE)).toBe(frameAt(sceneIndex, step, NO_LIVE));
    expect(formatTrace(frameAt(sceneIndex, step, NO_LIVE).events)).toBe(formatTrace(fresh(step).events));
  });
});

import { describe, expect, it } from 'vitest';
import { sceneIndexById } from '../../scenarios/registry';
import type { Frame } from './frames';
import { NO_LIVE, stateAtStep } from './frames';
import { request, stillFrame } from './still-frames';

const ask = (sceneIndex: number, step: number) =>
  new Promise<Frame | null>((done) => {
    request({ sceneIndex, step, live: NO_LIVE, done });
  });

describe('still pictures for the miniatures', () => {
  it('are the engine state at the end of the step, with no events, computed once', async () => {
    const scene = sceneIndexById('replication');
    expect(stillFrame(scene, 2, NO_LIVE)).toBeNull();
    const frame = await ask(scene, 2);
    const state = stateAtStep(scene, 2);
    expect(frame?.state.now).toBe(state.now);
    expect(frame?.events).toEqual([]);
    expect(frame?.fromMs).toBe(state.now);
    expect(stillFrame(scene, 2, NO_LIVE)).toBe(frame);
  });

  it('are computed again for other live actions', async () => {
    const scene = sceneIndexById('produce-no-key');
    await ask(scene, 1);
    expect(stillFrame(scene, 1, [])).toBeNull();
  });

  it('withdrawn before their turn, never arrive', async () => {
    let arrived = false;
    const withdraw = request({
      sceneIndex: sceneIndexById('produce-with-key'),
      step: 1,
      live: NO_LIVE,
      done: () => {
        arrived = true;
      },
    });
    withdraw();
    await ask(sceneIndexById('produce-no-key'), 0);
    expect(arrived).toBe(false);
  });
});

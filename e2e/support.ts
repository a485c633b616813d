import { expect, type Page } from '@playwright/test';
import { type EngineState, initialState, step } from '../src/engine';
import { sceneRun } from '../src/scenarios/run';
import type { Scene } from '../src/scenarios/types';

/** Opens the deck at a place and waits until it shows that place. */
export async function open(page: Page, scene: string, step = 0, query = ''): Promise<void> {
  await page.goto(`/${query}#/${scene}/${step}`);
  await expectPlace(page, scene, step);
}

export async function expectPlace(page: Page, scene: string, step: number): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-scene', scene);
  await expect(page.locator('body')).toHaveAttribute('data-step', String(step));
}

/** Collects console errors and page errors, to assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A scene's engine state at the end of every step, replayed through the engine's front door. */
export function statesAtStepEnds(scene: Scene): EngineState[] {
  const run = sceneRun(scene);
  const out: EngineState[] = [];
  let state = initialState(run.seed);
  let k = 0;
  for (let i = 0; i <= run.commands.length; i++) {
    while (k < run.stepEnds.length && run.stepEnds[k] === i) {
      out.push(state);
      k++;
    }
    if (i === run.commands.length) break;
    const r = step(state, run.commands[i]!, {});
    if (!r.ok) throw new Error(`${run.commands[i]!.type}: ${r.error.code}`);
    state = r.state;
  }
  return out;
}

import { expect, test } from '@playwright/test';
import { expectPlace, open } from './support';

// On a projector the picture must not zoom in and out as the presenter steps: the narration below the stage
// is one to three lines long, and the stage keeps its size whatever the length.
test('the stage keeps its size from step to step while the narration changes length', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'produce-no-key', 0);
  const stageHeights = new Set<number>();
  const narrationLines = new Set<number>();
  for (const [scene, steps] of [
    ['produce-no-key', 8],
    ['produce-with-key', 8],
  ] as const) {
    for (let step = 0; step < steps; step++) {
      await expectPlace(page, scene, step);
      const { stage, lines } = await page.evaluate(() => {
        const text = document.querySelector('.narration > p:not(.decision)') as HTMLElement;
        return {
          stage: document.querySelector('.stage')!.getBoundingClientRect().height,
          lines: Math.round(text.offsetHeight / Number.parseFloat(getComputedStyle(text).lineHeight)),
        };
      });
      stageHeights.add(stage);
      narrationLines.add(lines);
      await page.keyboard.press('ArrowRight');
    }
  }
  // The walk really met narrations of different lengths, or it would prove nothing.
  expect(narrationLines.size).toBeGreaterThan(1);
  expect([...stageHeights]).toHaveLength(1);
});

import { expect, test } from '@playwright/test';
import { open } from './support';

// On a projector the picture must not zoom in and out as the presenter steps: the narration below the stage
// is one to three lines long, with or without the partitioner's decision, and the stage keeps its size.
test('the stage keeps one size through the whole deck while the narration changes length', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Each step at its end at once, decision line included, when its size is read.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, 'produce-no-key', 0);
  const stageHeights = new Map<number, string>();
  const narrationHeights = new Set<number>();
  for (let guard = 0; guard < 400; guard++) {
    const seen = await page.evaluate(() => {
      const text = document.querySelector('.narration > p:not(.decision)') as HTMLElement;
      return {
        place: window.location.hash,
        stage: document.querySelector('.stage')!.getBoundingClientRect().height,
        text: text.offsetHeight,
      };
    });
    if (!stageHeights.has(seen.stage)) stageHeights.set(seen.stage, seen.place);
    narrationHeights.add(seen.text);
    await page.keyboard.press('ArrowRight');
    if (await page.getByTestId('notice').filter({ hasText: 'end of the deck' }).count()) break;
    await expect(page).not.toHaveURL(new RegExp(`${seen.place}$`));
  }
  // The walk really met narrations of different lengths, or it would prove nothing.
  expect(narrationHeights.size).toBeGreaterThan(1);
  // One height, or the first step that differs.
  expect([...stageHeights]).toHaveLength(1);
});

import { expect, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
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

// The same legibility with each overlay open: what the room reads there is neither over other text, nor
// spilling out of its box, nor cut off by the window.
for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`with each overlay open at ${width}x${height}, no text over text, spilling or cut off`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const overlays: [string, string, string, boolean][] = [
      // [key, the overlay, what it opened, whether its text is also checked against the page's]
      ['?', '[data-testid="help-overlay"]', 'help', false],
      ['o', '[data-testid="overview"]', 'overview', false],
      ['l', '[data-testid="live-panel"]', 'Live panel', true],
      ['r', '[data-testid="real-commands"]', 'run it for real', false],
    ];
    for (const scene of ['replication', 'grouped-consumers', 'fraud-query', 'sandbox']) {
      await open(page, scene, 1);
      for (const [key, root, name, across] of overlays) {
        await page.keyboard.press(key);
        await expect(page.locator(root)).toBeVisible();
        if (name === 'overview')
          await expect(page.locator('.miniature[data-ready]')).toHaveCount(
            await page.locator('.miniature').count(),
            { timeout: 60_000 },
          );
        expect(await legibilityProblems(page, root, across), `${scene}, ${name}`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.locator(root)).toBeHidden();
      }
    }
    await page.goto('/?view=presenter#/replication/1');
    await expect(page.locator('[data-testid="next-step"] .miniature[data-ready]')).toHaveCount(1);
    for (const root of ['[data-testid="next-step"]', '[data-testid="speaker-notes"]', '.presenter-bar'])
      expect(await legibilityProblems(page, root), `presenter, ${root}`).toEqual([]);
  });
}

import { expect, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { open } from './support';
for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
  test(`log-compaction legible at ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const problems: string[] = [];
    for (let s = 0; s < 10; s++) {
      await open(page, 'log-compaction', s);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
      for (const p of await legibilityProblems(page, '.deck')) problems.push(`${s}: ${p}`);
    }
    expect(problems).toEqual([]);
  });
}

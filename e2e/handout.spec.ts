import { expect, test } from '@playwright/test';
import { open } from './support';

test('printing gives one handout page per step, with its narration and key state', async ({ page }) => {
  await open(page, 'produce-with-key', 2);
  await page.emulateMedia({ media: 'print' });
  const pages = page.locator('.handout-page');
  // The handout computes every step of every scene (the scalable one alone is ~30k engine events), which
  // takes a few seconds on a loaded two-core machine.
  await expect(pages.first()).toBeVisible({ timeout: 30_000 });
  const steps = await page.evaluate(() => document.querySelectorAll('.handout-page').length);
  expect(steps).toBeGreaterThanOrEqual(16);
  // The scene's last step: after the producers' metadata refresh, alice's next events move.
  const last = page.locator('.handout-page[data-scene="produce-with-key"][data-step="9"]');
  await expect(last).toContainText('alice lands on P3');
  await expect(last.locator('.handout-state')).toContainText('user-events/P5');
  // The handout's picture is the step's end state: the Java alice:buy on P3, the Python one on P5.
  const buys = last.locator('[data-testid="record"][data-value="buy"][data-key="alice"]');
  await expect(buys).toHaveCount(2);
  expect((await buys.evaluateAll((els) => els.map((e) => e.getAttribute('data-partition')))).sort()).toEqual([
    '3',
    '5',
  ]);

  const pdf = await page.pdf({ format: 'A4', landscape: true });
  const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pageCount).toBe(steps);
});

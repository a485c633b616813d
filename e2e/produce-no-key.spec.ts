import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { open } from './support';

/** The producers' and lanes' boxes on screen, by test id. */
async function boxes(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    const groups = document.querySelectorAll(
      '.stage-svg [data-testid^="producer-"], .stage-svg [data-testid^="partition-"]',
    );
    for (const g of groups) {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      out[g.getAttribute('data-testid')!] = [r.x, r.y, r.width, r.height].map((v) => Math.round(v));
    }
    return out;
  });
}

// An instructor opens the first scene, steps through it with the keyboard, steps back, and reloads.
test.describe('Producing without a key', () => {
  test('message N lands in partition N mod 4 at offset N div 4, stepping forward with the keyboard', async ({
    page,
  }) => {
    await page.goto('/#/produce-no-key/0');
    await expect(page.locator('body')).toHaveAttribute('data-scene', 'produce-no-key');
    await expect(page.getByTestId('partition-orders-0')).toBeVisible();
    await expect(page.getByTestId('record')).toHaveCount(0);

    // Steps 1-6 produce m0 .. m11 (step 4 asks the room first and produces nothing).
    const keys = ['ArrowRight', 'Space', 'PageDown', 'Enter', 'ArrowRight', 'ArrowRight'];
    for (const key of keys) await page.keyboard.press(key);
    await expect(page.locator('body')).toHaveAttribute('data-step', '6');
    await expect(page).toHaveURL(/#\/produce-no-key\/6$/);

    for (let n = 0; n < 12; n++) {
      const record = page.locator(`[data-testid="record"][data-value="m${n}"]`);
      await expect(record).toHaveAttribute('data-partition', String(n % 4));
      await expect(record).toHaveAttribute('data-offset', String(Math.floor(n / 4)));
      await expect(page.getByTestId(`partition-orders-${n % 4}`).locator(`[data-value="m${n}"]`)).toHaveCount(
        1,
      );
      await expect(record).not.toHaveAttribute('data-key');
    }
    await expect(page.getByTestId('partition-choice')).toContainText('round robin: counter 11 % 4 = 3');
  });

  test('stepping back restores the earlier state at once, and a reload lands on the same step', async ({
    page,
  }) => {
    await page.goto('/#/produce-no-key/3');
    await expect(page.getByTestId('record')).toHaveCount(4);
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('body')).toHaveAttribute('data-step', '2');
    // No waiting for an animation: the record of step 3 is gone immediately.
    await expect(page.getByTestId('record')).toHaveCount(2);
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('record')).toHaveCount(1);
    await expect(page).toHaveURL(/#\/produce-no-key\/1$/);

    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('record')).toHaveCount(1);
    await expect(page.locator('[data-testid="record"][data-value="m0"]')).toHaveAttribute(
      'data-partition',
      '0',
    );
  });

  test('a bad step in the link lands on the nearest valid step with a notice', async ({ page }) => {
    await page.goto('/#/produce-no-key/999');
    const last = await page.evaluate(() => document.body.dataset.step);
    expect(Number(last)).toBeGreaterThan(5);
    await expect(page.getByTestId('notice')).toContainText('last step');
    await page.goto('/#/no-such-scene/2');
    await expect(page.locator('body')).toHaveAttribute('data-scene', 'produce-no-key');
    await expect(page.getByTestId('notice')).toContainText('There is no scene');
  });

  test('the round-robin computation sits under the producer with an arrow to the partition it chose', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'produce-no-key', 5);
    await expect(page.getByTestId('computation-producer')).toHaveText(/m4: counter 4\s*% 4 = 0 → P0/);
    await expect(page.getByTestId('arrow-producer')).toHaveAttribute('data-partition', '0');
    // m4, the record of this step, is outlined; m0 from an earlier step is not.
    await expect(page.locator('[data-testid="record"][data-value="m4"]')).toHaveAttribute(
      'data-marks',
      'fresh',
    );
    await expect(page.locator('[data-testid="record"][data-value="m0"]')).not.toHaveAttribute(
      'data-marks',
      /.+/,
    );
    // Offsets are "next", not LEO or HW: the high watermark comes with replication, much later.
    await expect(page.getByTestId('partition-orders-0').getByTestId('next-offset')).toHaveAttribute(
      'data-offset',
      '2',
    );
    await expect(page.locator('.stage-svg')).not.toContainText(/LEO|HW/);
  });

  test('the partitioner line under the stage speaks in the produce scenes only', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'produce-no-key', 1);
    await expect(page.getByTestId('partition-choice')).toBeVisible();
    for (const [scene, step] of [
      // Steps whose producers choose partitions (their golden traces show partitionChosen).
      ['replication', 1],
      ['grouped-consumers', 1],
    ] as const) {
      await open(page, scene, step);
      await expect(page.getByTestId('narration')).toBeVisible();
      await expect(page.getByTestId('partition-choice')).toHaveCount(0);
    }
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`every step at ${width}x${height}: boxes stay in place, no text over text`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const seen: Record<string, number[]> = {};
      for (let s = 0; s < 8; s++) {
        await open(page, 'produce-no-key', s);
        await expect(page.locator('.stage-svg')).toBeVisible();
        for (const [id, box] of Object.entries(await boxes(page))) {
          seen[id] ??= box;
          expect(box, `step ${s}: ${id}`).toEqual(seen[id]);
        }
        expect(await legibilityProblems(page, '.deck'), `step ${s}`).toEqual([]);
      }
      // Both producers and all four lanes were measured, the sticky one from the step it appears.
      expect(Object.keys(seen).sort()).toEqual([
        'partition-orders-0',
        'partition-orders-1',
        'partition-orders-2',
        'partition-orders-3',
        'producer-producer',
        'producer-sticky',
      ]);
    });
  }
});

import { expect, test } from '@playwright/test';

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
});

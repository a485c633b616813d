import { expect, test } from '@playwright/test';
import { expectPlace, open } from './support';

test.describe('live controls', () => {
  test('a keyed record produced live lands where murmur2 says, and survives a reload', async ({ page }) => {
    await open(page, 'produce-with-key', 3);
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'key' }).fill('alice');
    await page.getByRole('textbox', { name: 'value' }).fill('live-1');
    await page.getByRole('button', { name: 'Produce' }).click();
    const record = page.locator('[data-testid="record"][data-value="live-1"]');
    // alice: murmur2 1951417749, % 4 = 1; P1 already holds alice:login at offset 0.
    await expect(record).toHaveAttribute('data-partition', '1');
    await expect(record).toHaveAttribute('data-offset', '1');
    await expect(page.getByTestId('partition-choice')).toContainText('murmur2("alice") = 1951417749');

    await page.reload();
    await expectPlace(page, 'produce-with-key', 3);
    await expect(page.locator('[data-testid="record"][data-value="live-1"]')).toHaveAttribute(
      'data-partition',
      '1',
    );
    // Stepping on keeps the live record in the run; the scripted records come after it.
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-testid="record"][data-value="live-1"]')).toHaveCount(1);
    await expect(
      page.locator('[data-testid="record"][data-value="logout"][data-key="alice"]'),
    ).toHaveAttribute('data-offset', '2');
  });

  test('acting after stepping back forks the run: later live actions are dropped', async ({ page }) => {
    await open(page, 'produce-no-key', 3);
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'value' }).fill('late');
    await page.getByRole('button', { name: 'Produce' }).click();
    await expect(page.locator('[data-value="late"]')).toHaveCount(1);
    // Esc would close the Live panel (the topmost overlay): leave the field with a click instead.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, 'produce-no-key', 2);
    await expect(page.locator('[data-value="late"]')).toHaveCount(0);
    await page.getByRole('textbox', { name: 'value' }).fill('early');
    await page.getByRole('button', { name: 'Produce' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 3);
    await expect(page.locator('[data-value="early"]')).toHaveCount(1);
    await expect(page.locator('[data-value="late"]')).toHaveCount(0);
  });

  test('unreadable saved actions are kept aside with a clear message, and the deck still opens', async ({
    page,
  }) => {
    await page.goto('/#/produce-no-key/1');
    await page.evaluate(() =>
      localStorage.setItem('kafka-stage:v1', '{"live": {"produce-no-key": [{"step": "x"}]}'),
    );
    await page.reload();
    await expectPlace(page, 'produce-no-key', 1);
    await expect(page.getByTestId('notice')).toContainText('could not be read');
    expect(await page.evaluate(() => localStorage.getItem('kafka-stage:unreadable'))).toContain(
      '"step": "x"',
    );
  });

  test("changing a producer's acks live takes effect in the engine and survives a reload", async ({
    page,
  }) => {
    await open(page, 'produce-with-key', 1);
    await page.getByRole('button', { name: 'Live' }).click();
    const acks = page.getByRole('combobox', { name: 'java-app acks' });
    await expect(acks).toHaveValue('all');
    await acks.selectOption('1');
    await expect(acks).toHaveValue('1');
    await page.reload();
    await page.getByRole('button', { name: 'Live' }).click();
    await expect(page.getByRole('combobox', { name: 'java-app acks' })).toHaveValue('1');
  });

  test("clearing the scene's live actions removes them, and they stay gone after a reload", async ({
    page,
  }) => {
    await open(page, 'produce-with-key', 1);
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'value' }).fill('to-clear');
    await page.getByRole('button', { name: 'Produce' }).click();
    await expect(page.locator('[data-testid="record"][data-value="to-clear"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear this scene’s actions' }).click();
    await expect(page.locator('[data-testid="record"][data-value="to-clear"]')).toHaveCount(0);
    await expect(page.getByTestId('notice')).toContainText('Live actions of this scene cleared');
    // Nothing left to clear: the button is gone until the next live action.
    await expect(page.getByRole('button', { name: 'Clear this scene’s actions' })).toHaveCount(0);
    await page.reload();
    await expectPlace(page, 'produce-with-key', 1);
    // The scripted record is still there; only the live one is gone.
    await expect(page.locator('[data-testid="record"][data-value="login"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="record"][data-value="to-clear"]')).toHaveCount(0);

    // The same entry's key, Alt + X, from the deck.
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'value' }).fill('to-clear-by-key');
    await page.getByRole('button', { name: 'Produce' }).click();
    await expect(page.locator('[data-testid="record"][data-value="to-clear-by-key"]')).toHaveCount(1);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+x');
    await expect(page.locator('[data-testid="record"][data-value="to-clear-by-key"]')).toHaveCount(0);
    await page.reload();
    await expectPlace(page, 'produce-with-key', 1);
    await expect(page.locator('[data-testid="record"][data-value="to-clear-by-key"]')).toHaveCount(0);
  });
});

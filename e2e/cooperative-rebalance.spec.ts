import { expect, type Page, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

// An instructor plays "Eager or cooperative": the same crash and scale-out in two groups side by side. The
// room must see the eager group read nothing while rebalancing and the cooperative one keep reading, and
// the cooperative scale-out take two generations where eager takes one.
const SCENE = 'cooperative-rebalance';
const group = (page: Page, id: string) => page.getByTestId(`compare-group-${id}`);
const counter = (page: Page, id: string) => group(page, id).getByTestId('compare-counter');
const row = (page: Page, id: string, p: number) =>
  group(page, id).locator(`[data-testid="compare-partition"][data-partition="${p}"]`);

async function next(page: Page, step: number): Promise<void> {
  await page.keyboard.press('ArrowRight');
  await expectPlace(page, SCENE, step);
}

test.describe('Eager or cooperative: who stops during a rebalance', () => {
  test.use({ reducedMotion: 'reduce' });

  test('counts what each group read while rebalancing, and shows which partitions paused', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, 0);
    await expect(group(page, 'eager')).toHaveAttribute('data-protocol', 'eager');
    await expect(group(page, 'cooperative')).toHaveAttribute('data-protocol', 'cooperative');
    await expect(group(page, 'eager')).toHaveAttribute('data-reading', '4');
    await expect(counter(page, 'eager')).toHaveAttribute('data-count', '0');

    // The prediction gives nothing away: both counters still at 0.
    await next(page, 1);
    await expect(counter(page, 'cooperative')).toHaveAttribute('data-count', '0');

    await next(page, 2);
    await expect(counter(page, 'eager')).toHaveAttribute('data-count', '0');
    await expect(counter(page, 'cooperative')).toHaveAttribute('data-count', '16');
    await expect(counter(page, 'cooperative')).toContainText('16');
    await expect(group(page, 'eager')).toHaveAttribute('data-generation', '2');
    // Cooperative: only b's P1 was ever unread; a's P0 and P3 and c's P2 never paused.
    await expect(row(page, 'cooperative', 0)).toHaveAttribute('data-gaps', '0');
    await expect(row(page, 'cooperative', 1)).not.toHaveAttribute('data-gaps', '0');
    await expect(row(page, 'cooperative', 1)).toHaveAttribute('data-consumer', 'coop-c');

    await next(page, 3);
    await next(page, 4);
    await expect(group(page, 'eager')).toHaveAttribute('data-generation', '3');
    await expect(group(page, 'cooperative')).toHaveAttribute('data-generation', '4');
    await expect(counter(page, 'cooperative')).toHaveAttribute('data-count', '33');
    for (const p of [0, 1]) await expect(row(page, 'cooperative', p)).toHaveAttribute('data-gaps', '0');
    for (const p of [0, 1, 2, 3]) await expect(row(page, 'eager', p)).toHaveAttribute('data-reading', 'read');

    // Step back: the scale-out is undone.
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, 3);
    await expect(group(page, 'cooperative')).toHaveAttribute('data-generation', '2');
    expect(errors).toEqual([]);
  });

  test('a deep link opens the crash step with its numbers', async ({ page }) => {
    await open(page, SCENE, 2);
    await expect(counter(page, 'cooperative')).toHaveAttribute('data-count', '16');
    await expect(row(page, 'eager', 2)).toHaveAttribute('data-consumer', 'eager-c');
  });
});

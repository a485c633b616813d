import { expect, type Page, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

// An instructor plays "Slow processing, and members that come back": the room must see slow's poll timer
// run out while its heartbeats were arriving, slow out of the group, and a static member's restart leave
// the generation where it was while a dynamic one's moves it twice.
const SCENE = 'poll-interval-and-static-members';
const card = (page: Page, consumer: string) => page.getByTestId(`member-${consumer}`);
const generation = (page: Page, group: string) => page.getByTestId(`timers-group-${group}`);

async function next(page: Page, step: number): Promise<void> {
  await page.keyboard.press('ArrowRight');
  await expectPlace(page, SCENE, step);
}

test.describe('Slow processing, and members that come back', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the poll timer runs out though heartbeats arrive; a static restart keeps the generation', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, 0);
    await expect(card(page, 'slow')).toHaveAttribute('data-status', 'member');
    await expect(generation(page, 'billing')).toHaveAttribute('data-generation', '1');

    await next(page, 1);
    await next(page, 2);
    await expect(card(page, 'slow')).toHaveAttribute('data-status', 'out');
    await expect(card(page, 'slow')).toHaveAttribute('data-expired', 'true');
    await expect(card(page, 'slow').getByTestId('poll-timer')).toContainText('/ 10 s');
    // Heartbeats were going out in the seconds before it left.
    expect(Number(await card(page, 'slow').getAttribute('data-heartbeats'))).toBeGreaterThan(2);
    await expect(generation(page, 'billing')).toHaveAttribute('data-generation', '2');
    await expect(card(page, 'fast')).toContainText('owns P0 P1 P2 P3');

    await next(page, 3);
    await expect(card(page, 'slow')).toHaveAttribute('data-status', 'member');
    await expect(generation(page, 'billing')).toHaveAttribute('data-generation', '3');

    await next(page, 4);
    await next(page, 5);
    await expect(generation(page, 'shipping')).toHaveAttribute('data-generation', '1');
    await expect(card(page, 'pinned')).toContainText('static · shipping-1');
    await expect(card(page, 'pinned')).toContainText('owns P0 P1');

    await next(page, 6);
    await expect(generation(page, 'shipping')).toHaveAttribute('data-generation', '3');

    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, 5);
    await expect(generation(page, 'shipping')).toHaveAttribute('data-generation', '1');
    expect(errors).toEqual([]);
  });

  test('a deep link opens the poll timeout', async ({ page }) => {
    await open(page, SCENE, 2);
    await expect(card(page, 'slow')).toHaveAttribute('data-status', 'out');
  });
});

import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems, scrolls } from './legibility';
import { expectPlace, open, watchErrors } from './support';

/** Whether two elements' boxes overlap on screen. */
async function overlaps(page: Page, a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([page.locator(a).boundingBox(), page.locator(b).boundingBox()]);
  if (!ra || !rb) throw new Error(`${a} or ${b} is not on screen`);
  return (
    Math.min(ra.x + ra.width, rb.x + rb.width) > Math.max(ra.x, rb.x) + 1 &&
    Math.min(ra.y + ra.height, rb.y + rb.height) > Math.max(ra.y, rb.y) + 1
  );
}

const insideWindow = async (page: Page, selector: string) => {
  const box = (await page.locator(selector).boundingBox())!;
  const size = page.viewportSize()!;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
};

test.describe('overlays a presenter can trust', () => {
  test('help: ? opens it, Esc closes it and opens nothing else, the focus goes back, then the deck moves', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'produce-no-key', 1);
    await page.getByRole('button', { name: 'Keys (?)' }).click();
    const help = page.getByTestId('help-overlay');
    await expect(help).toBeVisible();
    // Under the help the deck stays still.
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 1);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(page.getByTestId('overview')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Keys (?)' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('overview')).toBeHidden();
    await page.keyboard.press('PageDown');
    await expectPlace(page, 'produce-no-key', 2);
    expect(errors).toEqual([]);
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`help fits a ${width}x${height} window unscrolled, in groups, from the registry`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await open(page, 'replication', 2);
      await page.keyboard.press('?');
      const help = page.getByTestId('help-overlay');
      for (const group of ['moving', 'presenting', 'overview', 'live'])
        await expect(help.locator(`[data-group="${group}"]`)).toBeVisible();
      for (const id of ['next-step', 'overview', 'close-top', 'live-panel', 'real-commands', 'overview-pick'])
        await expect(help.locator(`tr[data-command="${id}"]`)).toHaveCount(1);
      // Without a bridge there is no real cluster: its keys are not listed.
      for (const id of ['reality', 'replay-real'])
        await expect(help.locator(`tr[data-command="${id}"]`)).toHaveCount(0);
      expect(await scrolls(page, '.help-panel')).toBe(false);
      expect(await insideWindow(page, '.help-panel')).toBe(true);
      await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
      expect(await legibilityProblems(page, '[data-testid="help-overlay"]')).toEqual([]);
    });

    test(`overview: every scene at once as a miniature at ${width}x${height}, unscrolled`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      await open(page, 'replication', 2);
      await page.keyboard.press('o');
      const overview = page.getByTestId('overview');
      const cells = overview.locator('[data-scene-id]');
      const count = await cells.count();
      expect(count).toBeGreaterThanOrEqual(15);
      // Every miniature drawn, the stream scenes' after the query engine loaded.
      await expect(overview.locator('.miniature[data-ready]')).toHaveCount(count, { timeout: 60_000 });
      for (let i = 0; i < count; i++) await expect(cells.nth(i)).toBeInViewport({ ratio: 1 });
      expect(await scrolls(page, '.overview-grid')).toBe(false);
      // Each cell shows a picture of its own scene: the stage's own SVG, scaled down.
      await expect(overview.locator('[data-scene-id="replication"] .miniature svg').first()).toBeVisible();
      await expect(overview.locator('[data-scene-id="replication"]')).toContainText('slide 40');
      expect(await legibilityProblems(page, '[data-testid="overview"]')).toEqual([]);
    });
  }

  test('overview: arrows move the selection (the deck stays), Enter jumps; Esc closes and the deck moves again', async ({
    page,
  }) => {
    await open(page, 'produce-no-key', 1);
    await page.keyboard.press('o');
    const overview = page.getByTestId('overview');
    const selected = overview.locator('[data-selected="true"]');
    await expect(selected).toHaveAttribute('data-scene-id', 'produce-no-key');
    await page.keyboard.press('ArrowRight');
    await expect(selected).toHaveAttribute('data-scene-id', 'produce-with-key');
    await expectPlace(page, 'produce-no-key', 1);
    await page.keyboard.press('ArrowLeft');
    await expect(selected).toHaveAttribute('data-scene-id', 'produce-no-key');
    await page.keyboard.press('ArrowDown');
    const below = await selected.getAttribute('data-scene-id');
    expect(below).not.toBe('produce-no-key');
    await page.keyboard.press('Escape');
    await expect(overview).toBeHidden();
    await expectPlace(page, 'produce-no-key', 1);
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 2);

    await page.keyboard.press('o');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const target = await selected.getAttribute('data-scene-id');
    await page.keyboard.press('Enter');
    await expect(overview).toBeHidden();
    await expectPlace(page, target!, 0);

    await page.keyboard.press('o');
    await overview.locator('[data-scene-id="replication"]').click();
    await expect(overview).toBeHidden();
    await expectPlace(page, 'replication', 0);
  });

  test('Live panel: docked beside the stage and narration, says what each control does, shows the effect', async ({
    page,
  }) => {
    await open(page, 'replication', 2);
    await page.keyboard.press('l');
    const panel = page.getByTestId('live-panel');
    await expect(panel).toBeVisible();
    expect(await overlaps(page, '[data-testid="live-panel"]', '.stage')).toBe(false);
    expect(await overlaps(page, '[data-testid="live-panel"]', '[data-testid="narration"]')).toBe(false);
    expect(await insideWindow(page, '.stage svg.stage-svg')).toBe(true);
    expect(await legibilityProblems(page, '[data-testid="live-panel"]', true)).toEqual([]);

    const kill = panel.getByRole('button', { name: /^Kill broker 0: the leader of P0$/ });
    await expect(kill).toBeVisible();
    await expect(panel.getByRole('button', { name: /^Kill broker 1: a follower of P0$/ })).toBeVisible();
    await kill.click();
    // The stage shows the effect with the panel still open, and the control now says what it will do next.
    await expect(page.getByTestId('broker-0')).toHaveAttribute('data-alive', 'false');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('button', { name: /^Restart broker 0/ })).toBeVisible();
    // The focus on a control of the panel does not hold the deck's keys.
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'replication', 3);
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, 'replication', 2);

    // Esc from a control in the panel closes it; the deck keys work again.
    await panel.getByRole('textbox', { name: 'key' }).focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'replication', 3);
  });

  test('the Live button opens the panel and gets the focus back when Esc closes it', async ({ page }) => {
    await open(page, 'produce-no-key', 1);
    const button = page.getByRole('button', { name: 'Live', exact: true });
    await button.click();
    await expect(page.getByTestId('live-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('live-panel')).toBeHidden();
    await expect(button).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 2);
  });

  test('run it for real: R or its summary opens it, Esc closes only it, the deck moves on', async ({
    page,
  }) => {
    await open(page, 'replication', 2);
    await page.keyboard.press('l');
    await page.keyboard.press('r');
    const real = page.getByTestId('real-commands');
    await expect(real).toBeVisible();
    await expect(real).toContainText('kafka-topics');
    expect(await legibilityProblems(page, '[data-testid="real-commands"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(real).toBeHidden();
    // The Live panel under it is still open: one Esc, one overlay.
    await expect(page.getByTestId('live-panel')).toBeVisible();
    await page.getByText('Run it for real').click();
    await expect(real).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(real).toBeHidden();
    await expect(page.getByText('Run it for real')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'replication', 3);
  });

  test('black screen: B blanks it, Esc brings the picture back without moving, above any overlay', async ({
    page,
  }) => {
    await open(page, 'produce-no-key', 1);
    await page.keyboard.press('?');
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('blackout')).toBeHidden();
    await expect(page.getByTestId('help-overlay')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-overlay')).toBeHidden();
    await expectPlace(page, 'produce-no-key', 1);
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('blackout')).toBeHidden();
    await expect(page.getByTestId('overview')).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 2);
  });

  test("presenter view: the next step's picture, the talk's and the scene's time, notes size keys, overlays", async ({
    page,
  }) => {
    await page.goto('/?view=presenter#/replication/2');
    await expect(page.getByTestId('presenter')).toBeVisible();
    const next = page.getByTestId('next-step');
    await expect(next.locator('.miniature[data-ready]')).toHaveCount(1);
    await expect(next.locator('.miniature svg').first()).toBeVisible();
    await expect(page.getByTestId('elapsed')).toContainText(/talk \d\d:\d\d/);
    await expect(page.getByTestId('scene-elapsed')).toContainText(/scene \d\d:\d\d/);
    const notes = page.getByTestId('speaker-notes').locator('p').first();
    const fontPx = async () => Number.parseFloat(await notes.evaluate((p) => getComputedStyle(p).fontSize));
    const before = await fontPx();
    await page.keyboard.press(']');
    await expect.poll(fontPx).toBeGreaterThan(before);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(fontPx).toBeLessThan(before);

    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-overlay')).toBeHidden();
    await page.keyboard.press('o');
    await expect(page.getByTestId('overview')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('overview')).toBeHidden();
    await page.keyboard.press('l');
    await expect(page.getByTestId('live-panel')).toBeVisible();
    expect(await overlaps(page, '[data-testid="live-panel"]', '[data-testid="speaker-notes"]')).toBe(false);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('live-panel')).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'replication', 3);
    expect(await legibilityProblems(page, '[data-testid="next-step"]')).toEqual([]);
  });
});

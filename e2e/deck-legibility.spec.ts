import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { open } from './support';

// A room reads the stage from its picture: at every step of every scene, on a 720p projector and a 1080p
// one, no label is drawn over another, none runs out of the box it belongs to or out of the window, and no
// label is painted on a canvas, where nothing can measure it (labels are SVG or HTML text).

/** Records every label a canvas paints, before the app's own code runs. */
async function watchCanvasText(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const painted: string[] = [];
    (window as unknown as { __canvasText: string[] }).__canvasText = painted;
    for (const name of ['fillText', 'strokeText'] as const) {
      const original = CanvasRenderingContext2D.prototype[name];
      CanvasRenderingContext2D.prototype[name] = function (this: CanvasRenderingContext2D, ...args) {
        painted.push(String(args[0]));
        return original.apply(this, args as Parameters<typeof original>);
      };
    }
  });
}

/** The step's picture, settled: the view loaded, the ksql engine too where the scene needs it. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('.stage .stage-empty')).toHaveCount(0, { timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
  // Two frames: a view measuring its labels redraws once after the first paint.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
  );
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`at ${width}x${height}, every step of every scene is legible`, async ({ page }) => {
    test.setTimeout(300_000);
    await watchCanvasText(page);
    await page.setViewportSize({ width, height });
    // Each step shows its final picture at once: what a reduced-motion viewer, and a screenshot, sees.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'produce-no-key', 0);
    await page.keyboard.press('Home');
    const problems: string[] = [];
    const places = new Set<string>();
    for (let guard = 0; guard < 400; guard++) {
      const place = await page.evaluate(() => window.location.hash);
      places.add(place);
      await settled(page);
      for (const p of await legibilityProblems(page, '.deck')) problems.push(`${place}: ${p}`);
      await page.keyboard.press('ArrowRight');
      if (await page.getByTestId('notice').filter({ hasText: 'end of the deck' }).count()) break;
      await expect(page).not.toHaveURL(new RegExp(`${place}$`));
    }
    // The walk met the whole deck, or it proves nothing.
    expect(places.size).toBeGreaterThan(60);
    const canvasText = await page.evaluate(
      () => (window as unknown as { __canvasText: string[] }).__canvasText,
    );
    expect([...new Set(canvasText)], 'labels painted on a canvas').toEqual([]);
    expect(problems).toEqual([]);
  });
}

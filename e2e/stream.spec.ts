import { expect, type Page, test } from '@playwright/test';
import { fraudQuery } from '../src/scenarios/scenes/fraud-query';
import { legibilityProblems } from './legibility';
import { expectPlace, open, watchErrors } from './support';

const SCENE = 'fraud-query';
/** The step where the whole query is built and the editor appears. */
const EDITABLE_STEP = 5;

const rows = (page: Page) => page.getByTestId('output-row');

/** Each output entry's rows (one card and window, updated in place), as "4,5,6", sorted. */
async function updates(page: Page): Promise<string[]> {
  return (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-counts') ?? ''))).sort();
}

/** Puts the cursor just before the final ';' of the editor's text. */
async function beforeFinalSemicolon(page: Page): Promise<void> {
  await page.getByTestId('query-editor').locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
}

test.describe('the fraud query on stage', () => {
  test('clause by clause by keyboard, then edit, rerun, break and reload the query', async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, 0);
    await expect(page.getByTestId('stream-record').first()).toBeVisible();
    await expect(page.getByTestId('query-editor')).toHaveCount(0);
    for (let k = 1; k <= EDITABLE_STEP; k++) {
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, k);
    }
    // Every input dot carries its card and its epoch-aligned window.
    const windowStarts = await page
      .getByTestId('stream-record')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-window-start'))));
    for (const w of windowStarts) expect(w % (5 * 60_000)).toBe(0);

    // The output topic: the two hammered cards, counts 4, 5, 6 in one window (one row that updates) and 4
    // in another.
    await expect(rows(page)).toHaveCount(2);
    expect(await updates(page)).toEqual(['4', '4,5,6']);
    const cards = new Set(await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-card'))));
    expect(cards.size).toBe(2);

    // Raise the threshold to 5 and run: only the count-6 row is left.
    await expect(page.getByTestId('query-editor').locator('.cm-content')).toBeVisible();
    await beforeFinalSemicolon(page);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');
    await expect(page.getByTestId('query-editor')).toContainText('HAVING count(*) > 5;');
    await page.getByTestId('query-run').click();
    await expect(rows(page)).toHaveCount(1);
    expect(await updates(page)).toEqual(['6']);

    // A malformed query: the error names its line and column, inline and below the editor.
    await beforeFinalSemicolon(page);
    await page.keyboard.press('Backspace');
    await page.getByTestId('query-run').click();
    const error = page.getByTestId('query-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/line 6, column \d+/);
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
    // Nothing was run: the rows of the last good query stay.
    await expect(rows(page)).toHaveCount(1);

    // The deck keeps working: Escape hands the keys back, and the arrows move on.
    await page.getByTestId('query-editor').locator('.cm-content').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, SCENE, EDITABLE_STEP + 1);

    // The edited query was a live action: it survives a reload.
    await page.reload();
    await expectPlace(page, SCENE, EDITABLE_STEP + 1);
    await expect(page.getByTestId('query-editor')).toContainText('HAVING count(*) > 5;');
    await expect(rows(page)).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('keys typed in the editor do not drive the deck', async ({ page }) => {
    await open(page, SCENE, EDITABLE_STEP);
    await page.getByTestId('query-editor').locator('.cm-content').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type(' t b');
    await expectPlace(page, SCENE, EDITABLE_STEP);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('each step points at its card: the pinned output row is the one the step talks about, on top and on screen', async ({
    page,
  }) => {
    const focus = fraudQuery.view.kind === 'stream' ? (fraudQuery.view.focus ?? []) : [];
    const pinnedSteps = focus
      .flatMap((f, k) => (f?.windowStart !== undefined ? [k] : []))
      .filter((k) => k >= 5);
    expect(pinnedSteps.length).toBeGreaterThan(0);
    for (const k of pinnedSteps) {
      await open(page, SCENE, k);
      const pinned = rows(page).first();
      await expect(pinned).toBeInViewport();
      await expect(pinned).toHaveAttribute('data-pinned', 'true');
      await expect(pinned).toHaveAttribute('data-card', focus[k]!.card);
      await expect(pinned).toHaveAttribute('data-window-start', String(focus[k]!.windowStart));
      await expect(page.getByTestId('stream-focus')).toHaveAttribute('data-card', focus[k]!.card);
    }
    // The hopping step writes 36 rows: what is not listed is counted.
    await expect(page.getByTestId('output-more')).toHaveText(/^\+\d+ more$/);
  });

  test('the predict step’s answer draws what its question does not', async ({ page }) => {
    const k = fraudQuery.steps.findIndex((s) => s.predict !== undefined);
    await open(page, SCENE, k);
    await expect(page.getByTestId('stream-question')).toBeVisible();
    await expect(page.getByTestId('stream-answer')).toHaveCount(0);
    const question = await page.locator('.stream-timeline').screenshot({ animations: 'disabled' });
    await open(page, SCENE, k + 1);
    await expect(page.getByTestId('stream-question')).toHaveCount(0);
    await expect(page.getByTestId('stream-answer')).toHaveText('3 + 3: no window > 3');
    await expect(page.getByTestId('output-absent')).toBeVisible();
    const answer = await page.locator('.stream-timeline').screenshot({ animations: 'disabled' });
    expect(answer.equals(question)).toBe(false);
  });

  test('attempts made at nearly the same time are stacked: no two dots overlap on screen', async ({
    page,
  }) => {
    for (const k of [0, 4, 8]) {
      await open(page, SCENE, k);
      await expect(page.getByTestId('stream-record').first()).toBeVisible();
      const boxes = await page
        .locator('[data-testid="stream-record"] circle')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes.length).toBeGreaterThan(10);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          expect(dx > 0.5 && dy > 0.5, `step ${k}: dots ${i} and ${j} overlap`).toBe(false);
        }
    }
  });

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ])
    test(`every step at ${size.width}x${size.height}: no text over text, spilling or cut off`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      for (let k = 0; k < fraudQuery.steps.length; k++) {
        await open(page, SCENE, k);
        await expect(page.getByTestId('stream-record').first()).toBeVisible();
        expect(await legibilityProblems(page, '.stream-view'), `step ${k}`).toEqual([]);
      }
    });
});

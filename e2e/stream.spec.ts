import { expect, type Page, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

const SCENE = 'fraud-query';
/** The step where the whole query is built and the editor appears. */
const EDITABLE_STEP = 5;

const rows = (page: Page) => page.getByTestId('output-row');

async function counts(page: Page): Promise<number[]> {
  return (await rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count')))))
    .slice()
    .sort((a, b) => a - b);
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

    // The output topic: the two hammered cards, counts 4, 5, 6 in one window and 4 in another.
    await expect(rows(page)).toHaveCount(4);
    expect(await counts(page)).toEqual([4, 4, 5, 6]);
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
    expect(await counts(page)).toEqual([6]);

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
});

import { expect, type Page, test } from '@playwright/test';
import { expectPlace, open } from './support';

const SCENE = 'log-compaction';

/** The offsets the row shows as records, and as gaps the cleaner left. */
async function row(page: Page): Promise<{ records: string[]; gaps: string[] }> {
  const attr = (sel: string) =>
    page.locator(sel).evaluateAll((els) => els.map((e) => e.getAttribute('data-offset') ?? ''));
  return { records: await attr('[data-testid="record"]'), gaps: await attr('[data-testid="gap"]') };
}

const kinds = (page: Page) =>
  page.getByTestId('segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

// An instructor plays the compaction scene: the room predicts, the cleaner passes, a tombstone comes and goes.
test.describe('Log compaction', () => {
  test('the cleaner removes superseded records in the closed segments, leaving gaps, and step back undoes it', async ({
    page,
  }) => {
    await open(page, SCENE, 1);
    expect(await row(page)).toEqual({ records: ['0', '1', '2', '3', '4', '5', '6', '7'], gaps: [] });
    expect(await kinds(page)).toEqual(['dirty', 'dirty', 'active']);
    await expect(page.getByTestId('cleaner-point')).toHaveAttribute('data-offset', '0');

    // The prediction step gives nothing away: the log is as it was.
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, SCENE, 2);
    expect((await row(page)).gaps).toEqual([]);

    await page.keyboard.press('ArrowRight');
    await expectPlace(page, SCENE, 3);
    await expect(page.getByTestId('gap')).toHaveCount(3);
    expect(await row(page)).toEqual({ records: ['2', '4', '5', '6', '7'], gaps: ['0', '1', '3'] });
    expect(await kinds(page)).toEqual(['clean', 'active']);
    await expect(page.getByTestId('cleaner-point')).toHaveAttribute('data-offset', '6');
    await expect(page.getByTestId('last-pass')).toContainText('removed offsets 0, 1, 3');
    // The active segment is untouched: 5550's older record at 2 stays though 6 is newer.
    await expect(page.locator('[data-testid="record"][data-offset="2"]')).toHaveAttribute('data-key', '5550');

    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, 2);
    await expect(page.getByTestId('gap')).toHaveCount(0);
    await expect(page.getByTestId('record')).toHaveCount(8);
  });

  test('a new consumer from offset 0 reads across the gaps', async ({ page }) => {
    await open(page, SCENE, 4);
    const audit = page.getByTestId('group-audit');
    await expect(audit).toHaveAttribute('data-read-now', '2,4,5,6,7');
    await expect(audit).toHaveAttribute('data-position', '8');
    await expect(audit).toContainText('read offsets 2, 4, 5, 6, 7');
  });

  test('a tombstone stays until its delete horizon, then a later pass removes it', async ({ page }) => {
    await open(page, SCENE, 6);
    const tombstone = page.locator('[data-testid="record"][data-offset="8"]');
    await expect(tombstone).toHaveAttribute('data-value', 'null');
    await expect(tombstone.getByTestId('horizon')).toHaveText('til 50 s');
    await expect(page.locator('[data-testid="record"][data-key="8855"]')).toHaveCount(1);

    await page.goto(`/#/${SCENE}/8`);
    await expectPlace(page, SCENE, 8);
    await expect(page.locator('[data-testid="record"][data-key="8855"]')).toHaveCount(0);
    await expect(page.getByTestId('last-pass')).toContainText('tombstone 8 removed');
    await expect(page.getByTestId('group-report')).toHaveAttribute('data-read-now', '6,9,10');
  });

  test('the last step draws the ksqlDB table the topic reads as', async ({ page }) => {
    await open(page, SCENE, 9);
    const rows = page.getByTestId('table-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-value', 'active');
    await expect(rows.nth(1)).toHaveAttribute('data-key', '5550');
    await expect(page.getByTestId('table')).toContainText('ksqlDB TABLE card_status');
  });

  test('played with motion, the cleaner’s sweep crosses out the superseded records before they go', async ({
    page,
  }) => {
    await open(page, SCENE, 2);
    await page.keyboard.press('ArrowRight');
    // Mid-animation a record about to be removed is drawn crossed out; at the end it is a gap.
    await expect(page.locator('[data-testid="record"][data-doomed="true"]').first()).toBeVisible();
    await expect(page.getByTestId('gap')).toHaveCount(3);
  });
});

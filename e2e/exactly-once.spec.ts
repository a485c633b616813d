import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { expectPlace, open, watchErrors } from './support';

// An instructor plays "Exactly once" with the keyboard: the retried B stays one record, the read_committed
// auditor stops at the LSO while the transaction is open, the markers take offsets, and the aborted
// records reach only the read_uncommitted auditor.
const SCENE = 'exactly-once';
const record = (page: Page, partition: number, offset: number) =>
  page.getByTestId(`txn-lane-${partition}`).locator(`[data-testid="txn-record"][data-offset="${offset}"]`);
const auditor = (page: Page, id: 'auditor-rc' | 'auditor-ru') => page.getByTestId(`txn-consumer-${id}`);

async function next(page: Page, step: number): Promise<void> {
  await page.keyboard.press('ArrowRight');
  await expectPlace(page, SCENE, step);
}

test.describe('Exactly once', () => {
  test('the retry is dropped, read_committed waits at the LSO, and never sees the aborted records', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, 0);
    await expect(record(page, 0, 0)).toHaveAttribute('data-value', 'A');
    await expect(record(page, 0, 0)).toContainText('seq 0');

    // Steps 1-2: the answer is lost, the retry carries seq 1 again and is dropped: B stays one record.
    await next(page, 1);
    await expect(page.getByTestId('txn-producer-checkout')).toContainText('waiting for an answer');
    await next(page, 2);
    await expect(page.getByTestId('txn-producer-checkout')).toContainText('retry of seq 1: dropped');
    await expect(page.locator('[data-testid="txn-record"][data-value="B"]')).toHaveCount(1);

    // Steps 3-5: the auditors, then the open transaction: read_committed stops at LSO 2 while HW is 3.
    await next(page, 3);
    await next(page, 4);
    await expect(record(page, 0, 2)).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('txn-coordinator')).toContainText('state Ongoing');
    await next(page, 5);
    await expect(page.getByTestId('txn-lane-0')).toHaveAttribute('data-lso', '2');
    await expect(page.getByTestId('txn-lane-0')).toHaveAttribute('data-hw', '3');
    await expect(page.getByTestId('txn-lso-0')).toHaveText('LSO 2');
    await expect(auditor(page, 'auditor-ru')).toHaveAttribute('data-read', 'A,B,o1-pay,o1-mail');
    await expect(auditor(page, 'auditor-rc')).toHaveAttribute('data-read', 'A,B');

    // Step 6: the commit writes a marker at offset 3 of P0 and 1 of P1; read_committed catches up.
    await next(page, 6);
    await expect(record(page, 0, 3)).toHaveAttribute('data-value', 'COMMIT');
    await expect(record(page, 1, 1)).toHaveAttribute('data-value', 'COMMIT');
    await expect(auditor(page, 'auditor-rc')).toHaveAttribute('data-read', 'A,B,o1-pay,o1-mail');
    await expect(page.getByTestId('txn-coordinator')).toContainText('pay-app on orders: offset 1');

    // Steps 7-8: the abort; read_uncommitted reads the aborted records, read_committed never does.
    await next(page, 7);
    await expect(record(page, 0, 4)).toHaveAttribute('data-status', 'aborted');
    await expect(record(page, 0, 5)).toHaveAttribute('data-value', 'ABORT');
    await next(page, 8);
    await expect(auditor(page, 'auditor-ru')).toHaveAttribute(
      'data-read',
      'A,B,o1-pay,o2-pay,o1-mail,o2-mail',
    );
    await expect(auditor(page, 'auditor-rc')).toHaveAttribute('data-read', 'A,B,o1-pay,o1-mail');
    await expect(auditor(page, 'auditor-rc')).toContainText('position P0 6 · P1 4');
    expect(await legibilityProblems(page, '.deck')).toEqual([]);

    // Step back: the abort is undone on screen.
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, 7);
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, 6);
    await expect(record(page, 0, 4)).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a deep link lands on the open transaction with read_committed held at the LSO', async ({ page }) => {
    await open(page, SCENE, 5);
    await expect(page.getByTestId('txn-lane-1')).toHaveAttribute('data-lso', '0');
    await expect(page.getByTestId('txn-lane-1')).toHaveAttribute('data-hw', '1');
    await expect(auditor(page, 'auditor-rc')).toHaveAttribute('data-read', 'A,B');
  });
});

import { expect, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

test.describe('sandbox', () => {
  test('rebuilding with new settings makes that cluster, in a link that survives a reload, and drops the old live actions', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'sandbox', 0);
    // The default sandbox: 3 brokers, 6 partitions, one group (the consumers view).
    await expect(page.locator('.narration')).toContainText('3 brokers, a topic of 6 partitions');
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'value' }).fill('before-rebuild');
    await page.getByRole('button', { name: 'Produce' }).click();
    await expect(page.locator('[data-testid="record"][data-value="before-rebuild"]')).toHaveCount(1);

    const form = page.getByTestId('sandbox-settings');
    await form.getByRole('spinbutton', { name: 'brokers', exact: true }).fill('5');
    await form.getByRole('spinbutton', { name: 'partitions', exact: true }).fill('10');
    await form.getByRole('spinbutton', { name: 'groups', exact: true }).fill('0');
    await form.getByRole('button', { name: 'Rebuild the cluster' }).click();

    await expect(page).toHaveURL(/[?&]sandbox=/);
    await expectPlace(page, 'sandbox', 0);
    await expect(page.locator('.narration')).toContainText('5 brokers, a topic of 10 partitions');
    // Without groups the sandbox draws its brokers: five of them, broker 4 the last.
    await expect(page.getByTestId('broker-4')).toBeVisible();
    await expect(page.getByTestId('broker-5')).toHaveCount(0);
    // The live record belonged to the old cluster.
    await expect(page.locator('[data-value="before-rebuild"]')).toHaveCount(0);

    await page.reload();
    await expectPlace(page, 'sandbox', 0);
    await expect(page.locator('.narration')).toContainText('5 brokers, a topic of 10 partitions');
    await expect(page.getByTestId('broker-4')).toBeVisible();
    expect(errors).toEqual([]);
  });
});

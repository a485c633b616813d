import { expect, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { expectPlace, open } from './support';

// An instructor steps through the consumer-group scenes with the keyboard and reads the stage.
test.describe('Consumer groups', () => {
  test('grouped consumers: a crash, a session timeout, a rebalance, records read again, an idle fifth', async ({
    page,
  }) => {
    await open(page, 'grouped-consumers', 0);
    const consumer = (id: string) => page.getByTestId(`consumer-${id}`);
    await expect(consumer('consumer-a')).toHaveAttribute('data-partitions', '0,1');
    await expect(consumer('consumer-b')).toHaveAttribute('data-partitions', '2');
    await expect(consumer('consumer-c')).toHaveAttribute('data-partitions', '3');
    await expect(consumer('consumer-a')).toHaveAttribute('data-group', 'shipping');
    await expect(page.getByTestId('coordinator-shipping')).toHaveAttribute('data-state', 'Stable');
    await expect(page.getByTestId('coordinator-shipping')).toHaveAttribute('data-generation', '1');
    await expect(page.getByTestId('coordinator-shipping')).toContainText('Group coordinator (broker');

    // Step 1: b has read P2 up to offset 2 but the group committed 0: lag 2.
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'grouped-consumers', 1);
    await expect(page.getByTestId('position-shipping-2')).toHaveAttribute('data-offset', '2');
    await expect(page.getByTestId('committed-shipping-2')).toHaveAttribute('data-offset', '0');
    await expect(page.getByTestId('lag-shipping-2')).toHaveAttribute('data-lag', '2');
    // The room reads the figures by name: read to 2, committed 0; the records read are faded.
    await expect(page.getByTestId('partition-orders-2').locator('.figure')).toHaveText([
      'read to 2',
      'committed 0',
    ]);
    await expect(page.getByTestId('uncommitted-shipping-2')).toBeVisible();
    await expect(page.locator('.read-record [data-partition="2"]')).toHaveCount(2);

    // Step 2 asks the room; step 3 kills consumer-b: the ✗, and the group still gives it P2.
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.narration.predict')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'grouped-consumers', 3);
    await expect(consumer('consumer-b')).toHaveAttribute('data-alive', 'false');
    await expect(consumer('consumer-b')).toContainText('✗');
    await expect(consumer('consumer-b')).toHaveAttribute('data-partitions', '2');
    await expect(page.getByTestId('position-shipping-2')).toHaveCount(0);

    // Step 4: session timeout and rebalance: P2 is consumer-c's, and its two records were read again.
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'grouped-consumers', 4);
    await expect(consumer('consumer-b')).toHaveAttribute('data-partitions', '');
    await expect(consumer('consumer-c')).toHaveAttribute('data-partitions', '2,3');
    await expect(consumer('consumer-a')).toHaveAttribute('data-partitions', '0,1');
    await expect(page.getByTestId('coordinator-shipping')).toHaveAttribute('data-generation', '2');
    await expect(
      page.locator('[data-testid="record"][data-partition="2"][data-read-again="true"]'),
    ).toHaveCount(2);
    await expect(page.getByTestId('committed-shipping-2')).toHaveAttribute('data-offset', '2');
    await expect(page.getByTestId('lag-shipping-2')).toHaveAttribute('data-lag', '0');
    for (const p of [0, 1, 2, 3]) {
      await expect(page.getByTestId(`committed-shipping-${p}`)).toHaveCount(1);
      await expect(page.getByTestId(`lag-shipping-${p}`)).toHaveCount(1);
      await expect(page.getByTestId(`partition-orders-${p}`)).toBeVisible();
    }

    // Steps 5-6: two more join, then a fifth live consumer: it stays idle.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'grouped-consumers', 6);
    await expect(consumer('consumer-f')).toHaveAttribute('data-alive', 'true');
    await expect(consumer('consumer-f')).toHaveAttribute('data-partitions', '');
    await expect(consumer('consumer-f')).toContainText('idle: no partition');
    for (const id of ['consumer-a', 'consumer-c', 'consumer-d', 'consumer-e'])
      await expect(consumer(id)).not.toHaveAttribute('data-partitions', '');
  });

  test('two groups keep their own committed offsets: pausing audit leaves billing ahead', async ({
    page,
  }) => {
    await open(page, 'consume-groups', 1);
    await expect(page.getByTestId('committed-billing-0')).toHaveAttribute('data-offset', '0');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'consume-groups', 2);
    await expect(page.getByTestId('consumer-audit-1')).toHaveAttribute('data-paused', 'true');
    await expect(page.getByTestId('paused-audit-1')).toBeVisible();
    await expect(page.getByTestId('consumer-audit-1')).toContainText('paused');
    // Audit is behind: the records billing read but audit did not stay bright.
    await expect(page.locator('.unread-record [data-partition="0"]')).toHaveCount(2);
    for (const p of [0, 1, 2, 3]) {
      await expect(page.getByTestId(`committed-billing-${p}`)).toHaveAttribute('data-offset', '4');
      await expect(page.getByTestId(`committed-audit-${p}`)).toHaveAttribute('data-offset', '2');
      await expect(page.getByTestId(`lag-audit-${p}`)).toHaveAttribute('data-lag', '2');
      await expect(page.getByTestId(`lag-billing-${p}`)).toHaveAttribute('data-lag', '0');
    }
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('committed-audit-0')).toHaveAttribute('data-offset', '4');
  });

  test('the lag chart shows paused audit behind, then catching up, then a live record raising both', async ({
    page,
  }) => {
    await open(page, 'consume-groups', 2);
    const chart = page.getByTestId('lag-chart');
    const audit = page.getByTestId('lag-chart-audit');
    const billing = page.getByTestId('lag-chart-billing');
    await expect(chart).toBeVisible();
    // Paused audit is 2 behind on each of 4 partitions; billing committed everything.
    await expect(audit).toHaveAttribute('data-lag', '8');
    await expect(billing).toHaveAttribute('data-lag', '0');
    await expect(page.getByRole('img', { name: /^lag of group audit over time, now 8/ })).toBeAttached();

    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'consume-groups', 3);
    await expect(audit).toHaveAttribute('data-lag', '0');

    // A record produced live lands before either group commits it: both lines step up by one.
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('button', { name: 'Produce' }).click();
    await expect(audit).toHaveAttribute('data-lag', '1');
    await expect(billing).toHaveAttribute('data-lag', '1');
    await expect(chart).toBeVisible();
  });

  test('live: killing a consumer moves its partitions; adding one to a full group leaves it idle', async ({
    page,
  }) => {
    await open(page, 'grouped-consumers', 0);
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('button', { name: 'Kill consumer-a' }).click();
    await expect(page.getByTestId('consumer-consumer-a')).toHaveAttribute('data-alive', 'false');
    await expect(page.getByTestId('consumer-consumer-b')).toHaveAttribute('data-partitions', '0,1');
    await expect(page.getByTestId('consumer-consumer-c')).toHaveAttribute('data-partitions', '2,3');
    await page.getByRole('button', { name: 'Add consumer' }).click();
    await page.getByRole('button', { name: 'Add consumer' }).click();
    await page.getByRole('button', { name: 'Add consumer' }).click();
    await expect(page.getByTestId('consumer-shipping-3')).toHaveAttribute('data-alive', 'true');
    await expect(page.getByTestId('consumer-shipping-3')).toHaveAttribute('data-partitions', '');
    await page.getByRole('button', { name: 'Add group' }).click();
    await expect(page.getByTestId('consumer-group-1-1')).toHaveAttribute('data-partitions', '0,1,2,3');
  });

  test('no text over text, out of its box or cut, at any step of the consumer scenes', async ({ page }) => {
    test.setTimeout(180_000);
    const scenes = { 'consume-single': 4, 'consume-groups': 4, 'grouped-consumers': 7, 'durable-log': 6 };
    const problems: string[] = [];
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      for (const [scene, steps] of Object.entries(scenes))
        for (let step = 0; step < steps; step++) {
          await open(page, scene, step);
          await expect(page.locator('.stage svg').first()).toBeVisible();
          for (const p of await legibilityProblems(page, '.stage'))
            problems.push(`${scene} ${step} at ${size.width}: ${p}`);
        }
    }
    expect(problems).toEqual([]);
  });
});

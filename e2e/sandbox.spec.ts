import { expect, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
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
    // Without groups the sandbox still draws its brokers above the lanes: five of them, broker 4 the last.
    await expect(page.getByTestId('strip-broker-4')).toBeVisible();
    await expect(page.getByTestId('strip-broker-5')).toHaveCount(0);
    // Ten lanes without a group: nothing drawn over anything else.
    expect(await legibilityProblems(page, '.stage')).toEqual([]);
    // The live record belonged to the old cluster.
    await expect(page.locator('[data-value="before-rebuild"]')).toHaveCount(0);

    await page.reload();
    await expectPlace(page, 'sandbox', 0);
    await expect(page.locator('.narration')).toContainText('5 brokers, a topic of 10 partitions');
    await expect(page.getByTestId('strip-broker-4')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('draws its brokers beside the groups; a killed broker is visibly down and its partitions move', async ({
    page,
  }) => {
    await open(page, 'sandbox', 1);
    for (const b of [0, 1, 2])
      await expect(page.getByTestId(`strip-broker-${b}`)).toHaveAttribute('data-alive', 'true');
    await expect(page.getByTestId('consumer-g1-c1')).toBeVisible();
    const led = (await page.getByTestId('strip-broker-0').getAttribute('data-leads'))!.split(',');
    expect(led.length).toBeGreaterThan(0);
    await expect(page.getByTestId(`lane-leader-${led[0]}`)).toHaveText('b0');

    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('button', { name: /^Kill broker 0/ }).click();
    const dead = page.getByTestId('strip-broker-0');
    await expect(dead).toHaveAttribute('data-alive', 'false');
    await expect(dead).toContainText('down');
    await expect(dead).toHaveAttribute('data-leads', '');
    // Its partitions were led elsewhere: each lane names its new leader.
    for (const p of led) await expect(page.getByTestId(`lane-leader-${p}`)).not.toHaveText('b0');
  });

  test('never cuts a record label: every card shows its whole label or none, inside its box', async ({
    page,
  }) => {
    for (const step of [1, 3, 6]) {
      await open(page, 'sandbox', step);
      const cut = await page.locator('[data-testid="record"]').evaluateAll((cards) =>
        cards.flatMap((card) => {
          const text = card.querySelector('.record-value') as SVGTextElement | null;
          const box = card.querySelector('rect')!.getBoundingClientRect();
          const label = text?.textContent ?? '';
          if (label === '') return [];
          const r = text!.getBoundingClientRect();
          const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
          return label.includes('…') || !inside
            ? [`${label} (${r.width.toFixed(0)} in ${box.width.toFixed(0)})`]
            : [];
        }),
      );
      expect(cut, `step ${step}`).toEqual([]);
    }
  });

  test('no text over text on its stage, with brokers, lanes and groups together', async ({ page }) => {
    const problems: string[] = [];
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      for (const step of [0, 2, 6]) {
        await open(page, 'sandbox', step);
        for (const p of await legibilityProblems(page, '.stage'))
          problems.push(`${size.width} step ${step}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    await expect(page.locator('.deck-header')).not.toContainText('slides');
  });
});

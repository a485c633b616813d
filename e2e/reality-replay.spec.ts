import { expect, test } from '@playwright/test';
import { scrolls } from './legibility';
import { expectPlace, open, watchErrors } from './support';

// A scene replayed on the real cluster beside the simulation (issue 18, point 4), through the page an
// instructor uses: the registry's key opens it, the deck's own keys step both sides, and the findings say
// what the cluster did against what the simulator predicted, step by step.

test.describe.configure({ mode: 'serial' });

test('produce-with-key replayed on the cluster: each step agrees with the simulation, and the deck keys step both', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await open(page, 'produce-with-key', 0);
  await page.keyboard.press('Alt+r');
  const beside = page.getByTestId('replay-beside');
  await expect(beside).toBeVisible();
  await expect(beside).toContainText('REAL');
  await expect(beside.getByRole('heading', { name: 'Simulated' })).toBeVisible();

  const findings = page.getByTestId('replay-findings');
  for (const step of [0, 1, 2]) {
    if (step > 0) {
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, 'produce-with-key', step);
    }
    await expect(beside.getByRole('heading', { level: 2 })).toContainText(`step ${step + 1}/`);
    // The real side plays the step on the cluster, then the comparison is drawn.
    await expect(findings).toContainText(/The cluster agrees with the simulation on all \d+ facts compared/, {
      timeout: 90_000,
    });
    await expect(page.getByTestId('replay-disagreements')).toHaveCount(0);
  }

  // The facts view shows the real topic (the run's own name) with alice's record where murmur2 put it: P1.
  await page.getByRole('button', { name: 'Show the facts compared' }).click();
  const facts = page.getByTestId('replay-real-picture');
  await expect(facts).toContainText(/user-events \(user-events-[0-9a-f]+\)/);
  await expect(facts.getByTestId('real-partition-1')).toContainText('alice');

  await page.getByRole('button', { name: 'Close replay' }).click();
  await expect(beside).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a ksqlDB scene says it cannot be replayed, and why', async ({ page }) => {
  await open(page, 'fraud-query', 0);
  await page.keyboard.press('Alt+r');
  await expect(page.getByTestId('replay-cannot')).toContainText(/cannot be replayed on a cluster: .*ksqlDB/);
});

test('with a bridge the help lists K and Alt+R and still fits a 1280x720 window unscrolled', async ({
  page,
}) => {
  await open(page, 'produce-with-key', 0);
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help.locator('tr[data-command="reality"]')).toHaveCount(1);
  await expect(help.locator('tr[data-command="replay-real"]')).toHaveCount(1);
  expect(await scrolls(page, '.help-panel')).toBe(false);
});

import { expect, type Page, test } from '@playwright/test';
import { open } from './support';

// The operator metrics beside the brokers (issue 21): the panel's values are the engine's, step by step.
const panel = (page: Page) => page.getByTestId('metrics-panel');
const value = (page: Page, id: string) => panel(page).getByTestId(`metric-${id}`);
const row = (page: Page, id: string) => panel(page).locator(`tr[data-metric="${id}"]`);

test('M hides and shows the panel; the replication scene shows it at first', async ({ page }) => {
  await open(page, 'replication', 0);
  await expect(panel(page)).toBeVisible();
  await page.keyboard.press('m');
  await expect(panel(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Metrics (M)' }).click();
  await expect(panel(page)).toBeVisible();
});

test('the panel follows the replication scene: under-replicated after each kill, under min ISR with one copy left', async ({
  page,
}) => {
  // P0 has replicas on A, B and C; min.insync.replicas=2. Step index: [UnderReplicatedPartitions, UnderMinIsrPartitionCount].
  const expected: Record<number, [string, string]> = {
    0: ['0', '0'],
    4: ['1', '0'], // A, the leader, dies: ISR [B, C]
    6: ['0', '0'], // A back in the ISR
    8: ['1', '0'], // B dies: ISR [A, C]
    9: ['1', '1'], // C dies too: ISR [A] < 2
  };
  for (const [step, [under, underMinIsr]] of Object.entries(expected)) {
    await open(page, 'replication', Number(step));
    await expect(value(page, 'UnderReplicatedPartitions')).toHaveText(under);
    await expect(value(page, 'UnderMinIsrPartitionCount')).toHaveText(underMinIsr);
  }
  // The acks=all write refused below min.insync.replicas, counted over the scene's 100 ms window.
  await expect(value(page, 'FailedProduceRequestsPerSec')).toHaveText('10/s');
  await expect(row(page, 'UnderMinIsrPartitionCount').locator('.metric-delta.bad')).toHaveText('▲+1');
});

test('killing the leader live: UnderReplicatedPartitions rises with a red delta and a leader is elected', async ({
  page,
}) => {
  await open(page, 'replication', 0);
  await expect(value(page, 'UnderReplicatedPartitions')).toHaveText('0');
  await page.getByRole('button', { name: 'Live' }).click();
  await page.getByRole('button', { name: 'Kill broker 0' }).click();
  await expect(value(page, 'UnderReplicatedPartitions')).toHaveText('1');
  const delta = row(page, 'UnderReplicatedPartitions').locator('.metric-delta');
  await expect(delta).toHaveText('▲+1');
  await expect(delta).toHaveClass(/bad/);
  await expect(delta).toHaveCSS('color', 'rgb(255, 107, 107)');
  await expect(value(page, 'LeaderElectionRateAndTimeMs')).toHaveText('10/s');
});

test('the presenter view shows the panel too', async ({ page }) => {
  await page.goto('/?view=presenter#/replication/4');
  await expect(
    page.getByTestId('presenter-metrics').getByTestId('metric-UnderReplicatedPartitions'),
  ).toHaveText('1');
});

test('the sandbox with consumer groups: M shows its brokers with the panel, groups included', async ({
  page,
}) => {
  await open(page, 'sandbox', 2);
  await expect(panel(page)).toHaveCount(0);
  await page.keyboard.press('m');
  await expect(panel(page)).toBeVisible();
  await expect(value(page, 'ActiveControllerCount')).toHaveText('1');
  await expect(row(page, 'state/group-1')).toHaveAttribute('aria-label', /^state \(group-1\): /);
  await page.keyboard.press('m');
  await expect(page.getByTestId('metrics-panel')).toHaveCount(0);
});

import { expect, type Page, test } from '@playwright/test';
import { coordinatorPartition, javaStringHashCode } from '../src/engine';
import { legibilityProblems } from './legibility';
import { expectPlace, open } from './support';

// An instructor steps through the group-coordinator scene (reduced motion: each step's final picture) and
// the room reads, without narration, which broker coordinates and which protocol messages the step exchanged.
const SCENE = 'group-coordinator';
const GROUP = 'payments';
const MEMBERS = ['consumer-a', 'consumer-b', 'consumer-c'];

/** The kinds of message a member's card lists for the step. */
const exchanged = (page: Page, member: string) =>
  page.getByTestId(`member-${member}`).locator('[data-testid="exchange"]');

test.use({ reducedMotion: 'reduce' });

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test.describe(`group coordinator at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test('each step shows its protocol messages, the coordinator’s partition, and no text over text', async ({
      page,
    }) => {
      const partition = coordinatorPartition(GROUP);
      await open(page, SCENE, 0);

      // Step 0: the formula with the engine's numbers, __consumer_offsets-N lit on its leader.
      const formula = page.getByTestId('coordinator-formula');
      await expect(formula).toHaveAttribute('data-partition', String(partition));
      await expect(formula).toContainText(`abs(${javaStringHashCode(GROUP)}) % 50 = ${partition}`);
      const leader = await formula.getAttribute('data-leader');
      expect(leader).toMatch(/^\d+$/);
      await expect(
        page.getByTestId(`broker-${leader}`).getByTestId(`offsets-partition-${partition}`),
      ).toHaveText(`__consumer_offsets-${partition}`);
      for (const m of MEMBERS) {
        await expect(exchanged(page, m).first()).toHaveAttribute('data-kind', 'findCoordinator');
        await expect(page.getByTestId(`held-${m}`)).toContainText('JoinGroup');
      }

      // legibilityProblems measures every <text> of the SVG stage and keeps labels inside their data-box.
      const checkLegible = async () => expect(await legibilityProblems(page, '.stage')).toEqual([]);
      await checkLegible();

      // Step 1: the JoinGroups are still held and the initial delay's ring has run down.
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 1);
      await expect(page.getByTestId('join-timer')).toHaveAttribute('data-held', MEMBERS.join(','));
      expect(Number(await page.getByTestId('join-timer').getAttribute('data-left-ms'))).toBeLessThan(100);
      await expect(page.getByTestId('callout')).toContainText('JoinGroups held');
      await checkLegible();

      // Step 2: JoinGroup answers, the leader's SyncGroup with the plan, each member's partitions.
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 2);
      for (const m of MEMBERS) {
        await expect(exchanged(page, m)).toHaveCount(3);
        await expect(exchanged(page, m).nth(0)).toHaveAttribute('data-kind', 'joinGroupResponse');
        await expect(exchanged(page, m).nth(1)).toHaveAttribute('data-kind', 'syncGroup');
      }
      await expect(exchanged(page, 'consumer-a').nth(1)).toContainText('SyncGroup + the plan');
      await expect(page.getByTestId('group-plan')).toContainText('P0→a  P1→a  P2→b  P3→c');
      await expect(page.getByTestId('member-consumer-a')).toHaveAttribute('data-partitions', '0,1');
      await expect(page.getByTestId('member-consumer-c')).toHaveAttribute('data-partitions', '3');
      await checkLegible();

      // Step 3: Heartbeats, each member's session ring full again.
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 3);
      for (const m of MEMBERS) {
        await expect(exchanged(page, m)).toHaveText(['→ Heartbeat ×3']);
        expect(Number(await page.getByTestId(`session-${m}`).getAttribute('data-left-ms'))).toBeGreaterThan(
          9000,
        );
      }
      await checkLegible();
    });
  });
}

// Live, the presenter adds a member (a fourth JoinGroup) or kills one: its session ring runs out and the
// coordinator removes it. No new group here: the picture draws the scene's one group.
test('live: a member added joins the group on stage; a member killed is removed when its session runs out', async ({
  page,
}) => {
  await open(page, SCENE, 3);
  await page.getByRole('button', { name: 'Live' }).click();
  const panel = page.getByTestId('live-panel');
  await expect(panel.getByRole('button', { name: 'Add group' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Add consumer' }).click();
  // The new member's card appears.
  const added = page.locator('[data-testid^="member-"]');
  await expect(added).toHaveCount(MEMBERS.length + 1);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await panel.getByRole('button', { name: /^Kill consumer-b/ }).click();
  // Its session runs out: the coordinator rebalances, and its partitions go to the members left.
  const dead = page.getByTestId('member-consumer-b');
  await expect(dead).toHaveClass(/\bdead\b/, { timeout: 30_000 });
  await expect(dead).toHaveAttribute('data-partitions', '', { timeout: 30_000 });
  await expect(dead).toContainText('crashed');
  const owned = await page
    .locator('[data-testid^="member-"]')
    .evaluateAll((els) =>
      els.flatMap((e) => (e.getAttribute('data-partitions') || '').split(',').filter(Boolean)),
    );
  expect(owned.sort()).toEqual(['0', '1', '2', '3']);
  // Four cards beside the docked Live panel: still no text over text.
  expect(await legibilityProblems(page, '.stage')).toEqual([]);
});

import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { expectPlace, open } from './support';

// An instructor plays the share-groups scene (reduced motion: each step's final picture); the room reads,
// from the picture alone, who holds which record, its delivery count, and where the share-partition's
// window starts and ends.
const SCENE = 'share-groups';

const record = (page: Page, offset: number) =>
  page.locator(`[data-testid="share-record"][data-offset="${offset}"]`);
const member = (page: Page, id: string) => page.getByTestId(`share-member-${id}`);
const window = (page: Page) => page.getByTestId('share-window');

async function expectRecord(page: Page, offset: number, state: string, delivery: number, holder = '') {
  const r = record(page, offset);
  await expect(r).toHaveAttribute('data-state', state);
  await expect(r).toHaveAttribute('data-delivery', String(delivery));
  await expect(r).toHaveAttribute('data-holder', holder);
  await expect(r).toContainText(`×${delivery}`);
}

test.use({ reducedMotion: 'reduce' });

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test.describe(`share groups at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test('a consumer group leaves two idle; a share group of three all read the one partition', async ({
      page,
    }) => {
      const checkLegible = async () => expect(await legibilityProblems(page, '.stage')).toEqual([]);
      await open(page, SCENE, 0);
      await expect(page.getByTestId('classic-member-reader-1')).toContainText('reads P0');
      for (const idle of ['reader-2', 'reader-3'])
        await expect(page.getByTestId(`classic-member-${idle}`)).toContainText('idle');
      await checkLegible();

      // The prediction gives nothing away: three members, nothing held, no window yet.
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 1);
      for (const w of ['worker-1', 'worker-2', 'worker-3'])
        await expect(member(page, w)).toContainText('holds nothing');
      await expect(window(page)).toHaveCount(0);
      await expect(record(page, 0)).toHaveAttribute('data-state', 'not-fetched');

      // The reveal: each holds a batch of P0, delivery 1, 30 s locks.
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 2);
      await expect(member(page, 'worker-1')).toHaveAttribute('data-held', '0,1,2');
      await expect(member(page, 'worker-2')).toHaveAttribute('data-held', '3,4,5');
      await expect(member(page, 'worker-3')).toHaveAttribute('data-held', '6,7');
      await expectRecord(page, 0, 'ACQUIRED', 1, 'worker-1');
      await expect(record(page, 0)).toContainText('30s');
      await expect(window(page)).toHaveAttribute('data-start', '0');
      await expect(window(page)).toHaveAttribute('data-end', '7');
      await checkLegible();
    });

    test('a release is redelivered, a lock runs out, and a poison record is archived after five deliveries', async ({
      page,
    }) => {
      const checkLegible = async () => expect(await legibilityProblems(page, '.stage')).toEqual([]);
      // Deep link to the release, then step on.
      await open(page, SCENE, 4);
      await expectRecord(page, 1, 'ACQUIRED', 2, 'worker-2');
      await expect(window(page)).toContainText('SPSO 1');
      await expect(member(page, 'worker-1')).toHaveAttribute('data-action', 'released 1');
      await checkLegible();

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 6);
      await expect(member(page, 'worker-3')).toHaveAttribute('data-action', 'lock ran out: 8, 9');
      await expectRecord(page, 8, 'ACQUIRED', 2, 'worker-1');
      await checkLegible();

      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 7);
      await expectRecord(page, 10, 'ARCHIVED', 5);
      await expect(record(page, 10)).toContainText('✕');
      await expectRecord(page, 11, 'ACKNOWLEDGED', 1);
      await checkLegible();

      // Step back: the poison record is not archived yet; forward to the end, the window has moved past all.
      await page.keyboard.press('ArrowLeft');
      await expectPlace(page, SCENE, 6);
      await expect(record(page, 10)).toHaveCount(0);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expectPlace(page, SCENE, 8);
      await expect(window(page)).toHaveAttribute('data-start', '12');
      await expect(window(page)).toContainText('nothing in flight');
      await expect(record(page, 3)).toHaveAttribute('data-state', 'done');
      await checkLegible();
    });
  });
}

import { expect, type Page, test } from '@playwright/test';
import { partitionForKey } from '../src/engine';
import { legibilityProblems } from './legibility';
import { open } from './support';

const TOPIC = 'user-events';
const STEPS = 10;

/** Every box of the picture that must stay put from step to step: the producers and the lanes. */
async function boxes(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const g of document.querySelectorAll(
      '.stage-svg [data-testid^="producer-"], .stage-svg [data-testid^="partition-"]',
    )) {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      out[g.getAttribute('data-testid')!] = [r.x, r.y, r.width, r.height].map((v) => Math.round(v));
    }
    return out;
  });
}

/** Record labels that spill out of their record's box (SVG text is not clipped by its rect). */
async function labelsOutsideTheirBox(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.stage-svg [data-testid="record"]')].flatMap((g) => {
      const box = g.querySelector('rect')!.getBoundingClientRect();
      return [...g.querySelectorAll('text')].flatMap((t) => {
        const r = t.getBoundingClientRect();
        const inside =
          r.left >= box.left - 1 &&
          r.right <= box.right + 1 &&
          r.top >= box.top - 1 &&
          r.bottom <= box.bottom + 1;
        return inside ? [] : [`${t.textContent} outside its record`];
      });
    }),
  );
}

test.describe('Producing with a key', () => {
  test('a key lands where the engine’s murmur2 puts it, with the computation beside the producer', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'produce-with-key', 1);
    const alice = page.locator(`[data-testid="record"][data-key="alice"][data-value="login"]`);
    await expect(alice).toHaveAttribute('data-partition', String(partitionForKey('alice', 4)));
    const computation = page.getByTestId('computation-java-app');
    await expect(computation).toContainText('murmur2("alice")');
    await expect(computation).toContainText(
      `% 4 = ${partitionForKey('alice', 4)} → P${partitionForKey('alice', 4)}`,
    );
    await expect(page.getByTestId('arrow-java-app')).toHaveAttribute(
      'data-partition',
      String(partitionForKey('alice', 4)),
    );
    // The computation sits beside the producer's box, under it and left of the lanes.
    const producer = (await page.getByTestId('producer-java-app').locator('rect').first().boundingBox())!;
    const sum = (await computation.boundingBox())!;
    const lane = (await page.getByTestId(`partition-${TOPIC}-0`).locator('rect').first().boundingBox())!;
    expect(sum.y).toBeGreaterThanOrEqual(producer.y + producer.height - 1);
    expect(sum.y).toBeLessThan(producer.y + producer.height + 40);
    expect(sum.x + sum.width).toBeLessThan(lane.x);
    // Records read "key · value".
    await expect(alice.locator('.record-value')).toHaveText('alice · login');
  });

  test('after growing to 6 partitions the running producers hash over 4 until their metadata refreshes', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'produce-with-key', 7);
    await expect(page.getByTestId(`partition-${TOPIC}-5`)).toBeVisible();
    await expect(page.getByTestId('metadata-java-app')).toHaveText('hashes over 4 of 6');
    await expect(
      page.locator('[data-testid="record"][data-key="alice"][data-value="cart"]').first(),
    ).toHaveAttribute('data-partition', String(partitionForKey('alice', 4)));
    await expect(page.getByTestId('computation-java-app')).toContainText('% 4 =');
    await expect(page.getByTestId(`partition-${TOPIC}-4`).getByTestId('record')).toHaveCount(0);
    await expect(page.getByTestId(`partition-${TOPIC}-5`).getByTestId('record')).toHaveCount(0);

    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('metadata-java-app')).toHaveText('metadata: 6 partitions');
    await expect(page.getByTestId('computation-java-app')).toContainText('4 → 6 partitions');

    await page.keyboard.press('ArrowRight');
    const buy = (key: string) => page.locator(`[data-testid="record"][data-key="${key}"][data-value="buy"]`);
    await expect(buy('alice').first()).toBeVisible();
    await expect(page.locator(`[data-testid="record"][data-key="alice"][data-value="buy"]`)).toHaveCount(2);
    await expect(buy('peggy')).toHaveAttribute('data-partition', String(partitionForKey('peggy', 6)));
    expect(partitionForKey('peggy', 6)).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId(`partition-${TOPIC}-4`).getByTestId('record')).toHaveCount(1);
    await expect(page.getByTestId(`partition-${TOPIC}-5`).getByTestId('record')).toHaveCount(1);
    // The librdkafka producer's record on P5 has its own outline.
    await expect(page.getByTestId(`partition-${TOPIC}-5`).getByTestId('record')).toHaveAttribute(
      'data-marks',
      /other-client/,
    );
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`every step at ${width}x${height}: boxes in the same place, no text over text, labels inside their records`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      // Each box where it first appeared (P4 and P5 appear at step 6), and it must stay there.
      const seen: Record<string, number[]> = {};
      for (let s = 0; s < STEPS; s++) {
        await open(page, 'produce-with-key', s);
        await expect(page.locator('.stage-svg')).toBeVisible();
        for (const [id, box] of Object.entries(await boxes(page))) {
          seen[id] ??= box;
          expect(box, `step ${s}: ${id}`).toEqual(seen[id]);
        }
        expect(await legibilityProblems(page, '.deck'), `step ${s}`).toEqual([]);
        expect(await labelsOutsideTheirBox(page), `step ${s}`).toEqual([]);
      }
      expect(Object.keys(seen).filter((id) => id.startsWith('partition-'))).toHaveLength(6);
      // The new lanes were laid out below P3 from the start: P3 did not move or shrink to make room.
      expect(seen[`partition-${TOPIC}-4`]![1]!).toBeGreaterThan(seen[`partition-${TOPIC}-3`]![1]!);
    });
  }
});

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { open } from './support';

const SCENES = [
  'produce-no-key',
  'produce-with-key',
  'replication',
  'consume-single',
  'consume-groups',
  'group-coordinator',
  'grouped-consumers',
  'scalable-architecture',
  'streaming-toolset',
  'fraud-query',
  'consumer-protocol',
  'cooperative-rebalance',
  'poll-interval-and-static-members',
  'log-compaction',
  'exactly-once',
  'share-groups',
];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

/** The smallest rendered text on screen, in CSS px: SVG text is scaled by its viewBox. */
async function smallestTextPx(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { px: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        rect.width === 0 ||
        style.visibility === 'hidden' ||
        style.display === 'none' ||
        el.closest('[aria-hidden="true"] details:not([open])')
      )
        continue;
      let px = Number.parseFloat(style.fontSize);
      if (el instanceof SVGElement && el.ownerSVGElement) px *= el.ownerSVGElement.getScreenCTM()?.a ?? 1;
      if (px < smallest.px) smallest = { px, text: n.textContent.trim().slice(0, 40) };
    }
    return smallest;
  });
}

test.describe('accessibility and legibility', () => {
  for (const scene of SCENES) {
    test(`${scene}: axe finds no serious or critical violations, in both themes`, async ({ page }) => {
      await open(page, scene, 0);
      await page.keyboard.press('Alt+ArrowRight');
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('t');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`${scene}: no text under 18px at 1280x720`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, scene, 0);
      await page.keyboard.press('Alt+ArrowRight');
      const smallest = await smallestTextPx(page);
      expect(smallest.px, `smallest text: "${smallest.text}"`).toBeGreaterThanOrEqual(17.95);
    });
  }

  test('the overlays and the live panel pass axe too', async ({ page }) => {
    await open(page, 'produce-with-key', 3);
    await page.keyboard.press('?');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('o');
    // With its miniatures drawn: they are pictures, hidden from assistive technology and inert.
    await expect(page.locator('.miniature[data-ready]')).toHaveCount(
      await page.locator('.miniature').count(),
      {
        timeout: 60_000,
      },
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Live' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('r');
    await expect(page.getByTestId('real-commands')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the presenter view passes axe, with its next-step miniature', async ({ page }) => {
    await page.goto('/?view=presenter#/replication/2');
    await expect(page.locator('[data-testid="next-step"] .miniature[data-ready]')).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('records and lanes have accessible names, and every control is reachable by keyboard', async ({
    page,
  }) => {
    await open(page, 'produce-with-key', 1);
    await expect(
      page.getByRole('listitem', { name: /key alice, value login, at partition 1, offset 0/ }),
    ).toHaveCount(1);
    await expect(page.getByRole('list', { name: /Partition P1 of user-events/ })).toHaveCount(1);
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    for (const name of ['◀ Back', 'Next ▶', 'Live', 'Run it for real', 'Keys (?)']) {
      expect(
        [...reached].some((r) => r.includes(name)),
        name,
      ).toBe(true);
    }
  });

  test('reduced motion shows each step at its end at once', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await open(page, 'produce-no-key', 0);
    await page.keyboard.press('ArrowRight');
    // With no animation there is never a record in flight, only the landed one.
    await expect(page.locator('.flying-record')).toHaveCount(0);
    await expect(page.getByTestId('record')).toHaveCount(1);
    await context.close();
  });
});

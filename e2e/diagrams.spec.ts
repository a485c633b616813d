import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';
import { expectPlace, open } from './support';

/** The diagram scenes and their step counts. */
const SCENES = {
  origins: 3,
  'streaming-toolset': 3,
  'who-streams': 4,
  'streaming-giants': 4,
  'wrap-up': 2,
} as const;

/** The wrap-up's ideas and the scenes they open. */
const RECAP: Record<string, string> = {
  'Keys pick partitions': 'produce-with-key',
  'Groups read separately': 'consume-groups',
  'Rebalance on failure': 'grouped-consumers',
  'Copies survive a crash': 'replication',
  'Replay the log': 'durable-log',
  'Queries flag fraud live': 'fraud-query',
};

/**
 * What legibilityProblems does not look for: a curve or a dot of a chart running through a label. (Labels
 * out of the box they belong to, `data-box`, it finds itself.)
 */
async function svgProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const stage = document.querySelector('.stage')!;
    const labels = [...stage.querySelectorAll('svg text')].map((t) => ({
      text: t.textContent ?? '',
      r: t.getBoundingClientRect(),
    }));
    const hit = (x: number, y: number) =>
      labels.find(({ r }) => x > r.left + 2 && x < r.right - 2 && y > r.top + 4 && y < r.bottom - 4);
    for (const path of stage.querySelectorAll<SVGPathElement>('path.trend')) {
      const ctm = path.getScreenCTM()!;
      for (let l = 0; l <= path.getTotalLength(); l += 2) {
        const p = path.getPointAtLength(l).matrixTransform(ctm);
        const label = hit(p.x, p.y);
        if (label) {
          problems.push(`the curve crosses "${label.text}"`);
          break;
        }
      }
    }
    for (const dot of stage.querySelectorAll('circle.dot')) {
      const d = dot.getBoundingClientRect();
      for (const { text, r } of labels)
        if (
          Math.min(d.right, r.right) - Math.max(d.left, r.left) > 2 &&
          Math.min(d.bottom, r.bottom) - Math.max(d.top, r.top) > 2
        )
          problems.push(`a dot covers "${text}"`);
    }
    return problems;
  });
}

/** The smallest text on the stage in CSS px (SVG text scaled by its viewBox), and which. */
async function smallestStageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let smallest = { px: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(document.querySelector('.stage')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getBoundingClientRect().width === 0) continue;
      let px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement && el.ownerSVGElement) px *= el.ownerSVGElement.getScreenCTM()?.a ?? 1;
      if (px < smallest.px) smallest = { px, text: n.textContent.trim().slice(0, 30) };
    }
    return `${smallest.px.toFixed(1)}px "${smallest.text}"`;
  });
}

async function openStill(page: Page, scene: string, step: number) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, scene, step);
  await expect(page.locator('.stage svg, .stage .wrap-up').first()).toBeVisible();
}

test.describe('diagram scenes', () => {
  test('each wrap-up picture is a link that opens its scene at its first step', async ({ page }) => {
    for (const [caption, scene] of Object.entries(RECAP)) {
      await openStill(page, 'wrap-up', 0);
      await page.getByRole('link', { name: caption }).click();
      await expectPlace(page, scene, 0);
    }
  });

  test('a wrap-up link opens from the keyboard too', async ({ page }) => {
    await openStill(page, 'wrap-up', 0);
    const link = page.getByRole('link', { name: 'Copies survive a crash' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expectPlace(page, 'replication', 0);
  });

  test('origins draws arrows from each layer up into the one above', async ({ page }) => {
    await openStill(page, 'origins', 2);
    const layers = page.locator('[data-testid="origins-layer"] > g[data-box] > rect');
    await expect(layers).toHaveCount(3);
    const boxes = await layers.evaluateAll((rs) =>
      rs.map((r) => r.getBoundingClientRect().toJSON() as DOMRect),
    );
    const arrows = await page
      .locator('[data-testid="origins-arrow"] line')
      .evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().toJSON() as DOMRect));
    // Between each lower layer's top and the upper layer's bottom stands at least one arrow.
    for (const [lower, upper] of [
      [boxes[0]!, boxes[1]!],
      [boxes[1]!, boxes[2]!],
    ] as const) {
      const between = arrows.filter(
        (a) => a.top >= upper.bottom - 2 && a.bottom <= lower.top + 2 && a.height > 10,
      );
      expect(between.length).toBeGreaterThan(0);
    }
    await expect(page.locator('[data-testid="origins-callout"]')).toHaveText(/New: results served/);
  });

  test('the toolset shows attempts flowing into a query and possible fraud coming out', async ({ page }) => {
    await openStill(page, 'streaming-toolset', 0);
    await expect(page.getByTestId('pipeline-attempt').first()).toBeVisible();
    await expect(page.getByTestId('pipeline-query')).toContainText('Stream query');
    await expect(page.getByTestId('pipeline-alert')).toHaveCount(0);
    await openStill(page, 'streaming-toolset', 1);
    await expect(page.getByTestId('pipeline-alert')).toHaveCount(1);
    await expect(page.getByTestId('pipeline-alert')).toContainText('6 attempts');
    await openStill(page, 'streaming-toolset', 2);
    await expect(page.getByTestId('pipeline-alert')).toHaveCount(2);
    // Left to right: the attempts, then the query, then the alerts.
    const x = async (id: string) => (await page.getByTestId(id).boundingBox())!.x;
    expect(await x('pipeline-attempts')).toBeLessThan(await x('pipeline-query'));
    expect(await x('pipeline-query')).toBeLessThan(await x('pipeline-alerts'));
    await expect(page.locator('.stage')).not.toContainText('SELECT');
  });

  test('the legibility check sees SVG text', async ({ page }) => {
    await openStill(page, 'streaming-giants', 0);
    await page.evaluate(() => {
      const svg = document.querySelector('.stage svg')!;
      for (const word of ['overlapping', 'words']) {
        const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
        t.setAttribute('x', '300');
        t.setAttribute('y', '300');
        t.setAttribute('font-size', '30');
        t.textContent = word;
        svg.append(t);
      }
    });
    expect(await legibilityProblems(page, '.deck')).toContain('text over text: "overlapping" and "words"');
    // A layer's label made longer than its box is reported too.
    await page.evaluate(() => {
      const title = document.querySelector('[data-testid="giants-layer"] .layer-title')!;
      title.textContent = `${title.textContent} ${'and much more '.repeat(6)}`;
    });
    expect((await legibilityProblems(page, '.deck')).some((p) => p.startsWith('outside its box'))).toBe(true);
  });

  for (const [scene, steps] of Object.entries(SCENES)) {
    test(`${scene}: axe finds no serious or critical violations at any step, in both themes`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const found: string[] = [];
      for (let step = 0; step < steps; step++) {
        await openStill(page, scene, step);
        for (const theme of ['dark', 'projector']) {
          await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
          const { violations } = await new AxeBuilder({ page }).include('.stage').analyze();
          for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
            found.push(`${step} ${theme}: ${v.id} (${v.nodes[0]?.target.join(' ')})`);
        }
      }
      expect(found).toEqual([]);
    });
  }

  test('no stage text under 18px at 1280x720, at any step', async ({ page }) => {
    const small: string[] = [];
    for (const [scene, steps] of Object.entries(SCENES)) {
      for (let step = 0; step < steps; step++) {
        await openStill(page, scene, step);
        const smallest = await smallestStageText(page);
        if (Number.parseFloat(smallest) < 17.95) small.push(`${scene} ${step}: ${smallest}`);
      }
    }
    expect(small).toEqual([]);
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`no label over another, out of its box or cut, at every step, ${width}x${height}`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      const found: string[] = [];
      for (const [scene, steps] of Object.entries(SCENES)) {
        for (let step = 0; step < steps; step++) {
          await openStill(page, scene, step);
          const problems = [...(await legibilityProblems(page, '.deck')), ...(await svgProblems(page))];
          found.push(...problems.map((p) => `${scene} ${step}: ${p}`));
        }
      }
      expect(found).toEqual([]);
    });
  }
});

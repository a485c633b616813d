import { expect, type Page, test } from '@playwright/test';
import { groupFlow } from '../src/engine';
import { scalableArchitecture as scene } from '../src/scenarios/scenes/scalable-architecture';
import { legibilityProblems } from './legibility';
import { open, statesAtStepEnds, watchErrors } from './support';

const SCENE = scene.id;
const view = scene.view as Extract<typeof scene.view, { kind: 'scalable' }>;

const shown = async (page: Page, id: string) =>
  Number(await page.getByTestId(`readout-${id}`).getAttribute('data-value'));

/** The SVG text of the stage, measured: no text over other text. */
async function svgTextOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.scalable-svg text')]
      .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.text.trim() !== '');
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.r, boxes[j]!.r];
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // A parent text and its own tspan share a box; only separate labels count.
        if (
          dx > 1 &&
          dy > 1 &&
          !boxes[i]!.text.includes(boxes[j]!.text) &&
          !boxes[j]!.text.includes(boxes[i]!.text)
        )
          out.push(`"${boxes[i]!.text}" over "${boxes[j]!.text}"`);
      }
    return out;
  });
}

test.describe('the scalable architecture on stage', () => {
  test('at every step the readout shows the engine’s produced/s, consumed/s and lag, the capacity line never falls, and no label collides', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    const states = statesAtStepEnds(scene);
    let capacity = 0;
    let figuresAt = 0;
    for (let k = 0; k < scene.steps.length; k++) {
      await open(page, SCENE, k);
      await expect(page.getByTestId('readout')).toBeVisible();
      // A step with no traffic (the predict step) holds the figures of the last step that had some.
      if (k > 0 && states[k]!.now > states[k - 1]!.now) figuresAt = k;
      const flow =
        figuresAt === 0
          ? groupFlow(states[k]!, states[k]!, view.group, view.topic)
          : groupFlow(states[figuresAt - 1]!, states[figuresAt]!, view.group, view.topic);
      expect([
        await shown(page, 'produced'),
        await shown(page, 'consumed'),
        await shown(page, 'lag'),
      ]).toEqual([flow.producedPerSec, flow.consumedPerSec, flow.lag].map(Math.round));
      await expect(page.getByTestId('readout-lag')).toContainText(Math.round(flow.lag).toLocaleString('en'));
      const rates = await page
        .getByTestId('capacity-point')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rate'))));
      // Along the curve, and from one step to the next: adding consumers never lowers capacity.
      for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
      const now = rates.at(-1) ?? 0;
      expect(now).toBeGreaterThanOrEqual(capacity);
      capacity = now;
      expect(await svgTextOverlaps(page)).toEqual([]);
      expect(await legibilityProblems(page, '.scalable')).toEqual([]);
    }
    // Past the partition count: twelve grey tiles under one label, and the chart says it.
    await expect(page.getByTestId('idle-label')).toHaveText('12 idle');
    await expect(page.getByTestId('ceiling-callout')).toBeVisible();
    // On the big projector too, the busiest steps keep every label clear.
    await page.setViewportSize({ width: 1920, height: 1080 });
    for (const k of [5, 6]) {
      await open(page, SCENE, k);
      expect(await svgTextOverlaps(page)).toEqual([]);
      expect(await legibilityProblems(page, '.scalable')).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  // The 24-consumer step opens with a flash sale: 2,400 records sent at one instant. Computing the step takes
  // a noticeable moment; the animation must still start from its beginning, so the audience sees the burst.
  test('stepping into the flash sale shows its burst on the wire, however long the step took to compute', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, 4);
    await page.waitForSelector('[data-testid="flights-canvas"]');
    // The most records the canvas drew on the wire at once, from before the key press until the animation is over.
    await page.evaluate(() => {
      const w = window as unknown as { mostInFlight: number };
      w.mostInFlight = 0;
      const tick = () => {
        const c = document.querySelector<HTMLElement>('[data-testid="flights-canvas"]');
        w.mostInFlight = Math.max(w.mostInFlight, Number(c?.dataset.inFlight ?? 0));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('body')).toHaveAttribute('data-step', '5');
    await page.waitForTimeout(1500);
    const most = await page.evaluate(() => (window as unknown as { mostInFlight: number }).mostInFlight);
    // At least half of the burst's 2,400 records on the wire in one picture (~2,100 at its peak at 1x; when
    // the animation counted from before the step was computed, 600 or fewer were ever drawn).
    expect(most).toBeGreaterThanOrEqual(1200);
    expect(errors).toEqual([]);
  });
});

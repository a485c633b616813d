import { expect, type Page, test } from '@playwright/test';
import { type EngineEvent, initialState, replicationHistory, step } from '../src/engine';
import { sceneRun } from '../src/scenarios/run';
import { replication } from '../src/scenarios/scenes/replication';
import { legibilityProblems } from './legibility';
import { expectPlace, open, watchErrors } from './support';

/** The scene's run as the engine plays it: every event up to the end of each step. */
function eventsByStep(): EngineEvent[][] {
  const run = sceneRun(replication, []);
  let state = initialState(run.seed);
  const events: EngineEvent[] = [];
  const upTo: EngineEvent[][] = [];
  run.commands.forEach((c, i) => {
    const r = step(state, c, {});
    if (!r.ok) throw new Error(`${c.type}: ${r.error.message}`);
    state = r.state;
    events.push(...r.events);
    run.stepEnds.forEach((end, k) => {
      if (end === i + 1) upTo[k] = [...events];
    });
  });
  return replication.steps.map((_, k) => upTo[k] ?? []);
}

// An instructor steps through "Replicate for fault tolerance" with the keyboard; the screen must show what
// Kafka does: the ★ moves on a crash, the acks=1 record is truncated away, the acks=all record survives.
const lane = (page: Page, broker: number) => page.getByTestId(`replica-payments-0-${broker}`);
const copies = (page: Page, value: string) =>
  page.locator(
    `[data-testid^="replica-payments-0-"] :is([data-testid="record"], [data-testid="replica-record"])[data-value="${value}"]`,
  );

async function next(page: Page, scene: string, step: number): Promise<void> {
  await page.keyboard.press('ArrowRight');
  await expectPlace(page, scene, step);
}

test.describe('Replicate for fault tolerance', () => {
  test('acks=1 loses an acknowledged record on a leader crash; acks=all does not', async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, 'replication', 0);
    await expect(lane(page, 0)).toHaveAttribute('data-leader', 'true');
    for (const b of [0, 1, 2]) await expect(lane(page, b)).toHaveAttribute('data-in-isr', 'true');
    await expect(lane(page, 1)).toHaveAttribute('data-leader', 'false');

    // Step 1: acks=all, copied everywhere before the ✓.
    await next(page, 'replication', 1);
    await expect(copies(page, '€10')).toHaveCount(3);
    await expect(lane(page, 0).getByTestId('record')).toHaveAttribute('data-value', '€10');
    await expect(lane(page, 1).getByTestId('replica-record')).toHaveAttribute('data-broker', '1');

    // Steps 2-3: the prediction, then acks=1: €30 acknowledged while only the leader has it.
    await next(page, 'replication', 2);
    await next(page, 'replication', 3);
    await expect(copies(page, '€30')).toHaveCount(1);
    await expect(lane(page, 0).locator('[data-testid="record"][data-value="€30"]')).toHaveAttribute(
      'data-offset',
      '2',
    );
    await expect(page.getByTestId('producer-fast-app')).toContainText('✓ 2 acknowledged');

    // Step 4: A crashes; 9 s later the ★ moves from broker 0 to broker 1, which never had €30.
    await next(page, 'replication', 4);
    await expect(page.getByTestId('broker-0')).toHaveAttribute('data-alive', 'false');
    await expect(lane(page, 0)).toHaveAttribute('data-leader', 'false');
    await expect(lane(page, 0)).toHaveAttribute('data-in-isr', 'false');
    await expect(lane(page, 1)).toHaveAttribute('data-leader', 'true');
    await expect(lane(page, 1).locator('[data-value="€30"]')).toHaveCount(0);
    await expect(page.getByTestId('broker-1')).toContainText('New leader');

    // Steps 5-6: €40 takes offset 2 on B; A returns and truncates €30 away, from every replica lane.
    await next(page, 'replication', 5);
    await next(page, 'replication', 6);
    await expect(copies(page, '€30')).toHaveCount(0);
    await expect(page.locator('[data-lost-value="€30"]')).toHaveCount(1);
    await expect(copies(page, '€40')).toHaveCount(3);
    for (const b of [0, 1, 2]) {
      await expect(lane(page, b).locator('[data-value="€40"]')).toHaveAttribute('data-offset', '2');
      await expect(lane(page, b)).toHaveAttribute('data-in-isr', 'true');
    }
    await expect(page.getByTestId('broker-0')).toHaveAttribute('data-alive', 'true');

    // Steps 7-8: acks=all, then the same crash of the leader (B): A leads and has €50.
    await next(page, 'replication', 7);
    await expect(copies(page, '€50')).toHaveCount(3);
    await next(page, 'replication', 8);
    await expect(lane(page, 1)).toHaveAttribute('data-leader', 'false');
    await expect(lane(page, 0)).toHaveAttribute('data-leader', 'true');
    await expect(lane(page, 0).locator('[data-testid="record"][data-value="€50"]')).toHaveAttribute(
      'data-offset',
      '3',
    );

    // Step 9: C crashes; A appends €60 while C is still in the ISR, never acknowledges it, and once C is
    // fenced (9 s) the retry after the request timeout is refused rather than acknowledged on one copy.
    await next(page, 'replication', 9);
    await expect(page.getByTestId('producer-safe-app')).toContainText('NOT_ENOUGH_REPLICAS');
    await expect(copies(page, '€60')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('a reload mid-scene lands on the same step with the same picture', async ({ page }) => {
    await open(page, 'replication', 4);
    await next(page, 'replication', 5);
    await next(page, 'replication', 6);
    await page.reload();
    await expectPlace(page, 'replication', 6);
    await expect(page).toHaveURL(/#\/replication\/6$/);
    await expect(lane(page, 1)).toHaveAttribute('data-leader', 'true');
    await expect(copies(page, '€30')).toHaveCount(0);
    await expect(copies(page, '€40')).toHaveCount(3);
    // Stepping back restores the earlier state at once: A down, €30 still on its disk.
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, 'replication', 5);
    await expect(page.getByTestId('broker-0')).toHaveAttribute('data-alive', 'false');
    await expect(lane(page, 0).locator('[data-value="€30"]')).toHaveCount(1);
  });

  test('names the acknowledged record the engine lost, at the step it is lost, and keeps its ghost', async ({
    page,
  }) => {
    const byStep = eventsByStep();
    const topic = replication.view.kind === 'brokers' ? replication.view.topic : '';
    const lostAt = (k: number) =>
      Object.values(replicationHistory(byStep[k]!, topic).acknowledged).flatMap((l) =>
        l.filter((r) => r.lost),
      );
    const first = byStep.findIndex((_, k) => lostAt(k).length > 0);
    expect(first).toBeGreaterThan(0);
    const [lost] = lostAt(first);
    // Before: the record is acknowledged and not lost, and no ghost is drawn.
    await open(page, 'replication', first - 1);
    await expect(page.getByTestId('ghost-slot')).toHaveCount(0);
    await expect(
      page
        .getByTestId(`producer-${lost!.producer}`)
        .locator(`[data-testid="acked-record"][data-value="${lost!.value}"]`),
    ).toHaveAttribute('data-lost', 'false');
    // At the step: the producer's card says it was ✓ and is lost, and a red ghost sits at its offset.
    await next(page, 'replication', first);
    const card = page.getByTestId(`producer-${lost!.producer}`);
    await expect(card).toContainText(`${lost!.value} ✓ → LOST`);
    await expect(card.locator(`[data-testid="acked-record"][data-value="${lost!.value}"]`)).toHaveAttribute(
      'data-lost',
      'true',
    );
    const ghost = page.getByTestId('ghost-slot');
    await expect(ghost).toHaveCount(1);
    await expect(ghost).toHaveAttribute('data-value', lost!.value);
    await expect(ghost).toHaveAttribute('data-offset', String(lost!.offset));
    // The ghost stays to the end of the scene.
    await open(page, 'replication', replication.steps.length - 1);
    await expect(page.getByTestId('ghost-slot')).toHaveAttribute('data-value', lost!.value);
  });

  test('keeps NOT_ENOUGH_REPLICAS on screen from its step on, and draws P0 offline', async ({ page }) => {
    const byStep = eventsByStep();
    const refusedAt = byStep.findIndex((events) =>
      events.some((e) => e.type === 'produceFailed' && e.error === 'NOT_ENOUGH_REPLICAS'),
    );
    expect(refusedAt).toBeGreaterThan(0);
    await open(page, 'replication', refusedAt);
    await expect(page.getByTestId('producer-safe-app')).toContainText('✗ NOT_ENOUGH_REPLICAS');
    const offlineAt = byStep.findIndex((events) => events.some((e) => e.type === 'partitionOffline'));
    expect(offlineAt).toBeGreaterThan(refusedAt);
    await open(page, 'replication', offlineAt);
    await expect(page.getByTestId('producer-safe-app')).toContainText('✗ NOT_ENOUGH_REPLICAS');
    await expect(page.getByTestId('partition-status')).toHaveText('P0 offline: no in-sync replica');
    for (const b of [0, 1, 2]) await expect(lane(page, b)).toHaveAttribute('data-offline', 'true');
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const)
    test(`every step is legible at ${width}x${height}, with the metrics panel and with the Live panel`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const problems: string[] = [];
      for (let k = 0; k < replication.steps.length; k++) {
        await open(page, 'replication', k);
        await expect(page.getByTestId('metrics-panel')).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        // The check measures the picture's SVG labels, or it would prove nothing about the picture.
        if (k === 0) {
          const svgText = await page.evaluate(
            () => document.querySelectorAll('svg.brokers-view text').length,
          );
          expect(svgText).toBeGreaterThan(20);
        }
        for (const p of await legibilityProblems(page, '.deck')) problems.push(`step ${k}, metrics: ${p}`);
        await page.keyboard.press('l');
        await expect(page.getByTestId('live-panel')).toBeVisible();
        await expect(page.getByTestId('metrics-strip')).toBeVisible();
        for (const p of await legibilityProblems(page, '.deck')) problems.push(`step ${k}, Live: ${p}`);
        // The picture stays legible beside the Live panel: its labels are drawn at a size a room reads
        // (font size times the picture's scale on screen), where the panel once shrank them to 10 px.
        const px = await page.evaluate(() => {
          const size = (selector: string) =>
            Math.min(
              ...[...document.querySelectorAll<SVGTextElement>(`svg.brokers-view ${selector}`)].map(
                (t) =>
                  Number.parseFloat(getComputedStyle(t).fontSize) *
                  (t.ownerSVGElement?.getScreenCTM()?.a ?? 1),
              ),
            );
          return { name: size('.broker-name'), record: size('.record-value') };
        });
        expect(px.name, `step ${k}: broker names beside the Live panel`).toBeGreaterThanOrEqual(
          width > 1280 ? 28 : 19,
        );
        if (Number.isFinite(px.record))
          expect(px.record, `step ${k}: record labels beside the Live panel`).toBeGreaterThanOrEqual(
            width > 1280 ? 20 : 14,
          );
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('live-panel')).toBeHidden();
      }
      expect(problems).toEqual([]);
    });

  test('records and lanes have accessible names', async ({ page }) => {
    await open(page, 'replication', 3);
    await expect(
      page.getByRole('list', { name: /P0 on Broker A: leader, in ISR, log end offset 3/ }),
    ).toHaveCount(1);
    await expect(
      page.getByRole('listitem', { name: /value €30, at partition 0, offset 2, on Broker A/ }),
    ).toHaveCount(1);
  });
});

import { expect, type Page, test } from '@playwright/test';
import { modernGroupState } from '../src/engine';
import { consumerProtocol as scene } from '../src/scenarios/scenes/consumer-protocol';
import { legibilityProblems } from './legibility';
import { expectPlace, open, statesAtStepEnds, watchErrors } from './support';

const SCENE = scene.id;
const view = scene.view as Extract<typeof scene.view, { kind: 'consumer-protocol' }>;
const PREDICT = scene.steps.findIndex((s) => s.predict);
const EXPIRED = PREDICT + 2;

const attr = (page: Page, id: string, name: string) => page.getByTestId(id).getAttribute(name);

test.describe('the consumer protocol beside the classic one', () => {
  test('every step shows the engine’s generation, group epoch, target epoch and group state, legibly', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    const states = statesAtStepEnds(scene);
    for (let k = 0; k < scene.steps.length; k++) {
      await open(page, SCENE, k);
      const s = states[k]!;
      const g = s.modernGroups.groups[view.group]!;
      await expect(page.getByTestId('modern-panel')).toHaveAttribute(
        'data-group-epoch',
        String(g.groupEpoch),
      );
      expect(await attr(page, 'modern-panel', 'data-assignment-epoch')).toBe(String(g.assignmentEpoch));
      expect(await attr(page, 'modern-panel', 'data-state')).toBe(modernGroupState(g));
      await expect(page.getByTestId('modern-panel')).toContainText(`group epoch ${g.groupEpoch}`);
      expect(await attr(page, 'classic-panel', 'data-generation')).toBe(
        String(s.groups.groups[view.classicGroup]!.generationId),
      );
      expect(await legibilityProblems(page, '.consumer-protocol')).toEqual([]);
    }
    // On the big projector too, every step keeps its labels in their boxes.
    await page.setViewportSize({ width: 1920, height: 1080 });
    for (let k = 0; k < scene.steps.length; k++) {
      await open(page, SCENE, k);
      expect(await legibilityProblems(page, '.consumer-protocol')).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  test('an instructor predicts, reveals, deep-links and steps back: the crash stops everyone only in the classic group', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, SCENE, PREDICT);
    // The question gives nothing away: nobody has crashed yet.
    await expect(page.getByTestId('crash-c2')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, SCENE, EXPIRED);
    // Classic: c1 read P0 before the barrier and after it, with a gap; n1 read P0 throughout.
    await expect(page.getByTestId('classic-timeline-P0')).toHaveAttribute('data-spans', 'c1,c1');
    await expect(page.getByTestId('modern-timeline-P0')).toHaveAttribute('data-spans', 'n1');
    await expect(page.getByTestId('modern-member-n1')).toContainText('epoch 4');
    await expect(page.getByTestId('modern-member-n2')).toContainText('session timed out');
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, SCENE, EXPIRED - 1);
    await expect(page.getByTestId('modern-member-n1')).toContainText('epoch 3');
    await open(page, SCENE, EXPIRED + 1);
    await expect(page.getByTestId('modern-member-n4')).toContainText('UNRELEASED_PARTITIONS');
    await expect(page.getByTestId('modern-panel')).toHaveAttribute('data-state', 'RECONCILING');
    expect(errors).toEqual([]);
  });
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { watchErrors } from './support';

// An instructor's run through the whole deck with the keyboard, forward to the end and back to the start.
test('the whole deck plays forward and back by keyboard, a screenshot per scene', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/#/produce-no-key/0');
  await page.keyboard.press('Home');
  const visited: string[] = [];
  for (let guard = 0; guard < 400; guard++) {
    const { scene, step, hash } = await page.evaluate(() => ({
      scene: document.body.dataset.scene!,
      step: document.body.dataset.step!,
      hash: window.location.hash,
    }));
    expect(hash).toBe(`#/${scene}/${step}`);
    visited.push(`${scene}/${step}`);
    // The header reads "step k/n": at a scene's last step, keep a picture of it as a test artifact.
    const place = (await page.locator('.place').textContent()) ?? '';
    const [, k, n] = place.match(/step (\d+)\/(\d+)/) ?? [];
    if (k !== undefined && k === n) {
      await page.waitForTimeout(1300);
      const path = testInfo.outputPath(`${scene}.png`);
      await page.screenshot({ path });
      await testInfo.attach(scene, { path, contentType: 'image/png' });
    }
    await page.keyboard.press('ArrowRight');
    if (await page.getByTestId('notice').filter({ hasText: 'end of the deck' }).count()) break;
  }
  const scenes = new Set(visited.map((v) => v.split('/')[0]));
  expect(scenes.size).toBeGreaterThanOrEqual(6);
  // And all the way back, one step at a time.
  for (let i = visited.length - 1; i > 0; i--) await page.keyboard.press('ArrowLeft');
  await expect(page.locator('body')).toHaveAttribute('data-scene', visited[0]!.split('/')[0]!);
  await expect(page.locator('body')).toHaveAttribute('data-step', '0');
  expect(errors).toEqual([]);
});

test('every scene passes axe (serious and critical) in both themes', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#/produce-no-key/0');
  await page.keyboard.press('o');
  const ids = await page
    .locator('[data-scene-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-scene-id')!));
  await page.keyboard.press('Escape');
  for (const theme of ['dark', 'projector']) {
    for (const id of ids) {
      await page.goto(`/#/${id}/0`);
      await expect(page.locator('body')).toHaveAttribute('data-scene', id);
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.keyboard.press('t');
      await page.keyboard.press('Alt+ArrowRight');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${id} (${theme}): ${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    }
  }
});

import { expect, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

// Every key in the help overlay, pressed as a presenter would (clickers send PageUp/PageDown).
test.describe('keys of the help overlay', () => {
  test('step keys move one step; Alt jumps to the end or start of the scene', async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, 'produce-no-key', 0);
    for (const key of ['ArrowRight', ' ', 'PageDown', 'Enter']) {
      const before = Number(await page.locator('body').getAttribute('data-step'));
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      await expectPlace(page, 'produce-no-key', before + 1);
    }
    for (const key of ['ArrowLeft', 'PageUp', 'Backspace']) {
      const before = Number(await page.locator('body').getAttribute('data-step'));
      await page.keyboard.press(key);
      await expectPlace(page, 'produce-no-key', before - 1);
    }
    await page.keyboard.press('Alt+ArrowRight');
    await expectPlace(page, 'produce-no-key', 7);
    await page.keyboard.press('Alt+ArrowLeft');
    await expectPlace(page, 'produce-no-key', 0);
    await page.keyboard.press('Alt+PageDown');
    await expectPlace(page, 'produce-no-key', 7);
    await page.keyboard.press('Alt+PageUp');
    await expectPlace(page, 'produce-no-key', 0);
    expect(errors).toEqual([]);
  });

  test('Down/Up change scene, Home/End go to the ends of the deck, and Next runs on into the next scene', async ({
    page,
  }) => {
    await open(page, 'produce-no-key', 3);
    await page.keyboard.press('ArrowDown');
    await expectPlace(page, 'produce-with-key', 0);
    await page.keyboard.press('ArrowUp');
    await expectPlace(page, 'produce-no-key', 0);
    await page.keyboard.press('End');
    const last = await page.evaluate(() => document.body.dataset.scene);
    expect(last).not.toBe('produce-no-key');
    await page.keyboard.press('Home');
    await expectPlace(page, 'produce-no-key', 0);
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-with-key', 0);
    await page.keyboard.press('ArrowLeft');
    await expectPlace(page, 'produce-no-key', 7);
  });

  test('G, a slide number and Enter jump to the scene that covers that slide', async ({ page }) => {
    await open(page, 'produce-no-key', 2);
    await page.keyboard.press('g');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    await expectPlace(page, 'produce-with-key', 0);
    await page.keyboard.press('G');
    await page.keyboard.type('999');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice')).toContainText('No scene covers slide 999');
    await expectPlace(page, 'produce-with-key', 0);
  });

  test('? lists every key from the command registry; O shows the overview, Esc closes it, Enter jumps', async ({
    page,
  }) => {
    await open(page, 'produce-no-key', 1);
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await expect(help).toBeVisible();
    for (const id of [
      'next-step',
      'previous-step',
      'play',
      'overview',
      'black',
      'fullscreen',
      'presenter',
      'go-to-slide',
      'theme',
      'print',
    ]) {
      await expect(help.locator(`tr[data-command="${id}"]`)).toHaveCount(1);
    }
    await page.keyboard.press('?');
    await expect(help).toBeHidden();

    await page.keyboard.press('o');
    const overview = page.getByTestId('overview');
    await expect(overview).toBeVisible();
    await expect(overview.locator('[data-scene-id]')).toHaveCount(await overview.locator('li').count());
    await page.keyboard.press('Escape');
    await expect(overview).toBeHidden();
    await page.keyboard.press('o');
    await expect(overview).toBeVisible();
    await overview.locator('[data-scene-id="produce-with-key"]').focus();
    await page.keyboard.press('Enter');
    await expect(overview).toBeHidden();
    await expectPlace(page, 'produce-with-key', 0);
  });

  test('B and . blank the screen; a step key brings the picture back without moving', async ({ page }) => {
    await open(page, 'produce-no-key', 2);
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('blackout')).toBeHidden();
    await expectPlace(page, 'produce-no-key', 2);
    await page.keyboard.press('.');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('.');
    await expect(page.getByTestId('blackout')).toBeHidden();
  });

  test('P autoplays through the steps and pauses again; + and - change the speed', async ({ page }) => {
    await open(page, 'produce-no-key', 0);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect(page.getByTestId('notice')).toContainText('Speed 4x');
    await page.keyboard.press('p');
    await expectPlace(page, 'produce-no-key', 2);
    await page.keyboard.press('p');
    const paused = Number(await page.locator('body').getAttribute('data-step'));
    await page.waitForTimeout(1500);
    await expectPlace(page, 'produce-no-key', paused);
    await page.keyboard.press('-');
    await expect(page.getByTestId('notice')).toContainText('Speed 3x');
  });

  test('T switches to the high-contrast projector theme and keeps it after a reload', async ({ page }) => {
    await open(page, 'produce-no-key', 1);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  });

  test('F asks for fullscreen and S opens the presenter window', async ({ page, context }) => {
    await open(page, 'produce-no-key', 1);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    const popup = context.waitForEvent('page');
    await page.keyboard.press('s');
    const presenter = await popup;
    await expect(presenter.getByTestId('presenter')).toBeVisible();
    await expect(presenter.getByTestId('speaker-notes')).toContainText('round robin');
  });

  test('keys do nothing while the presenter types in a live control', async ({ page }) => {
    await open(page, 'produce-no-key', 1);
    await page.getByRole('button', { name: 'Live' }).click();
    await page.getByRole('textbox', { name: 'value' }).fill('');
    await page.getByRole('textbox', { name: 'value' }).press('ArrowRight');
    await page.getByRole('textbox', { name: 'value' }).type('b. p?');
    await expectPlace(page, 'produce-no-key', 1);
    await expect(page.getByTestId('blackout')).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'value' })).toHaveValue('b. p?');
  });
});

import { expect, test } from '@playwright/test';
import { expectPlace, open } from './support';

// Two windows of one browser: the audience screen and the presenter view. They sync commands, not pixels.
test.describe('presenter view', () => {
  test('stays in step both ways, and after a reload of either window', async ({ context }) => {
    const audience = await context.newPage();
    await open(audience, 'produce-no-key', 1);
    const presenter = await context.newPage();
    await open(presenter, 'produce-no-key', 1, '?view=presenter');
    await expect(presenter.getByTestId('speaker-notes')).toContainText('round robin');
    await expect(presenter.getByTestId('next-step')).toContainText('The next partition');

    await presenter.keyboard.press('ArrowRight');
    await expectPlace(audience, 'produce-no-key', 2);
    await audience.keyboard.press('ArrowRight');
    await expectPlace(presenter, 'produce-no-key', 3);

    await audience.reload();
    await expectPlace(audience, 'produce-no-key', 3);
    await presenter.keyboard.press('ArrowLeft');
    await expectPlace(audience, 'produce-no-key', 2);

    await presenter.reload();
    await expectPlace(presenter, 'produce-no-key', 2);
    await presenter.keyboard.press('ArrowDown');
    await expectPlace(audience, 'produce-with-key', 0);
  });

  test('a record produced live in one window appears in the other, at the partition the engine chose', async ({
    context,
  }) => {
    const audience = await context.newPage();
    await open(audience, 'produce-with-key', 1);
    const presenter = await context.newPage();
    await open(presenter, 'produce-with-key', 1, '?view=presenter');
    await audience.getByRole('button', { name: 'Live' }).click();
    await audience.getByRole('textbox', { name: 'key' }).fill('bob');
    await audience.getByRole('textbox', { name: 'value' }).fill('on-stage');
    await audience.getByRole('button', { name: 'Produce' }).click();
    // murmur2("bob") % 4 = 2, in both windows, because both run the same engine on the same commands.
    // On each window's stage (the presenter's next-step miniature shows the record too).
    for (const stage of [audience.locator('.stage'), presenter.locator('.presenter-stage')]) {
      const record = stage.locator('[data-testid="record"][data-value="on-stage"]');
      await expect(record).toHaveAttribute('data-partition', '2');
      await expect(record).toHaveAttribute('data-key', 'bob');
    }
  });

  test('the black screen pauses the presenter clock and shows in both windows', async ({ context }) => {
    const audience = await context.newPage();
    await open(audience, 'produce-no-key', 0);
    const presenter = await context.newPage();
    await open(presenter, 'produce-no-key', 0, '?view=presenter');
    await presenter.keyboard.press('b');
    await expect(audience.getByTestId('blackout')).toBeVisible();
    await expect(presenter.getByTestId('elapsed')).toContainText('paused');
    const shown = await presenter.getByTestId('elapsed').textContent();
    await presenter.waitForTimeout(1500);
    await expect(presenter.getByTestId('elapsed')).toHaveText(shown ?? '');
    await audience.keyboard.press('b');
    await expect(audience.getByTestId('blackout')).toBeHidden();
    await expect(presenter.getByTestId('elapsed')).not.toContainText('paused');
  });

  test('two windows producing live in the same instant both keep both records, in the same order', async ({
    context,
  }) => {
    const one = await context.newPage();
    await open(one, 'produce-with-key', 1);
    const two = await context.newPage();
    await open(two, 'produce-with-key', 1);
    for (const [page, value] of [
      [one, 'from-one'],
      [two, 'from-two'],
    ] as const) {
      await page.getByRole('button', { name: 'Live' }).click();
      await page.getByRole('textbox', { name: 'key' }).fill('alice');
      await page.getByRole('textbox', { name: 'value' }).fill(value);
    }
    // Two clicks in the same instant: each window submits at the same wall-clock time, so each records its
    // own action before the other's message can arrive (a Playwright click each, in turn, would not be).
    const at = Date.now() + 400;
    const submitAt = (when: number) =>
      new Promise<void>((resolve) =>
        setTimeout(
          () => {
            document.querySelector<HTMLFormElement>('[data-testid="live-produce"]')?.requestSubmit();
            resolve();
          },
          Math.max(0, when - Date.now()),
        ),
      );
    await Promise.all([one.evaluate(submitAt, at), two.evaluate(submitAt, at)]);
    const offsets = async (page: typeof one) => {
      const offset = (value: string) =>
        page.locator(`[data-testid="record"][data-value="${value}"]`).getAttribute('data-offset');
      // alice lands on P1 after alice:login at offset 0: the two live records take offsets 1 and 2.
      for (const value of ['from-one', 'from-two']) {
        await expect(page.locator(`[data-testid="record"][data-value="${value}"]`)).toHaveAttribute(
          'data-partition',
          '1',
        );
      }
      return [await offset('from-one'), await offset('from-two')];
    };
    const inOne = await offsets(one);
    expect([...inOne].sort()).toEqual(['1', '2']);
    expect(await offsets(two)).toEqual(inOne);
    // And after a reload, from what each window saved and what the other says on hello.
    await two.reload();
    await expectPlace(two, 'produce-with-key', 1);
    expect(await offsets(two)).toEqual(inOne);
  });
});

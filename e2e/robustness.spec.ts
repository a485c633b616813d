import { expect, test } from '@playwright/test';
import { open, watchErrors } from './support';

/** mulberry32: a tiny seeded PRNG so the storm of keys is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every deck key except S (a new window per press), Alt+P (the print dialog) and F (fullscreen, which only
// the browser chrome changes), plus keys the deck ignores. No Tab: with focus on a live control, Enter
// would be a deliberate live action, not mashing.
const KEYS = [
  'ArrowRight',
  'ArrowLeft',
  'Space',
  'PageDown',
  'PageUp',
  'Enter',
  'Backspace',
  'Alt+ArrowRight',
  'Alt+ArrowLeft',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'g',
  '1',
  '2',
  '3',
  '9',
  'p',
  '+',
  '-',
  'o',
  'Escape',
  '?',
  'b',
  '.',
  't',
  'a',
  'z',
  'Alt+PageDown',
  'Alt+PageUp',
  'Control+a',
  'Shift+ArrowRight',
];

test('a seeded storm of 2,000 key presses leaves the deck consistent with its URL, without errors, and keeps live actions', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await open(page, 'produce-with-key', 2);
  await page.getByRole('button', { name: 'Live' }).click();
  await page.getByRole('textbox', { name: 'key' }).fill('alice');
  await page.getByRole('textbox', { name: 'value' }).fill('kept');
  await page.getByRole('button', { name: 'Produce' }).click();
  await page.getByRole('button', { name: 'Live' }).click();
  await page.locator('body').focus();

  const random = prng(2026);
  for (let i = 0; i < 2000; i++) {
    await page.keyboard.press(KEYS[Math.floor(random() * KEYS.length)]!);
  }
  await page.keyboard.press('Escape');

  const { scene, step, hash } = await page.evaluate(() => ({
    scene: document.body.dataset.scene,
    step: document.body.dataset.step,
    hash: window.location.hash,
  }));
  expect(hash).toBe(`#/${scene}/${step}`);
  await expect(page.locator('.stage svg')).toBeVisible();
  expect(errors).toEqual([]);

  await page.goto('/#/produce-with-key/2');
  await page.reload();
  await expect(page.locator('[data-testid="record"][data-value="kept"]')).toHaveAttribute(
    'data-partition',
    '1',
  );
});

test('a malformed URL hash gets a clear message and the nearest valid place', async ({ page }) => {
  for (const [hash, scene, step, message] of [
    ['#/produce-with-key/abc', 'produce-with-key', '0', 'is not a step number'],
    ['#/%E0%A4%A/3', 'produce-no-key', '0', 'There is no scene'],
    ['#/produce-no-key/-1', 'produce-no-key', '0', 'is not a step number'],
    ['#/produce-no-key/2/extra', 'produce-no-key', '0', 'is not a step number'],
    ['#garbage', 'produce-no-key', '0', 'There is no scene'],
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.locator('body')).toHaveAttribute('data-scene', scene);
    await expect(page.locator('body')).toHaveAttribute('data-step', step);
    await expect(page.getByTestId('notice')).toContainText(message);
    await expect(page).toHaveURL(new RegExp(`#/${scene}/${step}$`));
  }
});

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

/** Records every request that leaves the page's own origin (data: and blob: URLs stay local). */
function watchForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

/** Collects Content-Security-Policy violations the page reports. */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolations: string[] }).cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
}

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('the served app makes no request to any other origin, under a CSP it never violates', async ({
  page,
  baseURL,
}) => {
  const foreign = watchForeignRequests(page, baseURL!.replace(/\/$/, ''));
  const errors = watchErrors(page);
  await watchCsp(page);
  await open(page, 'produce-no-key', 0);
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.locator('.stage svg').first()).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(await cspViolations(page)).toEqual([]);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('the single-file build opened from disk', () => {
  const file = pathToFileURL(resolve('dist-single/index.html')).href;

  test('runs the deck with its CSP and no request anywhere', async ({ page }) => {
    const foreign = watchForeignRequests(page, file);
    const errors = watchErrors(page);
    await watchCsp(page);
    await page.goto(`${file}#/produce-no-key/3`);
    await expectPlace(page, 'produce-no-key', 3);
    await expect(page.getByTestId('record')).toHaveCount(4);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectPlace(page, 'produce-no-key', 5);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(await cspViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('syncs a presenter window opened from disk too', async ({ context }) => {
    const audience = await context.newPage();
    await audience.goto(`${file}#/produce-no-key/1`);
    await expectPlace(audience, 'produce-no-key', 1);
    const presenter = await context.newPage();
    await presenter.goto(`${file}?view=presenter#/produce-no-key/1`);
    await expect(presenter.getByTestId('presenter')).toBeVisible();
    await presenter.keyboard.press('ArrowRight');
    await expectPlace(audience, 'produce-no-key', 2);
  });
});

import { expect, test } from '@playwright/test';
import { expectPlace, open, watchErrors } from './support';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
}

/** Width and height from a PNG's IHDR chunk, which always comes first. */
const pngSize = (png: Buffer) => `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;

test('the served deck links a web app manifest that names it and its icons, so it can be installed', async ({
  page,
  request,
}) => {
  const errors = watchErrors(page);
  await open(page, 'produce-no-key', 0);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href!, page.url()).href;
  const response = await request.get(manifestUrl);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Kafka Stage', start_url: './', scope: './' });
  expect(['fullscreen', 'standalone']).toContain(manifest.display);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);

  const icons = manifest.icons as ManifestIcon[];
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of icons) {
    const file = await request.get(new URL(icon.src, manifestUrl).href);
    expect(file.ok(), icon.src).toBe(true);
    if (icon.type === 'image/png') expect(pngSize(await file.body()), icon.src).toBe(icon.sizes);
  }
  const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect((await request.get(new URL(favicon!, page.url()).href)).ok()).toBe(true);

  // Chromium's own reading of the manifest, as its install prompt sees it.
  const cdp = await page.context().newCDPSession(page);
  const read = await cdp.send('Page.getAppManifest');
  expect(read.errors).toEqual([]);
  expect(read.url).toBe(manifestUrl);
  expect(errors).toEqual([]);
});

test('once its service worker is in, a reload with the server unreachable still shows the deck', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  await open(page, 'produce-no-key', 3);
  // The app registers public/sw.js itself (src/ui/install-offline.ts); registering it here too (the same
  // worker, so once) keeps this test about what the worker does.
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('./sw.js');
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expectPlace(page, 'produce-no-key', 3);
  await expect(page.getByTestId('record')).toHaveCount(4);
  // A view in a chunk of its own, which this page load has not fetched yet: from the worker's cache.
  await page.evaluate(() => {
    window.location.hash = '#/replication/2';
  });
  await expectPlace(page, 'replication', 2);
  await expect(page.getByTestId('broker-0')).toBeVisible();
  expect(errors).toEqual([]);
  await context.setOffline(false);
});

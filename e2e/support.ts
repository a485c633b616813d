import { expect, type Page } from '@playwright/test';

/** Opens the deck at a place and waits until it shows that place. */
export async function open(page: Page, scene: string, step = 0, query = ''): Promise<void> {
  await page.goto(`/${query}#/${scene}/${step}`);
  await expectPlace(page, scene, step);
}

export async function expectPlace(page: Page, scene: string, step: number): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-scene', scene);
  await expect(page.locator('body')).toHaveAttribute('data-step', String(step));
}

/** Collects console errors and page errors, to assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

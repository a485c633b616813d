#!/usr/bin/env node
/**
 * `npm run shots [-- scene-id ...] [--size 1920x1080]`: a PNG of every step of every scene (or of the scenes
 * named), as a reduced-motion viewer sees the step's final picture, in shots/ (git-ignored). Builds the app,
 * serves it on loopback, walks the deck with the keyboard as a presenter would, and stops its server by PID.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const sizeArg = args.indexOf('--size');
const [width, height] = (sizeArg >= 0 ? args.splice(sizeArg, 2)[1] : '1280x720').split('x').map(Number);
const only = new Set(args);
const port = Number(process.env.SHOTS_PORT ?? 4179);
const out = join(process.cwd(), 'shots');

if (!width || !height) {
  console.error('--size takes WIDTHxHEIGHT, e.g. --size 1920x1080');
  process.exit(2);
}

console.log('Building the app…');
if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  },
);
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);

await new Promise((ready, fail) => {
  server.stdout.on('data', (d) => String(d).includes(String(port)) && ready(null));
  server.on('exit', (code) =>
    fail(new Error(`vite preview exited (${code}); is port ${port} in use? SHOTS_PORT changes it`)),
  );
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
  await page.goto(`http://127.0.0.1:${port}/#/produce-no-key/0`);
  await page.keyboard.press('Home');
  rmSync(out, { recursive: true, force: true });
  let count = 0;
  let sceneNumber = 0;
  let lastScene = '';
  for (let guard = 0; guard < 400; guard++) {
    const { scene, step } = await page.evaluate(() => ({
      scene: document.body.dataset.scene,
      step: document.body.dataset.step,
    }));
    if (scene !== lastScene) sceneNumber++;
    lastScene = scene;
    if (only.size === 0 || only.has(scene)) {
      await page.waitForFunction(() => !document.querySelector('.stage .stage-empty'), null, {
        timeout: 30_000,
      });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(150);
      const dir = join(out, `${String(sceneNumber).padStart(2, '0')}-${scene}`);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({
        path: join(dir, `step-${String(Number(step) + 1).padStart(2, '0')}-${width}x${height}.png`),
      });
      count++;
    }
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(50);
    if (await page.getByTestId('notice').filter({ hasText: 'end of the deck' }).count()) break;
  }
  console.log(`${count} screenshots in ${out}`);
} finally {
  await browser.close();
  stopServer();
}

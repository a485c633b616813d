import { chromium } from '@playwright/test';
const port = 4286;
const scenes = { 'produce-no-key': 8, 'produce-with-key': 10 };
const sizes = process.argv[2] === 'big' ? [[1920, 1080]] : process.argv[2] === 'both' ? [[1280, 720], [1920, 1080]] : [[1280, 720]];
const only = process.argv[3];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h] of sizes) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
  for (const [scene, n] of Object.entries(scenes)) {
    if (only && only !== scene) continue;
    for (let s = 0; s < n; s++) {
      await page.goto(`http://127.0.0.1:${port}/#/${scene}/${s}`);
      await page.waitForSelector(`body[data-step="${s}"] .stage-svg`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shots-produce/${scene}-${s}-${w}.png` });
    }
  }
}
await browser.close();

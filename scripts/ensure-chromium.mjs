// Makes sure the e2e tests have a Chromium to drive, without ever downloading a browser build of its own:
// as root it installs Debian's chromium package; otherwise it says in one sentence what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  if (process.getuid?.() === 0) {
    console.log(`Chromium not found at ${path}: installing Debian's chromium package...`);
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  } else {
    console.error(
      `The e2e tests need Chromium at ${path}: install it with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH), then run npm test again.`,
    );
    process.exit(1);
  }
}

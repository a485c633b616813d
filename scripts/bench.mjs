// `npm run bench`: the engine suites run under tsx (TypeScript, no build step); browser suites drive Chromium.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['tsx', 'bench/index.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

/**
 * A replay-only server for the replay's e2e and screenshots: the built app, REALITY_PATHS.info and the
 * replay's routes, on 127.0.0.1. The bridge's own server (npm start -- --kafka) mounts the same routes;
 * this one exists so the side-by-side can be tested without the bridge's poller.
 *   npx tsx bridge/replay/harness.ts --dist dist --port 4188 --kafka 127.0.0.1:20000 [--local-home .kafka/replay]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { markBridgePage } from '../../src/reality/page-marker';
import { REALITY_PATHS, type RealBridgeInfo } from '../../src/reality/protocol';
import { replayRoutes } from './routes';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
};

const ROOT = resolve(import.meta.dirname, '..', '..');
const dist = resolve(arg('dist', 'dist'));
const port = Number(arg('port', '4188'));
const bootstrap = arg('kafka');
const localHome = process.argv.includes('--local-home') ? resolve(arg('local-home')) : null;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

const info: RealBridgeInfo = {
  bootstrap,
  origin: localHome ? 'local' : 'named',
  allowAdmin: false,
  pollMs: 1000,
  client: 'kafkajs 2.2.4 (replay runner)',
};
const replay = replayRoutes({
  bootstrap,
  origin: info.origin,
  ...(localHome ? { local: { home: localHome } } : {}),
  root: ROOT,
  log: (s) => console.error(`[replay] ${s}`),
});

const server = createServer((req, res) => {
  void (async () => {
    if (await replay.handle(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === REALITY_PATHS.info) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(info));
      return;
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    const target =
      file.startsWith(dist) && existsSync(file) && statSync(file).isFile() ? file : join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
    // The page learns from this marker that a bridge serves it (src/reality/page-marker.ts).
    res.end(
      target.endsWith('index.html') ? markBridgePage(readFileSync(target, 'utf8')) : readFileSync(target),
    );
  })();
});
server.listen(port, '127.0.0.1', () =>
  console.error(`[replay] http://127.0.0.1:${port} (cluster ${bootstrap})`),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void replay.closeAll().finally(() => process.exit(0));
  });

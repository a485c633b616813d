// `npm start`: serves the built app from dist/ on a fixed local port and prints its URL.
// `npm start -- --kafka host:port[,host:port] [--allow-admin] [--poll-ms 500] [--records 20]` also runs the
// reality-mode bridge (bridge/) beside it, on the same origin and on 127.0.0.1 only. Without --kafka the app
// is served exactly as before and /api/reality/* answers 404.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { ROOT, readPids, settings } from './kafka/cluster.mjs';

const { values } = parseArgs({
  options: {
    kafka: { type: 'string' },
    'allow-admin': { type: 'boolean', default: false },
    'poll-ms': { type: 'string', default: '500' },
    records: { type: 'string', default: '20' },
    port: { type: 'string', default: '4173' },
    // Set by `npm run real`: the home of the project's own cluster (scripts/kafka), whose PIDs it recorded.
    'local-home': { type: 'string' },
  },
});

function integer(name, lo, hi) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < lo || n > hi) {
    console.error(`--${name} takes an integer from ${lo} to ${hi}.`);
    process.exit(2);
  }
  return n;
}
const port = integer('port', 1024, 65535);

/** The project's own cluster, when --kafka names one of the brokers `npm run kafka` recorded. */
function localHome(bootstrap) {
  if (values['local-home']) return values['local-home'];
  const { home } = settings();
  const recorded = readPids(home);
  const given = bootstrap.split(',');
  return recorded?.bootstrap.split(',').some((a) => given.includes(a)) ? home : null;
}

let bridge = null;
let replay = null;
const plugins = [];
if (values.kafka) {
  // The bridge is TypeScript: tsx compiles it on import.
  const { register } = await import('tsx/esm/api');
  register();
  const { createBridge } = await import('../bridge/server.ts');
  const home = localHome(values.kafka);
  const log = (s) => console.error(`[bridge] ${s}`);
  // The replay runner (issue 18, point 4) is built beside the bridge; its routes join the bridge's when present.
  const replayModule = new URL('../bridge/replay/routes.ts', import.meta.url);
  if (existsSync(replayModule)) {
    const { replayRoutes } = await import(replayModule.href);
    replay = replayRoutes({
      bootstrap: values.kafka,
      origin: home ? 'local' : 'named',
      ...(home ? { local: { home } } : {}),
      root: ROOT,
      log,
    });
  }
  try {
    bridge = createBridge(
      {
        bootstrap: values.kafka,
        allowAdmin: values['allow-admin'],
        pollMs: integer('poll-ms', 50, 60_000),
        records: integer('records', 0, 500),
        localHome: home,
        log,
      },
      replay ? [(req, res) => replay.handle(req, res)] : [],
    );
  } catch (e) {
    console.error(`--kafka: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  }
  const { markBridgePage } = await import('../src/reality/page-marker.ts');
  const indexHtml = join(ROOT, 'dist', 'index.html');
  plugins.push({
    name: 'kafka-stage-bridge',
    configurePreviewServer(server) {
      // The page learns that a bridge serves it from a meta tag in its index.html, so the static build never asks.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method !== 'GET' || (path !== '/' && path !== '/index.html')) return next();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(markBridgePage(readFileSync(indexHtml, 'utf8')));
      });
      server.middlewares.use((req, res, next) => {
        bridge.middleware(req, res, next).catch((e) => {
          console.error(`[bridge] ${e instanceof Error ? e.stack : e}`);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
    },
  });
} else {
  // The static app has no bridge: its probe of /api/reality/info must get a 404, never index.html.
  plugins.push({
    name: 'kafka-stage-no-bridge',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!(req.url ?? '').startsWith('/api/reality/')) return next();
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no bridge: start with --kafka host:port\n');
      });
    },
  });
}

const server = await preview({
  plugins,
  preview: { host: '127.0.0.1', port, strictPort: true, open: false },
});
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
if (bridge) {
  bridge.start();
  const { origin, allowAdmin, pollMs } = bridge.info;
  console.error(
    `Reality mode: bridge to ${values.kafka} (${origin === 'local' ? "the project's own cluster" : 'a named cluster: every action asks for confirmation'}; ` +
      `admin actions ${allowAdmin ? 'ON' : 'off (--allow-admin)'}; polling every ${pollMs} ms).`,
  );
}
console.log(`Kafka Stage is running at ${url}  (Ctrl+C to stop)`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await replay?.closeAll().catch(() => {});
    await bridge?.close().catch(() => {});
    await server.close();
    process.exit(0);
  });
}

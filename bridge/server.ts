/**
 * The bridge beside the built app: REALITY_PATHS served from one connect-style middleware that scripts/serve.mjs
 * mounts in front of vite preview (127.0.0.1 only). The cluster is the one on the command line: no request
 * field names a host, so the page can never make the bridge connect anywhere else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REALITY_PATHS, type RealBridgeInfo } from '../src/reality/protocol';
import { Actions } from './actions';
import { parseBootstrap } from './address';
import { ClusterReader } from './collect';
import { BridgeConsumers } from './consumers';
import { LocalCluster } from './local-cluster';
import { Poller } from './poller';
import { SnapshotHub } from './sse';

export interface BridgeOptions {
  bootstrap: string;
  allowAdmin: boolean;
  pollMs: number;
  records: number;
  /** The project's own cluster's home (scripts/kafka): origin 'local', PIDs known. */
  localHome: string | null;
  log?: (s: string) => void;
}

export const CLIENT = '@platformatic/kafka 1.20.0';

/** What another route of the bridge (the replay runner) gets to work with: the same cluster, never another. */
export interface BridgeContext {
  info: RealBridgeInfo;
  addresses: ReturnType<typeof parseBootstrap>;
  poller: Poller;
  actions: Actions;
  consumers: BridgeConsumers;
}
/** A route under /api/reality/: answers and returns true, or returns false to let the next one try. */
export type BridgeRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: BridgeContext,
) => Promise<boolean>;
const MAX_BODY = 1 << 20;

/** Only the page this server serves may talk to it: a loopback Host (no DNS rebinding) and, if sent, the same Origin. */
export function sameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('the body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

export function createBridge(o: BridgeOptions, routes: BridgeRoute[] = []) {
  const addresses = parseBootstrap(o.bootstrap);
  const local = o.localHome ? new LocalCluster(o.localHome) : null;
  const origin = local ? 'local' : 'named';
  const info: RealBridgeInfo = {
    bootstrap: o.bootstrap,
    origin,
    allowAdmin: o.allowAdmin,
    pollMs: o.pollMs,
    client: CLIENT,
  };
  const hub = new SnapshotHub();
  const consumers = new BridgeConsumers(addresses, o.records);
  const reader = new ClusterReader(addresses);
  const poller = new Poller(reader, {
    bootstrap: o.bootstrap,
    origin,
    pollMs: o.pollMs,
    records: o.records,
    localNodes: () => local?.nodes() ?? [],
    consumers: () => consumers.list(),
    publish: (s) => hub.publish(s),
    ...(o.log ? { log: o.log } : {}),
  });
  let republish: NodeJS.Timeout | null = null;
  const actions = new Actions({
    bootstrap: addresses,
    origin,
    allowAdmin: o.allowAdmin,
    consumers,
    local,
    changed: () => {
      poller.pollSoon();
      // A consumer's records arrive between polls: send them within a frame or two, not at the next poll.
      republish ??= setTimeout(() => {
        republish = null;
        poller.republish();
      }, 50);
    },
  });

  const context: BridgeContext = { info, addresses, poller, actions, consumers };

  async function middleware(req: IncomingMessage, res: ServerResponse, next: () => void) {
    const path = (req.url ?? '').split('?')[0];
    if (!path?.startsWith('/api/reality/')) return next();
    if (!sameOrigin(req))
      return json(res, 403, { error: 'the bridge answers only its own page on 127.0.0.1' });
    if (path === REALITY_PATHS.info && req.method === 'GET') return json(res, 200, info);
    if (path === REALITY_PATHS.events && req.method === 'GET') return hub.add(res);
    if (path === REALITY_PATHS.actions && req.method === 'POST') {
      // One connection per action: a POST never lands on a keep-alive socket the server is just closing.
      res.setHeader('connection', 'close');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return json(res, 415, { ok: false, refusal: 'BAD_REQUEST', message: 'send application/json' });
      let body: unknown;
      try {
        body = await readBody(req);
      } catch (e) {
        return json(res, 400, { ok: false, refusal: 'BAD_REQUEST', message: (e as Error).message });
      }
      return json(res, 200, await actions.handle(body));
    }
    for (const route of routes) if (await route(req, res, path, context)) return;
    return json(res, 404, { error: `no ${req.method} ${path}` });
  }

  return {
    info,
    context,
    middleware,
    hub,
    poller,
    start: () => poller.start(),
    async close() {
      if (republish) clearTimeout(republish);
      await poller.stop();
      hub.close();
      await consumers.stopAll();
      await actions.close();
      await reader.close().catch(() => {});
    },
  };
}

export type Bridge = ReturnType<typeof createBridge>;

/**
 * The replay's HTTP routes, mounted by the bridge's server beside its own (it calls `handle` first and
 * goes on when it answers false):
 *   POST   /api/reality/replay                 { sceneId }  -> RealReplayStarted
 *   POST   /api/reality/replay/<runId>/step    { step }     -> RealReplayStep (plays up to that step first)
 *   DELETE /api/reality/replay/<runId>                      -> stops the run's consumers and producers
 * The page names only a scene id and a step number: the cluster is the bridge's own (its command line).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ClusterOrigin, REALITY_PATHS } from '../../src/reality/protocol';
import { replayPlan } from '../../src/reality/replay-scenes';
import type { Scene } from '../../src/scenarios/types';
import { SceneReplay } from './runner';

/** Runs kept at once: each holds Java consumers, so an abandoned run is stopped when newer ones start. */
const MAX_RUNS = 2;
const MAX_BODY = 4096;

export interface ReplayRoutesOptions {
  bootstrap: string;
  origin: ClusterOrigin;
  local?: { home: string; port?: number };
  root: string;
  log?: (line: string) => void;
}

/** Every scene of src/scenarios/scenes/ (the registry's Vite glob does not run under Node). */
export async function loadScenes(root: string): Promise<Map<string, Scene>> {
  const dir = join(root, 'src', 'scenarios', 'scenes');
  const out = new Map<string, Scene>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod))
      if (value && typeof value === 'object' && 'id' in value && 'steps' in value && 'setup' in value)
        out.set((value as Scene).id, value as Scene);
  }
  return out;
}

export function replayRoutes(opts: ReplayRoutesOptions) {
  const runs = new Map<string, SceneReplay>();
  let scenes: Promise<Map<string, Scene>> | null = null;

  async function start(sceneId: unknown) {
    scenes ??= loadScenes(opts.root);
    const scene = typeof sceneId === 'string' ? (await scenes).get(sceneId) : undefined;
    if (!scene) return { status: 404, body: { error: `no scene ${String(sceneId)}` } };
    const plan = replayPlan(scene);
    if (!plan.replayable)
      return { status: 422, body: { error: `${scene.id} cannot be replayed: ${plan.why}` } };
    const runId = randomBytes(4).toString('hex');
    const run = new SceneReplay(scene, { ...opts, runId, suffix: `-${runId}` });
    runs.set(runId, run);
    for (const [id, old] of [...runs].slice(0, Math.max(0, runs.size - MAX_RUNS))) {
      runs.delete(id);
      void old.close();
    }
    opts.log?.(`replay ${runId}: ${scene.id}`);
    return { status: 200, body: run.started };
  }

  async function step(runId: string, k: unknown) {
    const run = runs.get(runId);
    if (!run) return { status: 404, body: { error: `no replay ${runId}` } };
    if (typeof k !== 'number' || !Number.isInteger(k))
      return { status: 400, body: { error: 'step must be an integer' } };
    try {
      return { status: 200, body: await run.playTo(k) };
    } catch (e) {
      return { status: 502, body: { error: e instanceof Error ? e.message : String(e) } };
    }
  }

  /** Answers a replay request; false when the path is not the replay's. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0]!;
    if (path !== REALITY_PATHS.replay && !path.startsWith(`${REALITY_PATHS.replay}/`)) return false;
    const rest = path.slice(REALITY_PATHS.replay.length).split('/').filter(Boolean);
    let answer: { status: number; body: unknown };
    if (req.method === 'POST' && rest.length === 0) answer = await start((await readJson(req))?.sceneId);
    else if (req.method === 'POST' && rest.length === 2 && rest[1] === 'step')
      answer = await step(rest[0]!, (await readJson(req))?.step);
    else if (req.method === 'DELETE' && rest.length === 1) {
      const run = runs.get(rest[0]!);
      runs.delete(rest[0]!);
      await run?.close();
      answer = { status: run ? 200 : 404, body: { ok: !!run } };
    } else answer = { status: 405, body: { error: 'not a replay request' } };
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
    return true;
  }

  async function closeAll() {
    await Promise.all([...runs.values()].map((r) => r.close()));
    runs.clear();
  }

  return { handle, closeAll };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) return null;
  }
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// A real Apache Kafka (KRaft) on 127.0.0.1 from Maven Central's jars: fetch them once, format storage,
// start one combined node or one controller plus N brokers, wait until every broker answers, stop by PID.
// Used by `npm run kafka` / `npm run kafka:stop` and by the conformance suite (conformance/).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin');
const CACHE = join(ROOT, '.kafka');
export const LIB = join(CACHE, 'lib');
const POM = join(ROOT, 'kafka', 'pom.xml');
const LIB_STAMP = join(LIB, '.pom-sha256');
/** A node that is a controller only: broker ids 0..N-1 stay as the stage draws them. */
const CONTROLLER_ID = 100;

/** Where a run keeps its storage, logs and PIDs, and its first port: env vars let two runs coexist. */
export function settings(overrides = {}) {
  const home = resolve(overrides.home ?? process.env.KAFKA_STAGE_HOME ?? join(CACHE, 'cluster'));
  const port = Number(overrides.port ?? process.env.KAFKA_STAGE_PORT ?? 19092);
  if (!Number.isInteger(port) || port < 1024 || port > 65000) throw new Error(`bad port ${port}`);
  return { home, port, pidFile: join(home, 'pids.json') };
}

const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Java 17+ and (for the first fetch) Maven, or one sentence saying what to install. */
export function checkJava() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(
      'Real Kafka needs Java 17 or newer: install it (Debian: apt-get install openjdk-17-jre-headless).',
    );
  const m = /version "(\d+)/.exec(r.stderr + r.stdout);
  if (!m || Number(m[1]) < 17)
    throw new Error(
      `Real Kafka 4.x needs Java 17 or newer; found: ${(r.stderr.split('\n')[0] ?? '').trim()}`,
    );
}

/** Fetches the broker's and the tools' jars into .kafka/lib once; again only when kafka/pom.xml changes. */
export function ensureJars(log = console.error) {
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (existsSync(LIB_STAMP) && readFileSync(LIB_STAMP, 'utf8').trim() === pomHash) return false;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0)
    throw new Error(
      "The first start fetches Kafka's jars with Maven: install it (Debian: apt-get install maven).",
    );
  const t0 = Date.now();
  log(`Fetching Apache Kafka's jars from Maven Central into .kafka/lib (once; about 55 MB)...`);
  rmSync(LIB, { recursive: true, force: true });
  const r = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-U',
      '-f',
      POM,
      `-Dmaven.repo.local=${join(CACHE, 'm2')}`,
      // The full coordinates: with an empty local repository the "dependency:" prefix is unknown.
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${LIB}`,
      '-DincludeScope=runtime',
    ],
    { encoding: 'utf8' },
  );
  // Maven's -q still writes colour resets; keep only what it says.
  const colour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(colour, '').trim();
  if (said) log(said);
  if (r.status !== 0) throw new Error('Maven could not fetch the jars (see its output above).');
  writeFileSync(LIB_STAMP, `${pomHash}\n`);
  log(`Fetched the jars in ${elapsed(t0)}.`);
  return true;
}

/** Runs one of bin/kafka-*.sh and returns what it printed (never throws: the caller reads status). */
export function tool(script, args, { timeout = 60_000, input } = {}) {
  const r = spawnSync(join(BIN, script), args, { encoding: 'utf8', timeout, input, env: process.env });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** The nodes of a layout: brokers 0..n-1 on port, port+2, ...; the controller on port+1. */
export function layout(brokers, port) {
  const controller = `127.0.0.1:${port + 1}`;
  if (brokers === 1)
    return [{ id: 0, roles: 'broker,controller', broker: `127.0.0.1:${port}`, controller, voterId: 0 }];
  const nodes = [{ id: CONTROLLER_ID, roles: 'controller', controller, voterId: CONTROLLER_ID }];
  for (let i = 0; i < brokers; i++)
    nodes.push({ id: i, roles: 'broker', broker: `127.0.0.1:${port + 2 * i}`, voterId: CONTROLLER_ID });
  return nodes;
}

function properties(node, brokers, home, port) {
  const rf = Math.min(brokers, 3);
  const listeners = [];
  if (node.broker) listeners.push(`PLAINTEXT://${node.broker}`);
  if (node.roles.includes('controller')) listeners.push(`CONTROLLER://${node.controller}`);
  const lines = [
    `process.roles=${node.roles}`,
    `node.id=${node.id}`,
    // A static quorum of one controller: formatting needs no --standalone.
    `controller.quorum.voters=${node.voterId}@127.0.0.1:${port + 1}`,
    `listeners=${listeners.join(',')}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(home, `node-${node.id}`, 'data')}`,
    'auto.create.topics.enable=false',
    `offsets.topic.replication.factor=${rf}`,
    `transaction.state.log.replication.factor=${rf}`,
    'transaction.state.log.min.isr=1',
    'num.partitions=1',
  ];
  if (node.broker) {
    lines.push(`advertised.listeners=PLAINTEXT://${node.broker}`, 'inter.broker.listener.name=PLAINTEXT');
  }
  return `${lines.join('\n')}\n`;
}

/** Running, and not a zombie waiting for its parent (a killed child of this very process). */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A recorded PID is ours only while its command line still names this run's home (PIDs get reused). */
function ours(pid, home) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(home);
  } catch {
    return false;
  }
}

export function readPids(home) {
  const file = join(home, 'pids.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The recorded run, if its processes still live. */
export function running(overrides = {}) {
  const { home } = settings(overrides);
  const state = readPids(home);
  if (!state) return null;
  const live = state.nodes.filter((n) => alive(n.pid) && ours(n.pid, home));
  return live.length > 0 ? { ...state, live } : null;
}

function startNode(node, home) {
  const dir = join(home, `node-${node.id}`);
  const logFile = join(home, `node-${node.id}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(join(BIN, 'kafka-server-start.sh'), [join(dir, 'server.properties')], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, KAFKA_STAGE_LOG_DIR: join(home, 'logs') },
  });
  closeSync(fd);
  child.unref();
  return { ...node, pid: child.pid, log: logFile };
}

/** Whether one node of the recorded run is running now (the bridge refuses to start a live node twice). */
export function nodeRunning(id, overrides = {}) {
  const { home } = settings(overrides);
  const node = readPids(home)?.nodes.find((n) => n.id === id);
  return Boolean(node && alive(node.pid) && ours(node.pid, home));
}

/** Restarts one stopped node of the recorded run (the suite's "broker comes back"). */
export function restartNode(id, overrides = {}) {
  const { home, pidFile } = settings(overrides);
  const state = readPids(home);
  const node = state?.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id} in ${pidFile}`);
  const started = startNode(node, home);
  node.pid = started.pid;
  writeFileSync(pidFile, `${JSON.stringify(state, null, 2)}\n`);
  return node.pid;
}

/** Sends a signal to one node of the recorded run (SIGKILL: a crash; SIGTERM: a controlled shutdown). */
export function signalNode(id, signal, overrides = {}) {
  const { home } = settings(overrides);
  const node = readPids(home)?.nodes.find((n) => n.id === id);
  if (!node || !alive(node.pid) || !ours(node.pid, home)) return false;
  process.kill(node.pid, signal);
  return true;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The ids of the brokers the cluster's metadata lists as ready (unfenced), via kafka-broker-api-versions. */
export function readyBrokers(bootstrap) {
  const r = tool('kafka-broker-api-versions.sh', ['--bootstrap-server', bootstrap], { timeout: 30_000 });
  if (r.status !== 0) return [];
  return [...r.stdout.matchAll(/\(id: (\d+) rack/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

/**
 * Starts the cluster (or finds it running) and resolves once every broker answers.
 * Returns { bootstrap, nodes, home, port, reused }.
 */
export async function startCluster({ brokers = 1, fresh = false, log = console.error, ...overrides } = {}) {
  const t0 = Date.now();
  checkJava();
  ensureJars(log);
  const { home, port, pidFile } = settings(overrides);
  const already = running(overrides);
  if (already) {
    if (already.brokers === brokers && !fresh && already.live.length === already.nodes.length) {
      log(`Already running (PIDs ${already.live.map((n) => n.pid).join(' ')}).`);
      return { ...already, home, port, reused: true };
    }
    throw new Error(`A cluster is already running from ${home}: stop it first (npm run kafka:stop).`);
  }
  const nodes = layout(brokers, port);
  const bootstrap = nodes
    .filter((n) => n.broker)
    .map((n) => n.broker)
    .join(',');
  const layoutFile = join(home, 'layout.json');
  const sameLayout =
    existsSync(layoutFile) && readFileSync(layoutFile, 'utf8') === JSON.stringify({ brokers, port });
  if (fresh || !sameLayout) {
    if (existsSync(home)) log(fresh ? `Wiping ${home} (--fresh).` : `New layout: wiping ${home}.`);
    rmSync(home, { recursive: true, force: true });
  }
  mkdirSync(home, { recursive: true });
  writeFileSync(layoutFile, JSON.stringify({ brokers, port }));
  // A cluster id is 16 random bytes, base64url without padding (what kafka-storage random-uuid prints).
  const idFile = join(home, 'cluster-id');
  if (!existsSync(idFile)) writeFileSync(idFile, randomBytes(16).toString('base64url'));
  const clusterId = readFileSync(idFile, 'utf8').trim();

  const toFormat = nodes.filter((n) => !existsSync(join(home, `node-${n.id}`, 'data', 'meta.properties')));
  if (toFormat.length > 0) log(`Formatting KRaft storage of node ${toFormat.map((n) => n.id).join(', ')}...`);
  for (const node of nodes) {
    const dir = join(home, `node-${node.id}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'server.properties'), properties(node, brokers, home, port));
  }
  const formats = await Promise.all(
    toFormat.map(
      (node) =>
        new Promise((done) => {
          const p = spawn(
            join(BIN, 'kafka-storage.sh'),
            ['format', '-t', clusterId, '-c', join(home, `node-${node.id}`, 'server.properties')],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let out = '';
          p.stdout.on('data', (d) => {
            out += d;
          });
          p.stderr.on('data', (d) => {
            out += d;
          });
          p.on('close', (code) => done({ node, code, out }));
        }),
    ),
  );
  for (const f of formats)
    if (f.code !== 0) throw new Error(`kafka-storage format failed for node ${f.node.id}:\n${f.out}`);

  log(
    `Starting ${brokers === 1 ? 'one combined broker+controller' : `one controller and ${brokers} brokers`}...`,
  );
  const started = nodes.map((n) => startNode(n, home));
  const state = { brokers, port, bootstrap, clusterId, nodes: started };
  writeFileSync(pidFile, `${JSON.stringify(state, null, 2)}\n`);

  const timeout = Number(process.env.KAFKA_STAGE_START_TIMEOUT_MS ?? 180_000);
  const wanted = started.filter((n) => n.broker).map((n) => n.id);
  let lastSeen = '';
  try {
    for (;;) {
      const dead = started.find((n) => !alive(n.pid));
      if (dead) {
        const tail = readFileSync(dead.log, 'utf8').split('\n').slice(-25).join('\n');
        throw new Error(`Node ${dead.id} exited while starting; the end of ${dead.log}:\n${tail}`);
      }
      if (Date.now() - t0 > timeout) throw new Error(`Kafka did not answer within ${timeout / 1000} s.`);
      const ready = readyBrokers(bootstrap);
      if (wanted.every((id) => ready.includes(id))) break;
      const seen = `brokers answering: ${ready.length ? ready.join(', ') : 'none yet'}`;
      if (seen !== lastSeen) log(`  waiting, ${seen} (${elapsed(t0)})`);
      lastSeen = seen;
      await sleep(1000);
    }
  } catch (e) {
    stopCluster({ ...overrides, log: () => {} });
    throw e;
  }
  log(`Kafka is up in ${elapsed(t0)}: brokers ${wanted.join(', ')}.`);
  return { ...state, home, port, reused: false };
}

/** Stops exactly the recorded processes: brokers first (SIGTERM, then SIGKILL after a grace), then the controller. */
export function stopCluster({ log = console.error, graceMs = 20_000, ...overrides } = {}) {
  const { home } = settings(overrides);
  const state = readPids(home);
  if (!state) {
    log(`Nothing recorded in ${home}: no cluster to stop.`);
    return [];
  }
  const order = [...state.nodes].sort((a, b) => (a.roles === 'controller') - (b.roles === 'controller'));
  const stopped = [];
  for (const group of [order.filter((n) => n.broker), order.filter((n) => !n.broker)]) {
    const live = group.filter((n) => alive(n.pid) && ours(n.pid, home));
    for (const n of live) process.kill(n.pid, 'SIGTERM');
    const until = Date.now() + graceMs;
    while (live.some((n) => alive(n.pid)) && Date.now() < until) spawnSync('sleep', ['0.2']);
    for (const n of live) {
      if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
      stopped.push(n.pid);
    }
  }
  rmSync(join(home, 'pids.json'), { force: true });
  log(stopped.length ? `Stopped PIDs ${stopped.join(' ')}.` : 'The recorded processes had already ended.');
  return stopped;
}

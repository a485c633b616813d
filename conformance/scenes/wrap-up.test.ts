import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, sh, sleep } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

// The wrap-up's setup, run as shown in a folder laid out like the Apache distribution: the node configs made
// from config/server.properties, one cluster id, three formats, three daemons, and the quorum's status listing
// the three voters. Its ports are the scene's own (9092-9097 on loopback), not the suite's cluster's.
const scene = sceneById('wrap-up');
const shown = new ShownCommands(scene);
const dir = join(ROOT, '.kafka', 'wrap-up');
const pids = join(dir, 'daemon.pids');
const NODES = [1, 2, 3];

/** The distribution's config/server.properties (one combined node), bound to loopback only. */
const SERVER_PROPERTIES = `process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=/tmp/kraft-combined-logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
`;

function stopDaemons() {
  if (!existsSync(pids)) return;
  for (const pid of readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(pids, { force: true });
}

const cleanLogs = () => {
  for (const i of NODES) rmSync(`/tmp/kraft-node-${i}`, { recursive: true, force: true });
};

describe('wrap-up on real Kafka', () => {
  afterAll(() => {
    stopDaemons();
    cleanLogs();
    rmSync(dir, { recursive: true, force: true });
    expect(shown.notRun()).toEqual([]);
  });

  it('the shown setup makes three node configs, formats them with one cluster id and starts a quorum of three', async () => {
    stopDaemons();
    cleanLogs();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'config'), { recursive: true });
    symlinkSync(join(ROOT, 'bin'), join(dir, 'bin'));
    writeFileSync(join(dir, 'config', 'server.properties'), SERVER_PROPERTIES);
    // The commands share $KAFKA_CLUSTER_ID and a loop: one shell runs the scene's blocks in order, verbatim
    // (the scene's own addresses: the suite's address swap is for its shared cluster), as a terminal would.
    const quorumBlock = scene.realCommands.findIndex((b) => b.includes('kafka-metadata-quorum.sh'));
    const steps = scene.realCommands.slice(0, quorumBlock);
    shown.all.forEach((c, i) => {
      if (/kafka-storage.sh|kafka-server-start.sh/.test(c.shell)) shown.mark(i);
    });
    const setup = sh(`cd ${dir} && export KAFKA_STAGE_DAEMON_PIDS=${pids} && set -e\n${steps.join('\n')}`, {
      timeoutMs: 120_000,
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    for (const i of NODES)
      expect(readFileSync(join(dir, 'config', `server-${i}.properties`), 'utf8')).toMatch(
        new RegExp(`^node.id=${i}$`, 'm'),
      );
    expect(setup.stdout.match(/Formatting/g)?.length).toBeGreaterThanOrEqual(NODES.length);

    const status = shown.pick(/kafka-metadata-quorum.sh/);
    shown.mark(status.index);
    let voters = '';
    for (const deadline = Date.now() + 150_000; Date.now() < deadline && !voters; await sleep(3000)) {
      const r = sh(`cd ${dir} && ${scene.realCommands[quorumBlock]}`, { timeoutMs: 30_000 });
      if (r.status === 0 && /CurrentVoters:\s*\[.*id.*1.*id.*2.*id.*3/s.test(r.stdout)) voters = r.stdout;
    }
    expect(voters, 'the three voters of the quorum').toMatch(/CurrentVoters/);
  }, 300_000);
});

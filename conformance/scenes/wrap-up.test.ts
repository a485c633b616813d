import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SUITE, sh, sleep, startBackground, stopBackground } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('wrap-up');
const shown = new ShownCommands(scene);
const dir = join(ROOT, '.kafka', 'wrap-up');
const port = SUITE.port + 50;

/** The distribution's config/server.properties for one combined node, on the suite's ports (a dynamic quorum). */
const SERVER_PROPERTIES = `process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:${port + 1}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${port + 1}
advertised.listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${port + 1}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${join(dir, 'data')}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
`;

describe('wrap-up on real Kafka', () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    expect(shown.notRun()).toEqual([]);
  });

  it('format --standalone and kafka-server-start, as shown, start a broker that answers', async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'config'), { recursive: true });
    symlinkSync(join(ROOT, 'bin'), join(dir, 'bin'));
    writeFileSync(join(dir, 'config', 'server.properties'), SERVER_PROPERTIES);
    const format = shown.pick(/kafka-storage.sh format/);
    shown.mark(format.index);
    const formatted = sh(`cd ${dir} && ${format.shell}`);
    expect(formatted.status, formatted.stdout + formatted.stderr).toBe(0);
    expect(formatted.stdout).toMatch(/Formatting .*metadata\.version/);
    const start = shown.pick(/kafka-server-start.sh/);
    shown.mark(start.index);
    const server = startBackground(start.shell, dir);
    try {
      let answered = '';
      for (const deadline = Date.now() + 150_000; Date.now() < deadline && !answered; await sleep(2000)) {
        const r = sh(`bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:${port}`, {
          timeoutMs: 30_000,
        });
        if (r.status === 0 && /\(id: 1 rack/.test(r.stdout)) answered = r.stdout;
        expect(server.proc.exitCode, 'kafka-server-start exited').toBeNull();
      }
      expect(answered).toMatch(/\(id: 1 rack/);
    } finally {
      await stopBackground(server.proc, 'SIGTERM');
    }
  }, 240_000);
});

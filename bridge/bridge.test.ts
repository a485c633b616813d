/**
 * The bridge against a real cluster (its own: bridge/test-cluster.ts): snapshots over SSE, a produce through
 * the action found where the console consumer reads it, a bridge consumer's group as kafka-consumer-groups
 * reports it, kill -9 of a leader (fenced, ISR shrinks, leader moves) and the whole cluster stopping and coming back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../src/engine';
import { REALITY_PATHS, type RealActionResult, type RealSnapshot } from '../src/reality/protocol';
import { cluster } from './local-cluster';
import { type Bridge, createBridge } from './server';
import { BRIDGE_TEST } from './test-cluster';

const BOOTSTRAP = [0, 1, 2].map((i) => `127.0.0.1:${BRIDGE_TEST.port + 2 * i}`).join(',');
const TOPIC = 'bridge-orders';
const GROUP = 'bridge-group';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page's side of the wire: reads the event stream and keeps the newest snapshot. */
class Page {
  latest: RealSnapshot | null = null;
  received = 0;
  readonly #abort = new AbortController();
  constructor(base: string) {
    void this.#read(base);
  }
  async #read(base: string) {
    const res = await fetch(`${base}${REALITY_PATHS.events}`, { signal: this.#abort.signal });
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no event stream');
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').find((l) => l.startsWith('data: '));
          if (event.includes('event: snapshot') && data) {
            const s = JSON.parse(data.slice(6)) as RealSnapshot;
            if (!this.latest || s.seq > this.latest.seq) this.latest = s;
            this.received++;
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted at the end of the test
    }
  }
  async until(what: string, ok: (s: RealSnapshot) => boolean, timeoutMs = 60_000): Promise<RealSnapshot> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      if (this.latest && ok(this.latest)) return this.latest;
      await sleep(100);
    }
    throw new Error(
      `no snapshot with ${what} within ${timeoutMs} ms; the last: ${JSON.stringify(this.latest)?.slice(0, 1500)}`,
    );
  }
  close() {
    this.#abort.abort();
  }
}

let bridge: Bridge;
let server: Server;
let base: string;
let page: Page;

async function act(action: unknown): Promise<RealActionResult> {
  const res = await fetch(`${base}${REALITY_PATHS.actions}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  });
  return (await res.json()) as RealActionResult;
}
const partitionsOf = (s: RealSnapshot) => s.topics.find((t) => t.name === TOPIC)?.partitions ?? [];

beforeAll(async () => {
  bridge = createBridge({
    bootstrap: BOOTSTRAP,
    allowAdmin: true,
    pollMs: 300,
    records: 20,
    localHome: BRIDGE_TEST.home,
  });
  server = createServer((req, res) => {
    void bridge.middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bridge.start();
  page = new Page(base);
});

afterAll(async () => {
  page?.close();
  await bridge?.close();
  server?.closeAllConnections();
  await new Promise((ok) => server?.close(ok));
});

describe('the bridge on a real cluster', () => {
  it('streams whole snapshots: connected, the three brokers with their PIDs, the quorum leader as controller', async () => {
    const s = await page.until(
      'three brokers up',
      (x) => x.reachability.state === 'connected' && x.brokers.length === 3,
    );
    const recorded = cluster.readPids(BRIDGE_TEST.home)?.nodes ?? [];
    expect(s.origin).toBe('local');
    expect(s.brokers.map((b) => [b.id, b.state, b.pid])).toEqual(
      [0, 1, 2].map((id) => [id, 'up', recorded.find((n) => n.id === id)?.pid]),
    );
    // The project's cluster runs one controller-only node, 100: the KRaft quorum's leader.
    expect(s.controllerId).toBe(100);
    expect(s.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('puts a record produced from the stage where the console consumer reads it, on the Java partitioner’s partition', async () => {
    expect(
      await act({ kind: 'createTopic', topic: TOPIC, partitions: 3, replicationFactor: 3 }),
    ).toMatchObject({ ok: true });
    await page.until(
      'the new topic',
      (s) => partitionsOf(s).length === 3 && partitionsOf(s).every((p) => p.leader !== null),
    );
    const result = await act({ kind: 'produce', topic: TOPIC, key: 'alice', value: 'first order' });
    if (!result.ok || !result.produced) throw new Error(JSON.stringify(result));
    const { partition, offset } = result.produced;
    expect(partition).toBe(partitionForKey('alice', 3));
    const s = await page.until(
      'the record',
      (x) =>
        partitionsOf(x)[partition]?.newest.some((r) => r.offset === offset && r.key === 'alice') ?? false,
    );
    expect(partitionsOf(s)[partition]?.highWatermark).toBe(offset + 1);
    const consumed = cluster.tool(
      'kafka-console-consumer.sh',
      [
        '--bootstrap-server',
        BOOTSTRAP,
        '--topic',
        TOPIC,
        '--from-beginning',
        '--max-messages',
        '1',
        '--timeout-ms',
        '30000',
        '--formatter-property',
        'print.partition=true',
        '--formatter-property',
        'print.offset=true',
        '--formatter-property',
        'print.key=true',
      ],
      { timeout: 60_000 },
    ).stdout;
    expect(consumed.trim()).toBe(`Partition:${partition}\tOffset:${offset}\talice\tfirst order`);
  });

  it('runs a consumer in a group whose assignment is what kafka-consumer-groups --describe reports', async () => {
    for (const key of ['bob', 'carol', 'dave']) await act({ kind: 'produce', topic: TOPIC, key, value: key });
    const started = await act({ kind: 'startConsumer', group: GROUP, topic: TOPIC });
    if (!started.ok || !started.consumer) throw new Error(JSON.stringify(started));
    const s = await page.until('the group stable with its records read', (x) => {
      const g = x.groups.find((y) => y.groupId === GROUP);
      const c = x.consumers.find((y) => y.handle === started.consumer?.handle);
      return g?.state === 'Stable' && g.members.length === 1 && (c?.received.length ?? 0) === 4;
    });
    const g = s.groups.find((y) => y.groupId === GROUP);
    expect(g).toMatchObject({ type: 'classic', assignor: 'range' });
    const memberId = s.consumers[0]?.memberId;
    expect(g?.members[0]?.memberId).toBe(memberId);
    const described = cluster.tool(
      'kafka-consumer-groups.sh',
      ['--bootstrap-server', BOOTSTRAP, '--describe', '--group', GROUP],
      {
        timeout: 60_000,
      },
    ).stdout;
    const rows = described
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[0] === GROUP && c[1] === TOPIC)
      .map((c) => ({ partition: Number(c[2]), consumerId: c[6] }))
      .sort((a, b) => a.partition - b.partition);
    expect(rows).toEqual(
      g?.members[0]?.assignment.map((a) => ({ partition: a.partition, consumerId: memberId })),
    );
    expect(await act({ kind: 'stopConsumer', handle: started.consumer.handle })).toMatchObject({ ok: true });
    await page.until('the group empty', (x) => x.groups.find((y) => y.groupId === GROUP)?.state === 'Empty');
  });

  it('shows kill -9 of a leader: the broker fenced with its replicas still listed, the ISR shrunk, the leader moved', async () => {
    const before = page.latest as RealSnapshot;
    const victim = partitionsOf(before)[0]?.leader;
    if (victim === null || victim === undefined) throw new Error('partition 0 has no leader');
    const pid = before.brokers.find((b) => b.id === victim)?.pid;
    expect(await act({ kind: 'killBroker', brokerId: victim })).toMatchObject({
      ok: true,
      message: `kill -9 ${pid} (broker ${victim})`,
    });
    const s = await page.until(
      'the victim fenced',
      (x) => x.brokers.find((b) => b.id === victim)?.state === 'fenced',
      90_000,
    );
    const p0 = partitionsOf(s)[0];
    expect(p0?.replicas).toContain(victim);
    expect(p0?.isr).not.toContain(victim);
    expect(p0?.leader).not.toBe(victim);
    expect(p0?.leader).not.toBeNull();
    expect(p0?.leaderEpoch).toBeGreaterThan(partitionsOf(before)[0]?.leaderEpoch ?? 0);
    for (const p of partitionsOf(s)) expect(p.isr).not.toContain(victim);

    expect(await act({ kind: 'restartBroker', brokerId: victim })).toMatchObject({ ok: true });
    await page.until(
      'the victim back in every ISR',
      (x) =>
        x.brokers.find((b) => b.id === victim)?.state === 'up' &&
        partitionsOf(x).every((p) => p.isr.includes(victim)),
      150_000,
    );
  });

  it('says unreachable, since when and when it retries, while the cluster is down, and recovers by itself', async () => {
    cluster.stopCluster({ ...BRIDGE_TEST, log: () => {} });
    const down = await page.until('unreachable', (x) => x.reachability.state === 'unreachable', 60_000);
    const r = down.reachability;
    if (r.state !== 'unreachable') throw new Error('unreachable expected');
    expect(r.since).toBeLessThanOrEqual(down.at);
    expect(r.error.length).toBeGreaterThan(0);
    expect(r.retryInMs).toBeGreaterThan(0);
    // The last picture stays, greyed by the page, never dropped or frozen as if live.
    expect(partitionsOf(down)).toHaveLength(3);
    const later = await page.until(
      'a later retry',
      (x) => x.seq > down.seq && x.reachability.state === 'unreachable',
    );
    expect(later.reachability).toMatchObject({ state: 'unreachable', since: r.since });

    await cluster.startCluster({ brokers: 3, ...BRIDGE_TEST, log: () => {} });
    const back = await page.until(
      'connected again, every partition led and its offsets read',
      (x) =>
        x.reachability.state === 'connected' &&
        x.brokers.filter((b) => b.state === 'up').length === 3 &&
        partitionsOf(x).every((p) => p.leader !== null) &&
        !x.unavailable.some((u) => u.startsWith(TOPIC)),
      120_000,
    );
    expect(back.reachability.since).toBeGreaterThan(r.since);
    // The four records survived the restart: Kafka's logs are on disk.
    expect(partitionsOf(back).reduce((n, p) => n + p.highWatermark, 0)).toBe(4);
  });
});

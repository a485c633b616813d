import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKER_SESSION_TIMEOUT_MS, replicationHistory } from '../../src/engine';
import { admin, leaderAndIsr } from '../admin';
import { deliberate } from '../differences';
import { engineEventsUntil, enginePartition, engineStateAfter } from '../engine-facts';
import { timing } from '../groups';
import { BROKERS, bootstrap, cluster, describeTopic, readTopic, SUITE, sh, sleep } from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('replication');
const TOPIC = 'payments';
const shown = new ShownCommands(scene);
const engineAfter = (title: string) =>
  engineStateAfter(
    scene,
    scene.steps.findIndex((s) => s.title === title),
  );

/** Polls the cluster's metadata every 100 ms until the partition looks as wanted; returns when. */
async function until(
  what: string,
  check: (p: { leader: number | null; isr: number[] }) => boolean,
  timeoutMs = 60_000,
) {
  const t0 = Date.now();
  for (;;) {
    const p = await leaderAndIsr(TOPIC).catch(() => null);
    if (p && check(p)) return { at: Date.now(), ...p };
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(p)}`);
    await sleep(100);
  }
}

const sameFailure = () => engineAfter('The same failure');

async function highWatermarkAtLeast(n: number, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    // LEADER_NOT_AVAILABLE while leadership moves: ask again.
    const [p] = await (await admin()).fetchTopicOffsets(TOPIC).catch(() => []);
    if (Number(p?.high) >= n) return Number(p?.high);
    if (Date.now() - t0 > timeoutMs) throw new Error(`high watermark stayed at ${p?.high}`);
    await sleep(100);
  }
}

/** A Node producer already connected to the cluster, so €30 goes out in milliseconds (a JVM takes seconds). */
async function acks1Producer() {
  const producer = new Kafka({ brokers: bootstrap().split(','), logLevel: logLevel.NOTHING }).producer({
    allowAutoTopicCreation: false,
    idempotent: false,
    retry: { retries: 0 },
  });
  await producer.connect();
  // Metadata and a connection to the leader before the freeze: the send itself is then one round trip.
  await producer.send({ topic: TOPIC, acks: 1, messages: [] }).catch(() => undefined);
  return producer;
}

function freeze(brokers: number[]) {
  for (const b of brokers) expect(cluster.signalNode(b, 'SIGSTOP', SUITE), `broker ${b} frozen`).toBe(true);
}
function thaw(brokers: number[]) {
  for (const b of brokers) cluster.signalNode(b, 'SIGCONT', SUITE);
}

const killed = new Set<number>();
function kill9(broker: number) {
  expect(cluster.signalNode(broker, 'SIGKILL', SUITE), `broker ${broker} was running`).toBe(true);
  killed.add(broker);
  return Date.now();
}

describe('replication on real Kafka', () => {
  // Whatever happens, every broker runs again for the files after this one.
  afterAll(async () => {
    for (const b of killed) cluster.restartNode(b, SUITE);
    // Back means registered and caught up: no partition left under-replicated (the offsets topic included).
    for (const deadline = Date.now() + 150_000; ; await sleep(1000)) {
      const ready = cluster.readyBrokers(bootstrap()).length === BROKERS;
      const under = sh(
        `bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --describe --under-replicated-partitions`,
      );
      if (ready && under.status === 0 && under.stdout.trim() === '') break;
      if (Date.now() > deadline) throw new Error(`the killed brokers did not catch up: ${under.stdout}`);
    }
    expect(shown.notRun()).toEqual([]);
  }, 180_000);

  it('kill -9 of the leader: the first in-sync replica in replica order leads after the session timeout; NOT_ENOUGH_REPLICAS below min.insync.replicas', async () => {
    deliberate('replica-placement');
    expect(shown.runOk(/--create --topic payments/).stdout).toContain('Created topic payments');
    const [p0] = describeTopic(TOPIC);
    shown.runOk(/--describe --topic payments$/);
    // The engine's A, B, C are the replica list in order.
    const [A, B, C] = p0!.replicas as [number, number, number];
    const real = (ids: readonly number[]) => ids.map((i) => [A, B, C][i]!).sort();
    const start = enginePartition(engineAfter('One partition, three copies'), TOPIC, 0);
    expect(p0!.leader).toBe(real([start.leader!])[0]);
    expect(p0!.isr).toEqual(real(start.isr));

    shown.runOk(/--producer-property acks=all/, { input: '€10\n' });
    shown.runOk(/--producer-property acks=1/, { input: '€20\n' });
    expect(shown.runOk(/kafka-configs.sh/).stdout).toMatch(/Completed updating config/);
    // €20 is on every copy: the high watermark passed it, which needs B's and C's fetches.
    expect(await highWatermarkAtLeast(2)).toBe(2);

    // The stage's race, replayed: B and C are frozen (SIGSTOP) so their next fetch never reaches A, €30
    // is acknowledged by A alone (acks=1), and A dies before they fetch again. The freeze lasts a few
    // hundred ms, far below broker.session.timeout.ms (9 s) and replica.lag.time.max.ms (30 s), so B and C
    // stay registered and in the ISR, exactly as on stage.
    const fast = await acks1Producer();
    freeze([B, C]);
    let killedA: number;
    try {
      const [ack] = await fast.send({ topic: TOPIC, acks: 1, messages: [{ value: '€30' }] });
      expect(Number(ack?.baseOffset), 'A acknowledged €30 at offset 2').toBe(2);
      killedA = kill9(A);
    } finally {
      thaw([B, C]);
      await fast.disconnect();
    }
    const failover = await until('a new leader', (p) => p.leader !== null && p.leader !== A);
    const crashed = enginePartition(engineAfter('A crashes'), TOPIC, 0);
    expect(failover.leader).toBe(real([crashed.leader!])[0]);
    const fenced = await until('A out of the ISR', (p) => !p.isr.includes(A));
    expect(fenced.isr).toEqual(real(crashed.isr));
    timing(
      'leader failover after kill -9 of the leader',
      failover.at - killedA,
      BROKER_SESSION_TIMEOUT_MS,
      'broker.session.timeout.ms 9000',
    );
    // Life goes on: €40 with acks=1 on the new leader.
    shown.runOk(/--producer-property acks=1/, { input: '€40\n' });
    const under = shown.runOk(/--under-replicated-partitions/).stdout;
    expect(under).toMatch(/Topic: payments\s+Partition: 0/);

    // A returns and catches up; B keeps leading.
    cluster.restartNode(A, SUITE);
    killed.delete(A);
    const back = await until('A back in the ISR', (p) => p.isr.length === 3, 120_000);
    const returned = enginePartition(engineAfter('A returns and truncates'), TOPIC, 0);
    expect(back.leader).toBe(real([returned.leader!])[0]);
    expect(back.isr).toEqual(real(returned.isr));

    shown.runOk(/--producer-property acks=all/, { input: '€50\n' });

    // B crashes: A, first of the ISR in replica order, leads.
    kill9(B);
    const second = await until('B out of the ISR', (p) => !p.isr.includes(B) && p.leader !== B);
    const same = enginePartition(engineAfter('The same failure'), TOPIC, 0);
    expect(second.leader).toBe(real([same.leader!])[0]);
    expect(second.isr).toEqual(real(same.isr));

    // As on stage, C has fetched from its new leader before it crashes: the high watermark passed €50,
    // and €30 is gone, so it is the engine's number exactly.
    const hw = await highWatermarkAtLeast(4);
    expect(hw).toBe(enginePartition(sameFailure(), TOPIC, 0).highWatermark);
    // C crashes: once fenced the ISR is [A], below min.insync.replicas=2.
    kill9(C);
    const alone = await until('C out of the ISR', (p) => !p.isr.includes(C));
    const down = enginePartition(engineAfter('Down to one copy'), TOPIC, 0);
    expect(alone.isr).toEqual(real(down.isr));
    expect(alone.leader).toBe(real([down.leader!])[0]);
    // No retries, so the producer reports the broker's answer instead of retrying for two minutes.
    const refused = sh(
      `bin/kafka-console-producer.sh --bootstrap-server ${bootstrap()} --topic ${TOPIC} --command-property acks=all ` +
        '--command-property enable.idempotence=false --command-property retries=0',
      { input: '€60\n' },
    );
    expect(refused.stdout + refused.stderr).toMatch(/NotEnoughReplicasException|NOT_ENOUGH_REPLICAS/);
    const acks1 = sh(
      `bin/kafka-console-producer.sh --bootstrap-server ${bootstrap()} --topic ${TOPIC} --command-property acks=1 ` +
        '--command-property enable.idempotence=false --command-property retries=0',
      { input: '€70\n' },
    );
    expect(acks1.status, acks1.stderr).toBe(0);
    expect(acks1.stdout + acks1.stderr).not.toMatch(/Exception/);
    // Below min.insync.replicas the leader does not move the high watermark (KAFKA-15583): €70 is unreadable.
    const readable = readTopic(TOPIC).map((r) => r.value);
    expect(readable).toEqual(['€10', '€20', '€40', '€50']);
    expect(readable).not.toContain('€70');

    // Which acknowledged records survived, on both sides: the engine's ✓s and losses against what real
    // Kafka acknowledged (every send above that returned without an error) and still holds.
    const history = replicationHistory(
      engineEventsUntil(
        scene,
        scene.steps.findIndex((s) => s.title === 'Down to one copy'),
      ),
      TOPIC,
    );
    const engineSurvivors = Object.values(history.acknowledged)
      .flat()
      .filter((r) => !r.lost)
      .map((r) => r.value);
    const engineLost = Object.values(history.acknowledged)
      .flat()
      .filter((r) => r.lost)
      .map((r) => r.value);
    // Real Kafka acknowledged €10 to €50 and €70 (every send above that returned without an error); of
    // those, only €30 is gone from the log (€70 is held but unreadable below min.insync.replicas).
    const realLost = ['€10', '€20', '€30', '€40', '€50'].filter((v) => !readable.includes(v));
    expect(realLost).toEqual(['€30']);
    expect(engineLost).toEqual(realLost);
    // €70 is acknowledged (acks=1) but unreadable below min.insync.replicas: held, not lost, on both sides.
    expect(engineSurvivors.sort()).toEqual([...readable, '€70'].sort());
  }, 400_000);
});

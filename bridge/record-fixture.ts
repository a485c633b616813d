/**
 * `KAFKA_STAGE_HOME=.kafka/bridge npx tsx bridge/record-fixture.ts`: records the polls the mapping's unit tests
 * read (src/reality/fixtures/*.json) from the project's own 3-broker cluster (`npm run kafka -- --brokers 3`
 * with the same KAFKA_STAGE_HOME and KAFKA_STAGE_PORT): three brokers up with a classic group that has lag
 * and a consumer-protocol (KIP-848) group, then the same cluster after kill -9 of broker 2 once Kafka fenced
 * it. Broker 2 is started again at the end.
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { parseBootstrap } from './address';
import { ClusterReader } from './collect';
import { BridgeConsumers } from './consumers';
import { cluster, LocalCluster } from './local-cluster';

const home = cluster.settings().home;
const local = new LocalCluster(home);
const bootstrap = local.bootstrap();
if (!bootstrap)
  throw new Error(`no cluster recorded in ${home}: start one with npm run kafka -- --brokers 3`);
const addresses = parseBootstrap(bootstrap);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reader = new ClusterReader(addresses);
const TOPIC = 'fx-orders';
const KEYS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

async function record(name: string, note: string) {
  const poll = await reader.poll(5);
  const file = new URL(`../src/reality/fixtures/${name}.json`, import.meta.url);
  const nodes = local.nodes();
  writeFileSync(
    file,
    `${JSON.stringify({ note, recordedAt: new Date().toISOString(), bootstrap, nodes, poll }, null, 1)}\n`,
  );
  console.error(`wrote ${file.pathname}`);
}

const tools = (args: string) =>
  execSync(`bin/${args}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// Three brokers up (a previous run restarts broker 2 as it ends), so the new topic's leaders are spread.
for (let i = 0; i < 60 && (await reader.metadata()).brokers.length < 3; i++) await sleep(1000);
// From scratch on every run, so the recorded numbers are the ones this script produced.
for (const group of ['fx-classic', 'fx-lagging', 'fx-kip848'])
  try {
    tools(`kafka-consumer-groups.sh --bootstrap-server ${bootstrap} --delete --group ${group}`);
  } catch {}
try {
  tools(`kafka-topics.sh --bootstrap-server ${bootstrap} --delete --topic ${TOPIC}`);
  await sleep(3000);
} catch {}
tools(
  `kafka-topics.sh --bootstrap-server ${bootstrap} --create --topic ${TOPIC} --partitions 3 --replication-factor 3`,
);

const producer = new Producer({
  clientId: 'fixtures',
  bootstrapBrokers: addresses,
  serializers: stringSerializers,
});
for (const [i, key] of KEYS.entries())
  await producer.send({ messages: [{ topic: TOPIC, key, value: `order-${i}` }], acks: -1 });

// A classic group that read everything, run by the bridge (range), and one that read 3 records and left: lag.
const consumers = new BridgeConsumers(addresses, 5);
await consumers.start('fx-classic', TOPIC, 'range', () => {});
tools(
  `kafka-console-consumer.sh --bootstrap-server ${bootstrap} --topic ${TOPIC} --group fx-lagging --from-beginning --max-messages 3 --timeout-ms 20000`,
);
// A consumer-protocol group (KIP-848): the broker assigns (uniform).
const kip848 = new Consumer({
  clientId: 'fixtures-848',
  groupId: 'fx-kip848',
  groupProtocol: 'consumer',
  bootstrapBrokers: addresses,
  deserializers: stringDeserializers,
});
const stream = await kip848.consume({ topics: [TOPIC], mode: 'earliest' });
stream.on('data', () => {});
// The consumer loses broker 2 when it is killed below; its retries are not what is recorded.
stream.on('error', () => {});
kip848.on('error', () => {});
await sleep(8000);
await record(
  'brokers-up',
  'three brokers up; fx-classic (range, bridge consumer, caught up), fx-lagging (console consumer read 3 of 8 and left), fx-kip848 (consumer protocol)',
);

local.kill(2);
for (let i = 0; i < 60; i++) {
  await sleep(1000);
  const m = await reader.metadata().catch(() => null);
  if (m && !m.brokers.some((b) => b.nodeId === 2)) break;
}
await sleep(1500);
await record(
  'broker-killed',
  'kill -9 of broker 2, after Kafka fenced it: ISRs without 2, its leaderships moved',
);

local.restart(2);
await stream.close();
await new Promise<void>((done) => kip848.close(true, () => done()));
await consumers.stopAll();
await producer.close();
await reader.close();
process.exit(0);

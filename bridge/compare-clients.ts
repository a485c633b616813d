/**
 * `npx tsx bridge/compare-clients.ts 127.0.0.1:9092`: what each Node client can tell the bridge about a real
 * cluster, measured need by need (the README's "Reality mode" table comes from its output). It creates one
 * topic and two groups (named compare-<time>) and leaves them; run it against a scratch cluster.
 */
import {
  Admin,
  Consumer,
  consumerGroupDescribeV0,
  describeLogDirsV4,
  Producer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { Kafka, logLevel } from 'kafkajs';

const bootstrap = (process.argv[2] ?? '127.0.0.1:19092').split(',');
const stamp = Date.now().toString(36);
const TOPIC = `compare-${stamp}`;
const rows: { client: string; need: string; ok: boolean; ms: number; note: string }[] = [];

async function need(client: string, what: string, run: () => Promise<string>) {
  const t0 = performance.now();
  try {
    const note = await Promise.race([
      run(),
      new Promise<string>((_, no) => setTimeout(() => no(new Error('no answer in 30 s')), 30_000)),
    ]);
    rows.push({ client, need: what, ok: true, ms: performance.now() - t0, note });
  } catch (e) {
    const msg = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    rows.push({ client, need: what, ok: false, ms: performance.now() - t0, note: msg.slice(0, 160) });
  }
}

async function kafkajs() {
  const kafka = new Kafka({ brokers: bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 1 } });
  const admin = kafka.admin();
  await admin.connect();
  const c = 'kafkajs 2.2.4';
  await need(c, 'create topic', async () => {
    await admin.createTopics({ topics: [{ topic: `${TOPIC}-kjs`, numPartitions: 3, replicationFactor: 3 }] });
    return '3 partitions, RF 3';
  });
  await need(c, 'add partitions', async () => {
    await admin.createPartitions({ topicPartitions: [{ topic: TOPIC, count: 4 }] });
    return 'to 4';
  });
  await need(c, 'metadata: brokers, controller, cluster id', async () => {
    const d = await admin.describeCluster();
    return `cluster ${d.clusterId}, controller ${d.controller}, brokers ${d.brokers.map((b) => b.nodeId)}`;
  });
  await need(c, 'metadata: leader, replicas, ISR, leader epoch', async () => {
    const m = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    const p = m.topics[0]?.partitions[0] as unknown as Record<string, unknown>;
    return `partition 0: ${JSON.stringify(p)} (leaderEpoch ${'leaderEpoch' in p ? 'present' : 'ABSENT: Metadata v6'})`;
  });
  await need(c, 'configs', async () => {
    const r = await admin.describeConfigs({
      resources: [{ type: 2, name: TOPIC, configNames: ['min.insync.replicas'] }],
      includeSynonyms: false,
    });
    return JSON.stringify(r.resources[0]?.configEntries.map((e) => [e.configName, e.configValue]));
  });
  const producer = kafka.producer();
  await producer.connect();
  await need(c, 'produce (partition, offset)', async () => {
    const r = await producer.send({ topic: TOPIC, messages: [{ key: 'alice', value: 'v1' }], acks: -1 });
    return JSON.stringify(r);
  });
  await producer.disconnect();
  await need(c, 'list offsets (earliest, latest)', async () => {
    const r = await admin.fetchTopicOffsets(TOPIC);
    return JSON.stringify(r.map((p) => [p.partition, p.low, p.high]));
  });
  await need(c, 'DescribeLogDirs (LEO per replica)', async () => {
    if (!('describeLogDirs' in admin)) throw new Error('no DescribeLogDirs in the admin API');
    return 'present';
  });
  const consumer = kafka.consumer({ groupId: `${TOPIC}-kjs` });
  await need(c, 'consumer in a group (classic)', async () => {
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    const got = new Promise<string>((ok) => {
      consumer.run({ eachMessage: async (m) => ok(`read ${m.partition}@${m.message.offset}`) });
    });
    return got;
  });
  await need(c, 'offset fetch (committed)', async () => {
    await new Promise((r) => setTimeout(r, 6000));
    const r = await admin.fetchOffsets({ groupId: `${TOPIC}-kjs`, topics: [TOPIC] });
    return JSON.stringify(r[0]?.partitions);
  });
  await need(c, 'describe a classic group', async () => {
    const r = await admin.describeGroups([`${TOPIC}-kjs`]);
    const g = r.groups[0];
    return `${g?.state} ${g?.protocolType}/${g?.protocol}, ${g?.members.length} member(s)`;
  });
  await need(c, 'describe a consumer-protocol (KIP-848) group', async () => {
    const r = await admin.describeGroups([`${TOPIC}-848`]);
    const g = r.groups[0];
    return `DescribeGroups answers ${g?.state} ${g?.protocolType}/${g?.protocol}, ${g?.members.length} member(s), errorCode ${(g as unknown as { errorCode: number }).errorCode}; no ConsumerGroupDescribe in kafkajs`;
  });
  await consumer.disconnect();
  await admin.disconnect();
}

async function platformatic() {
  const c = '@platformatic/kafka 1.20.0';
  const admin = new Admin({ clientId: 'compare', bootstrapBrokers: bootstrap });
  await need(c, 'metadata: brokers, controller, cluster id', async () => {
    const m = await admin.metadata({ topics: [TOPIC] });
    return `cluster ${m.id}, brokers ${[...m.brokers.keys()]}; controller not in ClusterMetadata (raw Metadata v12 / DescribeCluster v1 have it)`;
  });
  await need(c, 'metadata: leader, replicas, ISR, leader epoch', async () => {
    const m = await admin.metadata({ topics: [TOPIC] });
    return `partition 0: ${JSON.stringify(m.topics.get(TOPIC)?.partitions[0])} (ISR only in the raw Metadata v12 response)`;
  });
  await need(c, 'DescribeLogDirs (LEO per replica)', async () => {
    const r = await admin.describeLogDirs({ topics: [{ name: TOPIC, partitions: [0, 1, 2, 3] }] });
    const lags = r.map((b) => `${b.broker}: ${b.results[0]?.topics[0]?.partitions.map((p) => p.offsetLag)}`);
    return `offset lag per broker ${lags.join('; ')}`;
  });
  void describeLogDirsV4;
  const producer = new Producer({
    clientId: 'compare',
    bootstrapBrokers: bootstrap,
    serializers: stringSerializers,
  });
  await need(c, 'produce (partition, offset)', async () => {
    const r = await producer.send({ messages: [{ topic: TOPIC, key: 'alice', value: 'v2' }], acks: -1 });
    return JSON.stringify(r.offsets, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
  });
  await producer.close();
  await need(c, 'list offsets (earliest, latest)', async () => {
    const r = await consumer.listOffsets({ topics: [TOPIC] });
    return JSON.stringify([...r], (_, v) => (typeof v === 'bigint' ? Number(v) : v));
  });
  await need(c, 'describe a consumer-protocol (KIP-848) group', async () => {
    const g = (await admin.describeGroups({ groups: [`${TOPIC}-848`] })).get(`${TOPIC}-848`);
    const note = `describeGroups (DescribeGroups v5): ${g?.state} ${g?.protocolType}, ${g?.members.size} member(s)`;
    return `${note}; ConsumerGroupDescribe v0 is exported as a raw API (${typeof consumerGroupDescribeV0.api})`;
  });
  await need(c, 'describe a classic group', async () => {
    const g = (await admin.describeGroups({ groups: [`${TOPIC}-kjs`] })).get(`${TOPIC}-kjs`);
    return `${g?.state} ${g?.protocolType}/${g?.protocol}, ${g?.members.size} member(s)`;
  });
  await need(c, 'offset fetch (committed)', async () => {
    const r = await consumer.listCommittedOffsets({ topics: [{ topic: TOPIC, partitions: [0, 1, 2, 3] }] });
    return `${JSON.stringify([...r], (_, v) => (typeof v === 'bigint' ? Number(v) : v))} (own group only; other groups: raw OffsetFetch v9)`;
  });
  await need(c, 'configs, add partitions', async () => {
    const names = Object.getOwnPropertyNames(Object.getPrototypeOf(admin));
    const has = ['describeConfigs', 'createPartitions'].map(
      (n) => `${n}: ${names.includes(n) ? 'yes' : 'raw API only'}`,
    );
    return has.join(', ');
  });
  await admin.close();
}

// A live consumer-protocol (KIP-848) group that both clients then describe.
const c848 = '@platformatic/kafka 1.20.0';
const producerAtStart = new Producer({
  clientId: 'compare',
  bootstrapBrokers: bootstrap,
  serializers: stringSerializers,
});
await new Admin({ clientId: 'compare', bootstrapBrokers: bootstrap }).createTopics({
  topics: [TOPIC],
  partitions: 3,
  replicas: 3,
});
await producerAtStart.send({ messages: [{ topic: TOPIC, key: 'bob', value: 'v0' }], acks: -1 });
await producerAtStart.close();
const consumer = new Consumer({
  clientId: 'compare',
  groupId: `${TOPIC}-848`,
  groupProtocol: 'consumer',
  bootstrapBrokers: bootstrap,
  deserializers: stringDeserializers,
});
await need(c848, 'consumer in a group (KIP-848 consumer protocol)', async () => {
  const stream = await consumer.consume({ topics: [TOPIC], mode: 'earliest' });
  for await (const m of stream) return `read ${m.partition}@${m.offset}`;
  return 'no record';
});

await kafkajs();
await platformatic();
for (const r of rows)
  process.stdout.write(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.client.padEnd(28)} ${r.need.padEnd(48)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.note}\n`,
  );
await consumer.close(true);
process.exit(0);

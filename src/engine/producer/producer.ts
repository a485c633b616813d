/**
 * The producer client: it picks a partition for each record, collects records into batches per partition
 * (batch.size / linger.ms), and hands full or lingered batches to the sender (producer-send.ts).
 */
import type { Command } from '../core/commands';
import type { EngineError, PartitionRule } from '../core/events';
import type { Tx } from '../core/tx';
import {
  type PendingRecord,
  type ProducerBatch,
  type ProducerConfig,
  type ProducerState,
  type TopicState,
  tpKey,
} from '../core/types';
import { beforeTransactionalSend } from '../transactions/client';
import { ensureProducerId } from '../transactions/producer-ids';
import { crc32 } from './crc32';
import { DELIVERY_TIMEOUT_MS } from './delivery-timeout';
import { encodeUtf8 } from './murmur2';
import { hashKey, toPositive } from './partitioner';
import { knownPartitionCount, METADATA_MAX_AGE_MS } from './producer-metadata';
import { drain } from './producer-send';

/** librdkafka's sticky.partitioning.linger.ms default since 1.6 (CONFIGURATION.md). */
export const LIBRDKAFKA_STICKY_LINGER_MS = 10;

/** Kafka 4.x's producer defaults (ProducerConfig): acks=all and idempotence since 3.0, linger.ms 5 since 4.0. */
export const defaultProducerConfig: ProducerConfig = {
  client: 'java',
  keyless: 'sticky',
  acks: 'all',
  lingerMs: 5,
  batchSizeBytes: 16384,
  maxInFlightRequests: 5,
  idempotent: true,
  requestTimeoutMs: 30000,
  deliveryTimeoutMs: DELIVERY_TIMEOUT_MS,
  retryBackoffMs: 100,
  roundRobinStart: null,
  metadataMaxAgeMs: METADATA_MAX_AGE_MS,
  stickyPartitioningLingerMs: LIBRDKAFKA_STICKY_LINGER_MS,
  transactionalId: null,
};

/** Record-format v2 overhead of one record (attributes, deltas, lengths): an estimate, in bytes. */
const RECORD_OVERHEAD_BYTES = 7;

function utf8Length(s: string): number {
  return encodeUtf8(s).length;
}

export function recordSizeBytes(key: string | null, value: string, headers: Record<string, string>): number {
  let size = RECORD_OVERHEAD_BYTES + utf8Length(value) + (key === null ? 0 : utf8Length(key));
  for (const [k, v] of Object.entries(headers)) size += utf8Length(k) + utf8Length(v) + 2;
  return size;
}

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

export function addProducer(tx: Tx, cmd: Cmd<'addProducer'>): EngineError | undefined {
  if (tx.producer(cmd.producer))
    return { code: 'INVALID_REQUEST', message: `Producer '${cmd.producer}' already exists.` };
  const { type: _t, producer: id, ...overrides } = cmd;
  const given = stripUndefined(overrides);
  // ProducerConfig.postProcessAndValidateIdempotenceConfigs: idempotence is on by default (3.0+) unless a
  // conflicting setting (acks other than all, more than 5 requests in flight) is given and enable.idempotence
  // is not: then it is silently off. Set explicitly with a conflict, it is a ConfigException (invalidConfig).
  const acks = given.acks ?? defaultProducerConfig.acks;
  const inFlight = given.maxInFlightRequests ?? defaultProducerConfig.maxInFlightRequests;
  const idempotent = given.idempotent ?? (acks === 'all' && inFlight <= 5);
  const config: ProducerConfig = { ...defaultProducerConfig, ...given, idempotent };
  const bad = invalidConfig(config);
  if (bad) return { code: 'INVALID_CONFIG', message: bad };
  tx.setProducer({
    id,
    config,
    roundRobin: {},
    sticky: {},
    stickyWindow: {},
    metadata: {},
    open: {},
    ready: [],
    inFlight: {},
    nextSequence: {},
    acked: 0,
    failed: 0,
  });
  ensureProducerId(tx, id);
  tx.emit({ type: 'producerAdded', producer: id });
  return undefined;
}

export function configureProducer(tx: Tx, cmd: Cmd<'configureProducer'>): EngineError | undefined {
  const p = tx.producer(cmd.producer);
  if (!p) return { code: 'UNKNOWN_PRODUCER', message: `No producer '${cmd.producer}'.` };
  const { type: _t, producer: _p, ...changes } = cmd;
  const config = { ...p.config, ...stripUndefined(changes) };
  const bad = invalidConfig(config);
  if (bad) return { code: 'INVALID_CONFIG', message: bad };
  tx.setProducer({ ...p, config });
  ensureProducerId(tx, p.id);
  tx.emit({ type: 'producerConfigured', producer: p.id, changes: stripUndefined(changes) });
  return undefined;
}

function invalidConfig(c: ProducerConfig): string | undefined {
  if (c.lingerMs < 0) return 'linger.ms must be >= 0.';
  if (c.batchSizeBytes < 1) return 'batch.size must be positive.';
  if (c.maxInFlightRequests < 1) return 'max.in.flight.requests.per.connection must be >= 1.';
  if (c.requestTimeoutMs < 1) return 'request.timeout.ms must be positive.';
  if (c.metadataMaxAgeMs < 0) return 'metadata.max.age.ms must be >= 0.';
  if (c.stickyPartitioningLingerMs < 0) return 'sticky.partitioning.linger.ms must be >= 0.';
  // KafkaProducer.configureDeliveryTimeout refuses a delivery timeout set below linger.ms + request.timeout.ms.
  if (c.deliveryTimeoutMs < c.lingerMs + c.requestTimeoutMs)
    return 'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms';
  // ProducerConfig: enable.idempotence requires acks=all and at most 5 requests in flight.
  if (c.idempotent && c.acks !== 'all')
    return 'Must set acks to all in order to use the idempotent producer.';
  if (c.transactionalId !== null && !c.idempotent)
    return 'Cannot set a transactional.id without also enabling idempotence.';
  if (c.idempotent && c.maxInFlightRequests > 5) {
    return 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.';
  }
  return undefined;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Partitions whose leader is known, among the `n` the producer's metadata lists: the "available" partitions
 * of Cluster.availablePartitionsForTopic.
 */
function available(topic: TopicState, n: number): number[] {
  return topic.partitions
    .slice(0, n)
    .filter((p) => p.leader !== null)
    .map((p) => p.partition);
}

/** A record's partition, and the rule that chose it (the partitionChosen event shows it). */
interface PartitionChoice {
  readonly partition: number;
  readonly how: PartitionRule;
}

/**
 * KafkaProducer.partition(): an explicit partition wins, then the key's hash, then the keyless strategy;
 * all over `n`, the partition count of the producer's metadata (which may be older than the topic).
 */
function choosePartition(
  tx: Tx,
  p: ProducerState,
  topic: TopicState,
  cmd: Cmd<'produce'>,
  size: number,
  n: number,
): PartitionChoice {
  const key = cmd.key ?? null;
  if (cmd.partition !== undefined) return { partition: cmd.partition, how: { rule: 'explicit' } };
  if (p.config.client === 'librdkafka') {
    // librdkafka's consistent_random: CRC-32 of the key bytes; null or empty keys are keyless.
    if (key !== null && key.length > 0) {
      const { bytes, length } = encodeUtf8(key);
      const crc = crc32(bytes, length);
      return { partition: crc % n, how: { rule: 'key-crc32', crc, numPartitions: n } };
    }
    return stickyWindow(tx, p, topic, n);
  }
  if (key !== null) {
    const hash = hashKey(key);
    const positive = toPositive(hash);
    return {
      partition: positive % n,
      how: { rule: 'key-murmur2', hash, positive, numPartitions: n },
    };
  }
  return p.config.keyless === 'round-robin' ? roundRobin(tx, p, topic, n) : sticky(tx, p, topic, size, n);
}

/**
 * librdkafka's keyless records since 1.6 (rd_kafka_msg_sticky_partition): one random partition for
 * sticky.partitioning.linger.ms, then another (rd_interval restarts the window at each switch); a sticky
 * partition that lost its leader is dropped at once (rd_interval_expedite). At 0 every record draws anew
 * (the random partitioner, rd_kafka_msg_partitioner_random).
 */
function stickyWindow(tx: Tx, p: ProducerState, topic: TopicState, n: number): PartitionChoice {
  const lingerMs = p.config.stickyPartitioningLingerMs;
  const avail = available(topic, n);
  const draw = () => (avail.length > 0 ? avail[tx.int(avail.length)]! : tx.int(n));
  if (lingerMs === 0) return { partition: draw(), how: { rule: 'random', numPartitions: n } };
  const current = p.stickyWindow[topic.name];
  const now = tx.state.now;
  if (current && now - current.sinceMs < lingerMs && avail.includes(current.partition)) {
    return {
      partition: current.partition,
      how: {
        rule: 'sticky-window',
        switched: false,
        windowStartMs: current.sinceMs,
        stickyLingerMs: lingerMs,
      },
    };
  }
  const partition = draw();
  tx.own(tx.producerDraft(p.id)!, 'stickyWindow')[topic.name] = { partition, sinceMs: now };
  return {
    partition,
    how: { rule: 'sticky-window', switched: true, windowStartMs: now, stickyLingerMs: lingerMs },
  };
}

/**
 * Round robin as DefaultPartitioner did before Kafka 2.4: a per-topic counter that starts at a random int,
 * read with getAndIncrement, over the available partitions (all partitions when none is available).
 */
function roundRobin(tx: Tx, p: ProducerState, topic: TopicState, n: number): PartitionChoice {
  const start = p.config.roundRobinStart ?? tx.int(0x7fffffff) | 0;
  const counter = p.roundRobin[topic.name] ?? start;
  const avail = available(topic, n);
  const partition = avail.length > 0 ? avail[toPositive(counter) % avail.length]! : toPositive(counter) % n;
  tx.own(tx.producerDraft(p.id)!, 'roundRobin')[topic.name] = counter + 1;
  return { partition, how: { rule: 'round-robin', counter, numPartitions: n } };
}

/**
 * The built-in uniform sticky partitioner (KIP-794, Kafka 3.3+): stay on one partition until about
 * batch.size bytes went to it, then switch to a random available partition (which may be the same one;
 * BuiltInPartitioner.nextPartition draws uniformly without adaptive load statistics here).
 */
function sticky(tx: Tx, p: ProducerState, topic: TopicState, size: number, n: number): PartitionChoice {
  const current = p.sticky[topic.name];
  const batchSizeBytes = p.config.batchSizeBytes;
  let switched = false;
  let partition = current?.partition ?? -1;
  let bytes = current?.bytes ?? 0;
  if (!current || bytes >= batchSizeBytes) {
    const avail = available(topic, n);
    partition = avail.length > 0 ? avail[tx.int(avail.length)]! : tx.int(n);
    bytes = 0;
    switched = true;
  }
  bytes += size;
  tx.own(tx.producerDraft(p.id)!, 'sticky')[topic.name] = { partition, bytes };
  return {
    partition,
    how: { rule: 'sticky', switched, bytesOnPartition: bytes, batchSizeBytes },
  };
}

export function produce(tx: Tx, cmd: Cmd<'produce'>): EngineError | undefined {
  const p = tx.producer(cmd.producer);
  if (!p) return { code: 'UNKNOWN_PRODUCER', message: `No producer '${cmd.producer}'.` };
  const topic = tx.topic(cmd.topic);
  if (!topic) return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic '${cmd.topic}' does not exist.` };
  if (cmd.partition !== undefined && !(cmd.partition >= 0 && cmd.partition < topic.partitions.length)) {
    return {
      code: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: `Topic '${cmd.topic}' has no partition ${cmd.partition}.`,
    };
  }
  const key = cmd.key ?? null;
  const headers = cmd.headers ?? {};
  const value = cmd.tombstone ? '' : cmd.value;
  const sizeBytes = recordSizeBytes(key, value, headers);
  const recordId = tx.id('r');
  const n = knownPartitionCount(tx, p, topic, cmd.partition);
  // Re-read: the metadata refresh may have changed this producer.
  const { partition, how } = choosePartition(tx, tx.producer(p.id)!, topic, cmd, sizeBytes, n);
  if (p.config.transactionalId !== null) {
    const refused = beforeTransactionalSend(tx, p.id, topic.name, partition);
    if (refused) return refused;
  }
  tx.emit({ type: 'partitionChosen', producer: p.id, recordId, topic: topic.name, key, partition, how });
  const record: PendingRecord = {
    id: recordId,
    key,
    value,
    headers,
    timestampMs: tx.state.now,
    sizeBytes,
    ...(cmd.tombstone ? { tombstone: true as const } : {}),
  };
  appendToBatch(tx, p.id, topic.name, partition, record);
  return undefined;
}

/** RecordAccumulator.append: into the open batch of the partition, or a new one. */
function appendToBatch(
  tx: Tx,
  producerId: string,
  topic: string,
  partition: number,
  record: PendingRecord,
): void {
  const tp = tpKey(topic, partition);
  const p = tx.producerDraft(producerId)!;
  let batch = p.open[tp];
  if (batch && batch.sizeBytes + record.sizeBytes > p.config.batchSizeBytes && batch.records.length > 0) {
    // The open batch is full: it becomes ready, and the record starts a new one.
    delete tx.own(p, 'open')[tp];
    tx.own(p, 'ready').push(batch);
    batch = undefined;
  }
  if (!batch) {
    const id = tx.id('b');
    batch = {
      id,
      topic,
      partition,
      records: [],
      sizeBytes: 0,
      createdAtMs: tx.state.now,
      baseSequence: -1,
      attempts: 0,
    };
    tx.emit({ type: 'batchCreated', producer: producerId, batchId: id, topic, partition });
    if (p.config.lingerMs > 0)
      tx.schedule('lingerExpired', tx.state.now + p.config.lingerMs, {
        producer: producerId,
        batchId: id,
        tp,
      });
  }
  batch = { ...batch, records: [...batch.records, record], sizeBytes: batch.sizeBytes + record.sizeBytes };
  const full = batch.sizeBytes >= p.config.batchSizeBytes || p.config.lingerMs === 0;
  // tx.id and tx.schedule above change the state, never this producer: the draft is still current.
  if (full) {
    delete tx.own(p, 'open')[tp];
    tx.own(p, 'ready').push(batch);
    drain(tx, producerId);
  } else {
    tx.own(p, 'open')[tp] = batch;
  }
}

/** linger.ms has passed since the batch opened: it is sent even if not full. */
export function onLingerExpired(tx: Tx, producerId: string, batchId: string, tp: string): void {
  const batch = tx.producer(producerId)?.open[tp];
  if (!batch || batch.id !== batchId) return;
  const p = tx.producerDraft(producerId)!;
  delete tx.own(p, 'open')[tp];
  tx.own(p, 'ready').push(batch);
  drain(tx, producerId);
}

export function flush(tx: Tx, cmd: Cmd<'flush'>): EngineError | undefined {
  const p = tx.producer(cmd.producer);
  if (!p) return { code: 'UNKNOWN_PRODUCER', message: `No producer '${cmd.producer}'.` };
  const open: ProducerBatch[] = Object.values(p.open);
  tx.setProducer({ ...p, open: {}, ready: [...p.ready, ...open] });
  drain(tx, p.id);
  return undefined;
}

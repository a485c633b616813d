/**
 * Kafka today: exactly-once. The idempotent producer (the default since Kafka 3.0) drops a retried
 * duplicate by its sequence number; then a read-process-write transaction commits an input offset and two
 * output records atomically, a read_committed consumer stops at the last stable offset while it is open,
 * and an aborted transaction's records reach only the read_uncommitted consumer.
 */
import {
  type Command,
  type EngineState,
  keptRecords,
  type LogRecord,
  partitionLastStableOffset,
  recordTxnStatuses,
} from '../../engine';
import { CONSUME_MS, committed, GROUP_FORMS_MS, position, stageConsumer } from '../consumer-helpers';
import { ROUND_TRIP_MS } from '../helpers';
import type { Claim, Scene } from '../types';

const TOPIC = 'payments';
const INPUT = 'orders';
const CHECKOUT = 'checkout';
const APP = 'pay-app';
const TXN_ID = 'pay-app-tx';
/** The application's consumer group, whose input offset the transaction commits. */
const APP_GROUP = 'pay-app';
export const READ_COMMITTED = 'auditor-rc';
export const READ_UNCOMMITTED = 'auditor-ru';
/**
 * request.timeout.ms of the checkout producer: 1 s instead of 30 s, so the retry comes within the step.
 * The rule is the same: no answer in time, the batch is sent again.
 */
const REQUEST_TIMEOUT_MS = 1000;
/** Long enough for the request timeout, retry.backoff.ms and the retried round trip. */
const RETRY_MS = REQUEST_TIMEOUT_MS + 500;
/** The produce request reaches the leader (network latency is 2-6 ms)... */
const REQUEST_LANDS_MS = 6;
/** ...and the leader is cut off while its answer is on the way back. */
const ANSWER_LOST_MS = 10;

const leaderLog = (s: EngineState, partition: number) => {
  const p = s.topics[TOPIC]?.partitions[partition];
  return p && p.leader !== null ? p.logs[p.leader] : undefined;
};
const records = (s: EngineState, partition: number): LogRecord[] => {
  const log = leaderLog(s, partition);
  return log ? keptRecords(log) : [];
};
const find = (s: EngineState, value: string) => {
  for (const partition of [0, 1]) {
    const r = records(s, partition).find((x) => x.value === value && !x.control);
    if (r) return { partition, record: r };
  }
  return undefined;
};
const statusOf = (s: EngineState, value: string) => {
  const f = find(s, value);
  const log = f && leaderLog(s, f.partition);
  return f && log ? recordTxnStatuses(log).get(f.record.offset) : undefined;
};
const lso = (s: EngineState, partition: number) =>
  partitionLastStableOffset(s.topics[TOPIC]!.partitions[partition]!);
const hw = (s: EngineState, partition: number) => s.topics[TOPIC]!.partitions[partition]!.highWatermark;

/** The consumer has read past the record (its position is beyond the record's offset). */
const readPast = (s: EngineState, consumer: string, value: string) => {
  const f = find(s, value);
  return !!f && (position(s, consumer, TOPIC, f.partition) ?? 0) > f.record.offset;
};

const claim = (text: string, holds: (s: EngineState) => boolean): Claim => ({ text, holds });

const once = (value: string, offset: number): Claim =>
  claim(`${value} is in the log once, at offset ${offset} of P0`, (s) => {
    const copies = records(s, 0).filter((r) => r.value === value);
    return copies.length === 1 && copies[0]!.offset === offset;
  });

const marker = (partition: number, offset: number, type: 'COMMIT' | 'ABORT'): Claim =>
  claim(`a ${type} marker takes offset ${offset} of P${partition}`, (s) =>
    records(s, partition).some((r) => r.offset === offset && r.control === type),
  );

const stable = (partition: number): Claim =>
  claim(
    `P${partition}'s last stable offset has caught up with its high watermark`,
    (s) => lso(s, partition) === hw(s, partition),
  );

const send = (producer: string, value: string, partition: number): Command => ({
  type: 'produce',
  producer,
  topic: TOPIC,
  value,
  partition,
});

export const exactlyOnce: Scene = {
  id: 'exactly-once',
  title: 'Exactly once: idempotence and transactions',
  slides: [],
  seed: 1900,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 2 },
    { type: 'createTopic', topic: INPUT, partitions: 1 },
    // Kafka 4.x's defaults: acks=all and enable.idempotence=true, so checkout is idempotent without asking.
    { type: 'addProducer', producer: CHECKOUT, lingerMs: 0, requestTimeoutMs: REQUEST_TIMEOUT_MS },
    { type: 'addProducer', producer: APP, transactionalId: TXN_ID, lingerMs: 0 },
    { type: 'addProducer', producer: 'shop', lingerMs: 0 },
    { type: 'produce', producer: 'shop', topic: INPUT, value: 'order-1' },
    { type: 'produce', producer: 'shop', topic: INPUT, value: 'order-2' },
    { type: 'advance', ms: ROUND_TRIP_MS },
  ],
  steps: [
    {
      title: 'Idempotent by default',
      narration:
        'Since Kafka 3.0 every producer is idempotent by default. Its batches carry a producer id, an epoch and a sequence number per partition.',
      notes:
        'enable.idempotence=true and acks=all are the defaults since 3.0 (KIP-679). The producer asks for a producer id at start (InitProducerId) and numbers its batches per partition from 0. If you set acks=1 without enable.idempotence, idempotence is silently turned off; set both and the client refuses the config (ProducerConfig.postProcessAndValidateIdempotenceConfigs).',
      commands: [send(CHECKOUT, 'A', 0), { type: 'advance', ms: ROUND_TRIP_MS }],
      claims: [
        claim('checkout is idempotent without being asked', (s) => s.producers[CHECKOUT]!.config.idempotent),
        claim('checkout has producer id 0, epoch 0', (s) => {
          const id = s.transactions.producerIds[CHECKOUT];
          return id?.producerId === 0 && id.producerEpoch === 0;
        }),
        claim('A is at offset 0 of P0 with sequence number 0', (s) => {
          const r = records(s, 0)[0];
          return r?.value === 'A' && r.sequence === 0;
        }),
      ],
    },
    {
      title: 'The answer is lost',
      narration:
        'checkout sends B. The broker appends it, but the answer never comes back. After request.timeout.ms checkout sends B again.',
      notes:
        'The leader is cut off from the network for 10 ms right after appending B, so its answer is lost. The producer cannot tell a lost request from a lost answer: it must retry. request.timeout.ms is 1 s here (30 s by default).',
      predict: 'Will the log hold B twice?',
      commands: [
        send(CHECKOUT, 'B', 0),
        { type: 'advance', ms: REQUEST_LANDS_MS },
        { type: 'isolateBroker', broker: 0 },
        { type: 'advance', ms: ANSWER_LOST_MS },
        { type: 'healBroker', broker: 0 },
      ],
      claims: [
        once('B', 1),
        claim(
          'checkout is still waiting for an answer about B',
          (s) => Object.keys(s.producers[CHECKOUT]!.inFlight).length === 1,
        ),
      ],
    },
    {
      title: 'Same sequence number: dropped',
      narration:
        'No. The retry carries the same sequence number, 1. The broker has already written it, so it drops the copy and answers with the original offset.',
      notes:
        "ProducerStateManager keeps the last batches of each producer id per partition. A batch whose sequence it has already written is a duplicate: DUPLICATE_SEQUENCE_NUMBER, answered as success with the first write's offset. A gap in the sequence would be refused (OUT_OF_ORDER_SEQUENCE_NUMBER). Without idempotence (enable.idempotence=false) the retry would append B a second time.",
      commands: [{ type: 'advance', ms: RETRY_MS }],
      claims: [
        once('B', 1),
        claim(
          'checkout got its answer: both records acknowledged',
          (s) => s.producers[CHECKOUT]!.acked === 2,
        ),
      ],
    },
    {
      title: 'Two auditors',
      narration:
        'Two auditors read payments. One reads read_committed, the other read_uncommitted, the consumer default. Both have read A and B.',
      notes:
        'isolation.level is a consumer setting. read_uncommitted reads up to the high watermark; read_committed reads only up to the last stable offset (LSO) and drops records of aborted transactions.',
      commands: [
        stageConsumer(READ_COMMITTED, READ_COMMITTED, TOPIC, {
          autoOffsetReset: 'earliest',
          isolationLevel: 'read_committed',
        }),
        stageConsumer(READ_UNCOMMITTED, READ_UNCOMMITTED, TOPIC, { autoOffsetReset: 'earliest' }),
        { type: 'advance', ms: GROUP_FORMS_MS + CONSUME_MS },
      ],
      claims: [
        claim('the read_committed auditor has read A and B', (s) => readPast(s, READ_COMMITTED, 'B')),
        claim('the read_uncommitted auditor has read A and B', (s) => readPast(s, READ_UNCOMMITTED, 'B')),
      ],
    },
    {
      title: 'A transaction',
      narration:
        'pay-app reads order-1, then writes a payment to P0 and a receipt to P1 in one transaction, with its input offset. The transaction is still open.',
      notes:
        'initTransactions: the coordinator maps transactional.id pay-app-tx to a producer id and epoch. Each new partition is added to the transaction (AddPartitionsToTxn); sendOffsetsToTransaction adds the consumer group and its offset (AddOffsetsToTxn, TxnOffsetCommit): the offset commits with the outputs, or not at all. Source: TransactionCoordinator, TransactionManager.',
      predict: 'Which auditor gets the payment and the receipt now?',
      commands: [
        { type: 'initTransactions', producer: APP },
        { type: 'beginTransaction', producer: APP },
        send(APP, 'o1-pay', 0),
        send(APP, 'o1-mail', 1),
        {
          type: 'sendOffsetsToTransaction',
          producer: APP,
          group: APP_GROUP,
          offsets: [{ topic: INPUT, partition: 0, offset: 1 }],
        },
        { type: 'advance', ms: ROUND_TRIP_MS },
      ],
      claims: [
        claim('pay-app has producer id 2, epoch 0', (s) => {
          const id = s.transactions.producerIds[APP];
          return id?.producerId === 2 && id.producerEpoch === 0;
        }),
        claim('the transaction is Ongoing on P0 and P1', (s) => {
          const m = s.transactions.transactions[TXN_ID];
          return m?.state === 'Ongoing' && m.partitions.join() === 'payments/0,payments/1';
        }),
        claim(
          'o1-pay and o1-mail are in the log, in an open transaction',
          (s) => statusOf(s, 'o1-pay') === 'open' && statusOf(s, 'o1-mail') === 'open',
        ),
        claim(
          'pay-app has no committed offset on orders yet',
          (s) => committed(s, APP_GROUP, INPUT, 0) === undefined,
        ),
      ],
    },
    {
      title: 'Only up to the LSO',
      narration:
        'read_uncommitted gets both at once. read_committed stops at the last stable offset, the first offset of the open transaction, and waits.',
      notes:
        'LSO = the first offset of the oldest transaction still open on the partition (or whose marker is not yet replicated), else the high watermark (UnifiedLog.lastStableOffset, ProducerStateManager.firstUnstableOffset). A fetch with isolation_level=1 is served up to the LSO (FetchIsolation.TXN_COMMITTED). An open transaction holds back every later record on the partition, even records outside it.',
      commands: [{ type: 'advance', ms: CONSUME_MS }],
      claims: [
        claim(
          'the read_uncommitted auditor has read o1-pay and o1-mail',
          (s) => readPast(s, READ_UNCOMMITTED, 'o1-pay') && readPast(s, READ_UNCOMMITTED, 'o1-mail'),
        ),
        claim('P0: LSO 2, high watermark 3', (s) => lso(s, 0) === 2 && hw(s, 0) === 3),
        claim('P1: LSO 0, high watermark 1', (s) => lso(s, 1) === 0 && hw(s, 1) === 1),
        claim(
          'the read_committed auditor waits at the LSO',
          (s) => position(s, READ_COMMITTED, TOPIC, 0) === 2 && !readPast(s, READ_COMMITTED, 'o1-mail'),
        ),
      ],
    },
    {
      title: 'Commit: a marker on each partition',
      narration:
        'pay-app commits. The coordinator writes a COMMIT marker to P0 and P1 and commits the input offset. The LSO moves up and read_committed gets both records.',
      notes:
        'EndTxn(COMMIT): PrepareCommit in __transaction_state, then WriteTxnMarkers to every partition leader, then CompleteCommit. A marker is a control record: it takes an offset, replicates, and is never handed to a consumer, so offsets 3 on P0 and 1 on P1 are gaps to the application. With transaction version 2 (the default of Kafka 4) EndTxn also bumps the producer epoch (KIP-890).',
      commands: [
        { type: 'commitTransaction', producer: APP },
        { type: 'advance', ms: CONSUME_MS },
      ],
      claims: [
        marker(0, 3, 'COMMIT'),
        marker(1, 1, 'COMMIT'),
        stable(0),
        stable(1),
        claim(
          'pay-app has committed offset 1 on orders, with the transaction',
          (s) => committed(s, APP_GROUP, INPUT, 0) === 1,
        ),
        claim(
          'the read_committed auditor has read o1-pay and o1-mail',
          (s) => readPast(s, READ_COMMITTED, 'o1-pay') && readPast(s, READ_COMMITTED, 'o1-mail'),
        ),
        claim(
          'the transaction is CompleteCommit',
          (s) => s.transactions.transactions[TXN_ID]?.state === 'CompleteCommit',
        ),
      ],
    },
    {
      title: 'An aborted transaction',
      narration:
        'pay-app processes order-2: it writes o2-pay and o2-mail, then fails and aborts. The two records are already in the log.',
      notes:
        'abortTransaction writes ABORT markers. Nothing is deleted: the records stay in the log, marked aborted by the marker after them. The input offset sent in the transaction is dropped too, so order-2 will be processed again.',
      predict: 'Who reads o2-pay and o2-mail?',
      commands: [
        { type: 'beginTransaction', producer: APP },
        send(APP, 'o2-pay', 0),
        send(APP, 'o2-mail', 1),
        {
          type: 'sendOffsetsToTransaction',
          producer: APP,
          group: APP_GROUP,
          offsets: [{ topic: INPUT, partition: 0, offset: 2 }],
        },
        { type: 'advance', ms: ROUND_TRIP_MS },
        { type: 'abortTransaction', producer: APP },
      ],
      claims: [
        marker(0, 5, 'ABORT'),
        marker(1, 3, 'ABORT'),
        claim(
          'o2-pay and o2-mail are in the log, aborted',
          (s) => statusOf(s, 'o2-pay') === 'aborted' && statusOf(s, 'o2-mail') === 'aborted',
        ),
        claim(
          "pay-app's committed offset on orders is still 1",
          (s) => committed(s, APP_GROUP, INPUT, 0) === 1,
        ),
      ],
    },
    {
      title: 'read_committed never sees them',
      narration:
        'read_uncommitted has read the aborted records. read_committed skips them and the markers: its position jumps past them, and it never sees o2-pay or o2-mail.',
      notes:
        "With a read_committed fetch the broker sends the aborted transactions of the range (FetchResponse.abortedTransactions, from the TransactionIndex); the consumer drops each producer's records until its ABORT marker (CompletedFetch). read_uncommitted hands them to the application: exactly-once holds only for read_committed readers, such as Kafka Streams with processing.guarantee=exactly_once_v2.",
      commands: [{ type: 'advance', ms: CONSUME_MS }],
      claims: [
        claim(
          'the read_uncommitted auditor has read o2-pay and o2-mail',
          (s) => readPast(s, READ_UNCOMMITTED, 'o2-pay') && readPast(s, READ_UNCOMMITTED, 'o2-mail'),
        ),
        claim(
          'the read_committed auditor is past them too, at offset 6 of P0 and 4 of P1',
          (s) => position(s, READ_COMMITTED, TOPIC, 0) === 6 && position(s, READ_COMMITTED, TOPIC, 1) === 4,
        ),
        stable(0),
        stable(1),
        claim(
          'the transaction is CompleteAbort',
          (s) => s.transactions.transactions[TXN_ID]?.state === 'CompleteAbort',
        ),
      ],
    },
  ],
  view: {
    kind: 'transactions',
    topic: TOPIC,
    input: INPUT,
    group: APP_GROUP,
    producers: [CHECKOUT, APP],
    consumers: [READ_COMMITTED, READ_UNCOMMITTED],
  },
  realCommands: [
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments --partitions 2',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1',
    '# checkout: the console producer is idempotent by default (acks=all, enable.idempotence=true)\nbin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments\n> A\n> B',
    '# each partition remembers the producer id, epoch and last sequence number of every producer that wrote to it\nbin/kafka-transactions.sh --bootstrap-server localhost:9092 describe-producers --topic payments --partition 0',
    '# the two auditors, each in its own terminal\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic payments --from-beginning \\\n  --isolation-level read_committed --formatter-property print.partition=true --formatter-property print.offset=true',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic payments --from-beginning \\\n  --isolation-level read_uncommitted --formatter-property print.partition=true --formatter-property print.offset=true',
    '# pay-app: the Java client\'s transactional API, typed into jshell from the Kafka folder (libs/ holds the client)\njshell --class-path "libs/*"\n> import org.apache.kafka.clients.producer.*; import org.apache.kafka.clients.consumer.*; import org.apache.kafka.common.TopicPartition; import java.util.*;\n> var props = new Properties(); props.put("bootstrap.servers", "localhost:9092"); props.put("transactional.id", "pay-app-tx");\n> props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer"); props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");\n> var app = new KafkaProducer<String, String>(props); app.initTransactions();\n> app.beginTransaction(); app.send(new ProducerRecord<>("payments", 0, null, "o1-pay")); app.send(new ProducerRecord<>("payments", 1, null, "o1-mail"));\n> app.sendOffsetsToTransaction(Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(1)), new ConsumerGroupMetadata("pay-app")); app.flush();\n> app.commitTransaction();\n> app.beginTransaction(); app.send(new ProducerRecord<>("payments", 0, null, "o2-pay")); app.send(new ProducerRecord<>("payments", 1, null, "o2-mail")); app.flush();\n> app.abortTransaction(); app.close();',
    '# while a transaction is open (before commitTransaction), and after\nbin/kafka-transactions.sh --bootstrap-server localhost:9092 list\nbin/kafka-transactions.sh --bootstrap-server localhost:9092 describe --transactional-id pay-app-tx',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group pay-app',
  ],
};

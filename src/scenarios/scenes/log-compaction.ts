/**
 * Kafka today: log compaction (cleanup.policy=compact). The bank keeps each card's status in a compacted
 * topic; the log cleaner keeps the newest record per key in the closed segments, offsets keep their gaps, a
 * tombstone deletes a key once delete.retention.ms has passed, and a ksqlDB TABLE is such a topic.
 */
import { type Command, compactionPicture, type EngineState, keptRecords, tableOf } from '../../engine';
import { ROUND_TRIP_MS } from '../helpers';
import { PROPERTY_FLAG_NOTE, SCRIPT_NAMES_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'card-status';
const BANK = 'bank';
/** segment.ms: a record more than 4 s after the active segment's first one rolls a new segment. */
const SEGMENT_MS = 4_000;
/** delete.retention.ms: 20 s here (a day in Kafka). */
const DELETE_RETENTION_MS = 20_000;
/** A little more than segment.ms: the next update starts a new segment. */
const NEXT_SEGMENT_MS = 5_000;
/** Enough model time for a new group to find its coordinator, join (3 s initial delay) and read. */
const SETTLE_MS = 8_000;

const update = (key: string, value: string): Command => ({
  type: 'produce',
  producer: BANK,
  topic: TOPIC,
  key,
  value,
});
const cancel = (key: string): Command => ({
  type: 'produce',
  producer: BANK,
  topic: TOPIC,
  key,
  value: '',
  tombstone: true,
});
const batch = (...cs: Command[]): Command[] => [...cs, { type: 'advance', ms: ROUND_TRIP_MS }];

const reader = (consumer: string, group: string): Command => ({
  type: 'addConsumer',
  consumer,
  group,
  topics: [TOPIC],
  autoOffsetReset: 'earliest',
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
});

const leaderLog = (s: EngineState) => {
  const p = s.topics[TOPIC]!.partitions[0]!;
  return p.logs[p.leader!]!;
};
/** "offset:key=value" of every record the leader holds, a tombstone as key=null. */
const held = (s: EngineState) =>
  keptRecords(leaderLog(s)).map((r) => `${r.offset}:${r.key}=${r.tombstone ? 'null' : r.value}`);
const heldOffsets = (s: EngineState) => keptRecords(leaderLog(s)).map((r) => r.offset);
const segmentBases = (s: EngineState) => leaderLog(s).segmentBaseOffsets;
/** The next offset the consumer will fetch. */
const positionOf = (s: EngineState, consumer: string) =>
  s.groups.consumers[consumer]?.positions[`${TOPIC}/0`];

const holds = (text: string, f: (s: EngineState) => boolean): Claim => ({ text, holds: f });
const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

export const logCompaction: Scene = {
  id: 'log-compaction',
  title: 'Log compaction: the newest value per key',
  slides: [],
  seed: 1905,
  setup: [
    { type: 'createCluster', brokers: 1 },
    {
      type: 'createTopic',
      topic: TOPIC,
      partitions: 1,
      config: {
        cleanupPolicy: 'compact',
        segmentMs: SEGMENT_MS,
        minCleanableDirtyRatio: 0.1,
        deleteRetentionMs: DELETE_RETENTION_MS,
      },
    },
    { type: 'addProducer', producer: BANK, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'A topic that keeps the newest value',
      narration:
        'The bank keeps every card’s status in a topic. The key is the card; only the newest status matters.',
      notes:
        'cleanup.policy=compact instead of delete: no retention by time, the log cleaner keeps the newest record of each key. Short settings so the room sees it: segment.ms 4 s, min.cleanable.dirty.ratio 0.1, delete.retention.ms 20 s (Kafka: 7 days, 0.5, 1 day). Source: TopicConfig, LogCleaner.',
      commands: [],
      claims: [holds('the topic is compacted', (s) => s.topics[TOPIC]!.config.cleanupPolicy === 'compact')],
    },
    {
      title: 'Updates pile up',
      narration:
        'Eight status updates for three cards, in three segments. The last segment is the active one.',
      notes:
        'A segment rolls when a record comes more than segment.ms after the segment’s first one (LogSegment.shouldRoll); only an append rolls. Records 0-2, 3-5, then 6-7 in the active segment, the only one written to.',
      commands: [
        ...batch(update('4412', 'active'), update('8855', 'active'), update('5550', 'active')),
        { type: 'advance', ms: NEXT_SEGMENT_MS },
        ...batch(update('4412', 'blocked'), update('8855', 'limit 2k'), update('4412', 'active')),
        { type: 'advance', ms: NEXT_SEGMENT_MS },
        ...batch(update('5550', 'blocked'), update('8855', 'limit 500')),
      ],
      claims: [
        holds('eight records at offsets 0 to 7', (s) => same(heldOffsets(s), [0, 1, 2, 3, 4, 5, 6, 7])),
        holds('three segments, starting at offsets 0, 3 and 6', (s) => same(segmentBases(s), [0, 3, 6])),
      ],
    },
    {
      title: 'What survives the cleaner?',
      narration:
        'The log cleaner is about to pass. Which records will a new consumer reading from offset 0 get, at which offsets?',
      notes:
        'Let the room answer. Hints if needed: the cleaner never touches the active segment, and it never renumbers records.',
      predict: 'Which records survive the cleaner, and at which offsets?',
      commands: [],
    },
    {
      title: 'The cleaner passes',
      narration:
        'Superseded records in the closed segments are gone: 0, 1 and 3. Survivors keep their offsets: the log now has gaps.',
      notes:
        'Cleaner.doClean: an offset map of each key’s newest offset in the dirty part, then every closed segment is rewritten keeping a record only if it is its key’s newest (shouldRetainRecord). 5550=active at offset 2 survives though 6 is newer: offset 6 is in the active segment, which the cleaner never reads (LogCleanerManager.cleanableOffsets stops at its base). The two cleaned segments are small, so they become one (groupSegmentsBySize). The cleaner point moves to 6.',
      commands: [{ type: 'advance', ms: NEXT_SEGMENT_MS }],
      claims: [
        holds('offsets 0, 1 and 3 are removed', (s) => same(heldOffsets(s), [2, 4, 5, 6, 7])),
        holds('5550=active at offset 2 stays: the newer 5550 is in the active segment', (s) =>
          held(s).includes('2:5550=active'),
        ),
        holds('the active segment (6, 7) is untouched', (s) =>
          same(held(s).slice(-2), ['6:5550=blocked', '7:8855=limit 500']),
        ),
        holds(
          'the cleaner point is at offset 6',
          (s) => compactionPicture(s, TOPIC, 0)?.firstDirtyOffset === 6,
        ),
        holds('the cleaned segments became one: segments start at 0 and 6', (s) =>
          same(segmentBases(s), [0, 6]),
        ),
      ],
    },
    {
      title: 'A new consumer from the beginning',
      narration:
        'A new consumer asks for offset 0 and gets offset 2 first: a read from a gap returns the next record.',
      notes:
        'auto.offset.reset=earliest starts at the log start offset, still 0: compaction does not move it. The fetch returns the first batch at or after the offset asked. Offsets are increasing, not contiguous: code that expects offset + 1 breaks on compacted topics.',
      commands: [reader('audit-1', 'audit'), { type: 'advance', ms: SETTLE_MS }],
      claims: [
        holds('the first record at or after offset 0 is offset 2', (s) => heldOffsets(s)[0] === 2),
        holds('the consumer has read up to the log end, 8', (s) => positionOf(s, 'audit-1') === 8),
        holds('the log start offset is still 0', (s) => leaderLog(s).logStartOffset === 0),
      ],
    },
    {
      title: 'Card 8855 is cancelled: a tombstone',
      narration:
        'To delete a key, write a tombstone: the key with a null value. The next update closes its segment.',
      notes:
        'A record with a null value. On a compacted topic it means “delete this key”. The next update, 5 s later, rolls the segment, so the tombstone’s segment becomes cleanable.',
      commands: [
        ...batch(cancel('8855')),
        { type: 'advance', ms: NEXT_SEGMENT_MS },
        ...batch(update('4412', 'limit 1k')),
      ],
      claims: [
        holds('offset 8 is the tombstone of 8855', (s) => held(s).includes('8:8855=null')),
        holds('the tombstone’s segment [8, 9) is closed: the active segment starts at 9', (s) =>
          same(segmentBases(s).slice(-2), [8, 9]),
        ),
        holds('the audit consumer has read the tombstone', (s) => (positionOf(s, 'audit-1') ?? 0) > 8),
      ],
    },
    {
      title: 'The cleaner keeps the tombstone',
      narration:
        'Every older record of 8855 is gone. The tombstone stays for delete.retention.ms, so a consumer that lags still sees the delete.',
      notes:
        'KIP-534: the first cleaning that reaches a tombstone stamps its batch with a delete horizon, now + delete.retention.ms (20 s here). Until then the tombstone is kept. 5550=active at offset 2 goes too: the newer 5550 at offset 6 is now in a closed segment.',
      commands: [{ type: 'advance', ms: NEXT_SEGMENT_MS }],
      claims: [
        holds('the only 8855 record left is the tombstone at offset 8', (s) =>
          same(
            held(s).filter((r) => r.includes(':8855=')),
            ['8:8855=null'],
          ),
        ),
        holds('the tombstone carries a delete horizon 20 s after the cleaning', (s) => {
          const t = keptRecords(leaderLog(s)).find((r) => r.offset === 8);
          // The cleaning ran at 30 s of model time.
          return t?.deleteHorizonMs === 30_000 + DELETE_RETENTION_MS;
        }),
      ],
    },
    {
      title: 'And 20 s later?',
      narration: 'delete.retention.ms passes and the bank updates 4412 again. What is left of card 8855?',
      notes: 'The tombstone does not expire by itself: a later cleaning past its horizon removes it.',
      predict: 'After delete.retention.ms, is the tombstone still in the log?',
      commands: [],
    },
    {
      title: 'The tombstone is gone',
      narration:
        'The next cleaning after the horizon removed the tombstone. A new consumer never hears of 8855.',
      notes:
        'shouldRetainRecord: a tombstone is kept while the cleaning’s time is before its delete horizon. It takes a cleaning pass after the horizon, and the log must be dirty enough to be picked (min.cleanable.dirty.ratio) or max.compaction.lag.ms must force it.',
      commands: [
        { type: 'advance', ms: DELETE_RETENTION_MS },
        ...batch(update('4412', 'active')),
        { type: 'advance', ms: 3 * NEXT_SEGMENT_MS },
        reader('report-1', 'report'),
        { type: 'advance', ms: SETTLE_MS },
      ],
      claims: [
        holds('no record of 8855 is left', (s) => !held(s).some((r) => r.includes(':8855='))),
        holds('a new consumer read to the end without any 8855', (s) => positionOf(s, 'report-1') === 11),
      ],
    },
    {
      title: 'A ksqlDB TABLE is such a topic',
      narration:
        'CREATE TABLE reads a topic like this: one row per key, the newest value. Its changelog topic is compacted.',
      notes:
        'A TABLE over a compacted topic materialises each key’s newest value; a tombstone deletes its row. CREATE TABLE ... AS SELECT (the fraud query’s possible_fraud) keeps its state in a changelog topic with cleanup.policy=compact, so a restarted query rebuilds its table from it without replaying every change. The stream scenes drew the table; this is the topic under it.',
      commands: [],
      claims: [
        holds('the table has two rows: 4412 active, 5550 blocked', (s) =>
          same(
            tableOf(s, TOPIC).map((r) => `${r.key}=${r.value}`),
            ['4412=active', '5550=blocked'],
          ),
        ),
      ],
    },
  ],
  view: { kind: 'compaction', topic: TOPIC, groups: ['audit', 'report'], slots: 11, tableFrom: 9 },
  realCommands: [
    SCRIPT_NAMES_NOTE,
    `bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${TOPIC} --partitions 1 \\\n  --config cleanup.policy=compact --config segment.ms=${SEGMENT_MS} \\\n  --config min.cleanable.dirty.ratio=0.1 --config delete.retention.ms=${DELETE_RETENTION_MS}`,
    `bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${TOPIC} \\\n  --reader-property parse.key=true --reader-property key.separator=: --reader-property null.marker=NULL\n> 4412:active\n> 8855:active\n> 5550:active\n> 8855:NULL`,
    `bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic ${TOPIC} --from-beginning \\\n  --formatter-property print.offset=true --formatter-property print.key=true`,
    `bin/kafka-configs.sh --bootstrap-server localhost:9092 --describe --entity-type topics --entity-name ${TOPIC}`,
    '# The cleaner wakes every log.cleaner.backoff.ms (15 s); segments roll only on an append after segment.ms',
    PROPERTY_FLAG_NOTE,
  ],
};

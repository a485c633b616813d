/**
 * Slide 31: a single consumer reads from all partitions. It owns all four, keeps a position in each, reads
 * each partition in offset order, and nothing orders records across partitions.
 */
import {
  CONSUME_MS,
  committed,
  groupIs,
  lagOf,
  noCommitYet,
  owns,
  position,
  produceMany,
  stageConsumer,
} from '../consumer-helpers';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'orders';
const GROUP = 'reporting';
const ME = 'consumer-a';
/**
 * A group of one forms after group.initial.rebalance.delay.ms (3 s), then JoinGroup and SyncGroup; the
 * step ends 1.8 s later, before the first auto-commit (5 s after the join) and in a phase of the 100 ms
 * polls where P2's records are read first.
 */
const ALONE_JOINED_MS = 4800;
/** One record per poll (max.poll.records 1), so polls come quickly: every 100 ms. */
const ONE_RECORD_POLL_MS = 100;
/** Two polls of one record each: P0's two records, nothing else. */
const TWO_POLLS_MS = 2 * ONE_RECORD_POLL_MS + 30;
/**
 * Until the first auto-commit has gone through: it comes auto.commit.interval.ms (5000) after the join
 * completed (ConsumerCoordinator.onJoinComplete), which is 2.4 s before the end of the steps above.
 */
const UNTIL_AUTO_COMMIT_MS = 4000;

const everywhere = (what: string, f: (s: Parameters<Claim['holds']>[0], p: number) => boolean): Claim => ({
  text: `${what} on P0 to P3`,
  holds: (s) => [0, 1, 2, 3].every((p) => f(s, p)),
});

export const consumeSingle: Scene = {
  id: 'consume-single',
  title: 'One consumer reads every partition',
  slides: [31],
  seed: 31,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'One consumer',
      narration: 'consumer-a is alone in group “reporting”, so it gets all four partitions.',
      notes:
        'A consumer that subscribes (subscribe()) is in a group even alone (one that picks its partitions with assign() joins none): it joins through the coordinator and the assignor hands it every partition. The group has no committed offset yet, so it starts where auto.offset.reset says: earliest here, the log start (the Java default, latest, would skip to the log end). To make its order visible it takes one record per poll (max.poll.records=1), polling every 100 ms.',
      commands: [
        stageConsumer(ME, GROUP, TOPIC, {
          autoOffsetReset: 'earliest',
          maxPollRecords: 1,
          pollIntervalMs: ONE_RECORD_POLL_MS,
        }),
        { type: 'advance', ms: ALONE_JOINED_MS },
      ],
      claims: [groupIs(GROUP, 'Stable', 1), owns(ME, TOPIC, [0, 1, 2, 3])],
    },
    {
      title: 'Order within a partition',
      narration:
        'm0 to m7 arrive. It reads P2 first: m2, then m6. m3 waits, though it was written before m6.',
      notes:
        'Order holds inside a partition (offset 0 before offset 1), never across partitions: the consumer interleaves partitions as fetches come back. Need two events in order? Give them the same key, so they share a partition.',
      commands: [...produceMany('producer', TOPIC, 0, 8), { type: 'advance', ms: TWO_POLLS_MS }],
      claims: [
        {
          text: 'order kept within P2 (m2 at offset 0, then m6 at offset 1), not across: m6 was read before m3 on P3',
          holds: (s) => position(s, ME, TOPIC, 2) === 2 && position(s, ME, TOPIC, 3) === 0,
        },
      ],
    },
    {
      title: 'A position per partition',
      narration:
        'It catches up: its position is 2 in every partition. Nothing is committed yet, so the lag is unknown: “-”.',
      notes:
        'The position (▼) is where the consumer reads next, in its memory. The committed offset (△) is what the group stored in __consumer_offsets; lag = end of the log − committed. The first auto-commit comes auto.commit.interval.ms (5 s) after the join completed (ConsumerCoordinator.onJoinComplete restarts the timer), then every 5 s. Until then kafka-consumer-groups prints “-” for CURRENT-OFFSET and LAG, and a crash would restart from auto.offset.reset.',
      commands: [{ type: 'advance', ms: CONSUME_MS }],
      claims: [
        everywhere('position 2', (s, p) => position(s, ME, TOPIC, p) === 2),
        noCommitYet(GROUP, TOPIC, [0, 1, 2, 3]),
      ],
    },
    {
      title: 'Commit',
      narration:
        '5 s after the join, the first auto-commit stores the positions: committed 2 everywhere, lag 0.',
      notes:
        'A restart would now resume at offset 2 in each partition. Anything processed after the last commit would be read again: that is at-least-once.',
      commands: [{ type: 'advance', ms: UNTIL_AUTO_COMMIT_MS }],
      claims: [
        everywhere(
          'committed offset 2 and lag 0',
          (s, p) => committed(s, GROUP, TOPIC, p) === 2 && lagOf(s, GROUP, TOPIC, p) === 0,
        ),
      ],
    },
  ],
  view: { kind: 'consumers', topic: TOPIC, producers: ['producer'], groups: [GROUP] },
  realCommands: [
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group reporting \\\n  --from-beginning --property print.partition=true --property print.offset=true',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group reporting\n# TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG',
    'kcat -b localhost:9092 -G reporting orders',
    PROPERTY_FLAG_NOTE,
  ],
};

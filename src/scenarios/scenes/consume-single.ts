/**
 * Slide 31: a single consumer reads from all partitions. It owns all four, keeps a position in each, reads
 * each partition in offset order, and nothing orders records across partitions.
 */
import {
  CONSUME_MS,
  committed,
  GROUP_FORMS_MS,
  groupIs,
  lagOf,
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
/** One record per poll (max.poll.records 1), so polls come quickly: every 100 ms. */
const ONE_RECORD_POLL_MS = 100;
/** Two polls of one record each: P0's two records, nothing else. */
const TWO_POLLS_MS = 2 * ONE_RECORD_POLL_MS + 30;
/** Until the next auto-commit (every 5000 ms) has gone through. */
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
        'A consumer that subscribes (subscribe()) is in a group even alone (one that picks its partitions with assign() joins none): it joins through the coordinator and the assignor hands it every partition. It reads from the earliest offset (auto.offset.reset=earliest) and, to make its order visible, takes one record per poll (max.poll.records=1), polling every 100 ms.',
      commands: [
        stageConsumer(ME, GROUP, TOPIC, { maxPollRecords: 1, pollIntervalMs: ONE_RECORD_POLL_MS }),
        { type: 'advance', ms: GROUP_FORMS_MS },
      ],
      claims: [groupIs(GROUP, 'Stable', 1), owns(ME, TOPIC, [0, 1, 2, 3])],
    },
    {
      title: 'Order within a partition',
      narration:
        'm0 to m7 arrive. It reads P0 first: m0, then m4. m1 waits, though it was written before m4.',
      notes:
        'Order holds inside a partition (offset 0 before offset 1), never across partitions: the consumer interleaves partitions as fetches come back. Need two events in order? Give them the same key, so they share a partition.',
      commands: [...produceMany('producer', TOPIC, 0, 8), { type: 'advance', ms: TWO_POLLS_MS }],
      claims: [
        {
          text: 'order kept within P0 (m0 at offset 0, then m4 at offset 1), not across: m4 was read before m1 on P1',
          holds: (s) => position(s, ME, TOPIC, 0) === 2 && position(s, ME, TOPIC, 1) === 0,
        },
      ],
    },
    {
      title: 'A position per partition',
      narration:
        'It catches up: its position is 2 in every partition. Committed is still 0, so the lag shows 2.',
      notes:
        'The position (▼) is where the consumer reads next, in its memory. The committed offset (△) is what the group stored in __consumer_offsets; lag = end of the log − committed. Auto-commit runs every 5 s.',
      commands: [{ type: 'advance', ms: CONSUME_MS }],
      claims: [
        everywhere('position 2', (s, p) => position(s, ME, TOPIC, p) === 2),
        everywhere(
          'committed offset 0 and lag 2',
          (s, p) => committed(s, GROUP, TOPIC, p) === 0 && lagOf(s, GROUP, TOPIC, p) === 2,
        ),
      ],
    },
    {
      title: 'Commit',
      narration: 'Auto-commit stores the positions: committed 2 everywhere, lag 0.',
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

/**
 * Slides 32, 34 and 35: consumers split into groups that operate in isolation. Two groups read the same
 * topic, each gets every record, each keeps its own committed offsets; pausing one does not slow the other.
 */
import {
  committed,
  GROUP_FORMS_MS,
  groupIs,
  lagOf,
  owns,
  position,
  produceMany,
  stageConsumer,
} from '../consumer-helpers';
import type { Claim, Scene } from '../types';

const TOPIC = 'orders';
const BILLING = 'billing';
const AUDIT = 'audit';
/** Long enough for an auto-commit (5000 ms after the join, then every 5000 ms) to happen in between. */
const AUTO_COMMIT_MS = 6000;

const allPartitions = (text: string, f: (s: Parameters<Claim['holds']>[0], p: number) => boolean): Claim => ({
  text,
  holds: (s) => [0, 1, 2, 3].every((p) => f(s, p)),
});

export const consumeGroups: Scene = {
  id: 'consume-groups',
  title: 'Consumer groups in isolation',
  slides: [32, 34, 35],
  seed: 32,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Two groups, one topic',
      narration:
        'Group “billing” has two consumers, group “audit” one. Each group splits all four partitions among its own.',
      notes:
        'A group id is an application. Partitions are shared out inside a group, never between groups: billing-1 and billing-2 get two each, audit-1 gets all four.',
      commands: [
        stageConsumer('billing-1', BILLING, TOPIC, { autoOffsetReset: 'earliest' }),
        stageConsumer('billing-2', BILLING, TOPIC, { autoOffsetReset: 'earliest' }),
        stageConsumer('audit-1', AUDIT, TOPIC, { autoOffsetReset: 'earliest' }),
        { type: 'advance', ms: GROUP_FORMS_MS },
      ],
      claims: [
        groupIs(BILLING, 'Stable', 1),
        groupIs(AUDIT, 'Stable', 1),
        owns('billing-1', TOPIC, [0, 1]),
        owns('billing-2', TOPIC, [2, 3]),
        owns('audit-1', TOPIC, [0, 1, 2, 3]),
      ],
    },
    {
      title: 'Both read everything',
      narration: 'Eight records arrive. Both groups read all eight: reading does not remove anything.',
      notes:
        'Unlike a queue, the log keeps its records; each group just moves its own positions, and commits them: each group’s first auto-commit comes 5 s after its join, so both have committed 2 by the end of this step. Both read from the start (auto.offset.reset=earliest).',
      commands: [...produceMany('producer', TOPIC, 0, 8), { type: 'advance', ms: AUTO_COMMIT_MS }],
      claims: [
        allPartitions(
          'billing and audit are both at position 2 on every partition',
          (s, p) =>
            position(s, p < 2 ? 'billing-1' : 'billing-2', TOPIC, p) === 2 &&
            position(s, 'audit-1', TOPIC, p) === 2,
        ),
        allPartitions('both groups have committed 2 everywhere, lag 0', (s, p) =>
          [BILLING, AUDIT].every((g) => committed(s, g, TOPIC, p) === 2 && lagOf(s, g, TOPIC, p) === 0),
        ),
      ],
    },
    {
      title: 'Pause audit',
      narration: 'audit-1 pauses. Eight more records: billing reads and commits them, audit falls behind.',
      notes:
        'pause() stops fetching but the consumer keeps polling and heartbeating, so its group does not rebalance. Each group’s committed offsets are its own rows in __consumer_offsets: billing commits 4, audit stays at 2 with lag 2.',
      commands: [
        { type: 'pauseConsumer', consumer: 'audit-1' },
        ...produceMany('producer', TOPIC, 8, 16),
        { type: 'advance', ms: AUTO_COMMIT_MS },
      ],
      claims: [
        allPartitions(
          'billing committed 4 everywhere, lag 0',
          (s, p) => committed(s, BILLING, TOPIC, p) === 4 && lagOf(s, BILLING, TOPIC, p) === 0,
        ),
        allPartitions(
          'audit committed 2 everywhere, lag 2',
          (s, p) => committed(s, AUDIT, TOPIC, p) === 2 && lagOf(s, AUDIT, TOPIC, p) === 2,
        ),
        groupIs(AUDIT, 'Stable', 1),
      ],
    },
    {
      title: 'Resume audit',
      narration: 'audit-1 resumes and catches up from its own offsets. billing never noticed.',
      notes: 'A slow or stopped group costs the others nothing: isolation is the point of groups.',
      commands: [
        { type: 'resumeConsumer', consumer: 'audit-1' },
        { type: 'advance', ms: AUTO_COMMIT_MS },
      ],
      claims: [
        allPartitions(
          'audit committed 4 everywhere, lag 0',
          (s, p) => committed(s, AUDIT, TOPIC, p) === 4 && lagOf(s, AUDIT, TOPIC, p) === 0,
        ),
        groupIs(BILLING, 'Stable', 1),
      ],
    },
  ],
  view: { kind: 'consumers', topic: TOPIC, producers: ['producer'], groups: [BILLING, AUDIT] },
  realCommands: [
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing   # twice',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group audit',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --all-groups\n# GROUP    TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG',
    '# rewind one group only (stop its consumers first):\nbin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group audit --topic orders \\\n  --reset-offsets --to-earliest --execute',
    'kcat -b localhost:9092 -G audit orders',
  ],
};

/**
 * Slides 36-37: grouped consumers split the partitions, and one of them fails (the slide's X). The engine
 * runs the classic protocol: heartbeats stop, the session times out, the group rebalances with the Range
 * assignor, the partition moves, and what the dead consumer processed but never committed is read again.
 */
import {
  CONSUME_MS,
  committed,
  GROUP_FORMS_MS,
  groupIs,
  noCommitYet,
  owns,
  position,
  produceMany,
  REBALANCE_MS,
  STAGE_SESSION_TIMEOUT_MS,
  stageConsumer,
} from '../consumer-helpers';
import type { Scene } from '../types';

const TOPIC = 'orders';
const GROUP = 'shipping';
/** auto.offset.reset=earliest: a partition without a committed offset is read from its start. */
const join = (id: string) => stageConsumer(id, GROUP, TOPIC, { autoOffsetReset: 'earliest' });
/** From the crash until the coordinator has expired the session and the group has settled again. */
const CRASH_NOTICED_MS = 3000;
const TIMEOUT_AND_REBALANCE_MS = STAGE_SESSION_TIMEOUT_MS - CRASH_NOTICED_MS + REBALANCE_MS;

export const groupedConsumers: Scene = {
  id: 'grouped-consumers',
  title: 'Grouped consumers, and one fails',
  slides: [36, 37],
  seed: 36,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Three consumers, one group',
      narration: 'consumer-a, -b and -c join group “shipping”. They split the four partitions between them.',
      notes:
        'Each member sends JoinGroup to the coordinator; the leader runs the Range assignor: members sorted by id, 4 partitions over 3 members gives a P0 and P1, b P2, c P3. These consumers use session.timeout.ms 10000 (the pre-3.0 default) and heartbeats every second, so the failure below plays out in seconds instead of 45 s, and auto.offset.reset=earliest: without a committed offset they read a partition from its start.',
      commands: [
        join('consumer-a'),
        join('consumer-b'),
        join('consumer-c'),
        { type: 'advance', ms: GROUP_FORMS_MS },
      ],
      claims: [
        groupIs(GROUP, 'Stable', 1),
        owns('consumer-a', TOPIC, [0, 1]),
        owns('consumer-b', TOPIC, [2]),
        owns('consumer-c', TOPIC, [3]),
      ],
    },
    {
      title: 'Each partition has one reader',
      narration: 'Eight orders arrive. Each consumer reads only its own partitions: no record is read twice.',
      notes:
        'Within a group a partition has exactly one owner, so work is shared and order per partition holds. consumer-b has processed P2’s two records, but the first auto-commit comes auto.commit.interval.ms (5 s) after the join (ConsumerCoordinator.onJoinComplete restarts the timer): the group has no committed offset on P2 yet, and kafka-consumer-groups shows “-”.',
      commands: [...produceMany('producer', TOPIC, 0, 8), { type: 'advance', ms: CONSUME_MS }],
      claims: [
        {
          text: 'consumer-b has processed P2 offsets 0-1: its position is 2',
          holds: (s) => position(s, 'consumer-b', TOPIC, 2) === 2,
        },
        noCommitYet(GROUP, TOPIC, [0, 1, 2, 3]),
        {
          text: 'consumer-a is at offset 2 on P0 and P1, consumer-c at 2 on P3',
          holds: (s) =>
            position(s, 'consumer-a', TOPIC, 0) === 2 &&
            position(s, 'consumer-a', TOPIC, 1) === 2 &&
            position(s, 'consumer-c', TOPIC, 3) === 2,
        },
      ],
    },
    {
      title: 'Who gets P2?',
      narration: 'consumer-b is about to crash. Who gets P2 after it dies?',
      notes:
        'Let the room answer. Range over the two survivors, a and c: a keeps P0 and P1, c gets P2 and P3. And which records of P2 will c read?',
      predict: 'Who gets P2 after consumer-b dies, and from which offset does it read?',
      commands: [],
    },
    {
      title: 'consumer-b crashes',
      narration: 'consumer-b dies without a word. Its heartbeats stop; for now nobody reads P2.',
      notes:
        'A crash sends no LeaveGroup and commits nothing. The coordinator only notices when no heartbeat has arrived for session.timeout.ms. Until then the group is still Stable and P2 is still b’s: new records there wait.',
      commands: [
        { type: 'killConsumer', consumer: 'consumer-b' },
        { type: 'advance', ms: CRASH_NOTICED_MS },
      ],
      claims: [
        {
          text: 'consumer-b is dead',
          holds: (s) => s.groups.consumers['consumer-b']?.status === 'dead',
        },
        groupIs(GROUP, 'Stable', 1),
        {
          text: 'the coordinator still gives P2 to consumer-b',
          holds: (s) => {
            const g = s.groups.groups[GROUP];
            const b = s.groups.consumers['consumer-b'];
            return !!g && !!b && (g.assignment[b.memberId] ?? []).some((tp) => tp.partition === 2);
          },
        },
      ],
    },
    {
      title: 'Session timeout, rebalance',
      narration:
        'No heartbeat for 10 s: b is removed and P2 moves to consumer-c. Nothing was committed on P2, so c starts at offset 0 (earliest) and reads 0 and 1 again.',
      notes:
        'sessionExpired, then PreparingRebalance: the others learn it from their next heartbeat (REBALANCE_IN_PROGRESS), give up their partitions (eager), rejoin, and generation 2 is assigned. b died before its first auto-commit, so P2 has no committed offset and c starts where auto.offset.reset says: earliest here, offset 0, so the two records b processed are processed twice (at-least-once). With latest, the Java default, c would start at the log end: no duplicates, but whatever was written to P2 while b was dead would be skipped, never processed. Commit after processing, and make processing idempotent.',
      commands: [{ type: 'advance', ms: TIMEOUT_AND_REBALANCE_MS }],
      claims: [
        groupIs(GROUP, 'Stable', 2),
        owns('consumer-a', TOPIC, [0, 1]),
        {
          ...owns('consumer-c', TOPIC, [2, 3]),
          text: 'after the rebalance, P2 belongs to consumer-c (with P3)',
        },
        {
          text: 'P2 has no committed offset, so c started it at offset 0 (auto.offset.reset=earliest): offsets 0-1 were processed by b and again by c',
          holds: (s) =>
            s.groups.consumers['consumer-c']?.config.autoOffsetReset === 'earliest' &&
            committed(s, GROUP, TOPIC, 2) === undefined &&
            position(s, 'consumer-b', TOPIC, 2) === 2 &&
            position(s, 'consumer-c', TOPIC, 2) === 2,
        },
      ],
    },
    {
      title: 'Scale out',
      narration: 'consumer-d and consumer-e join. Four live consumers, four partitions: one each.',
      notes:
        'Every join is a rebalance. With eager assignors everyone stops and rejoins; auto-commit commits first, so nothing is read twice this time. Range over a, c, d, e gives one partition each.',
      commands: [join('consumer-d'), join('consumer-e'), { type: 'advance', ms: REBALANCE_MS }],
      claims: [
        groupIs(GROUP, 'Stable', 3),
        owns('consumer-a', TOPIC, [0]),
        owns('consumer-c', TOPIC, [1]),
        owns('consumer-d', TOPIC, [2]),
        owns('consumer-e', TOPIC, [3]),
      ],
    },
    {
      title: 'A fifth consumer',
      narration: 'consumer-f joins: five live consumers for four partitions. One stays idle.',
      notes:
        'A partition has at most one owner in a group, so consumers beyond the partition count wait. The idle one still heartbeats, and takes over in the next rebalance if someone fails: a hot spare. To go faster, add partitions, not consumers.',
      commands: [
        join('consumer-f'),
        ...produceMany('producer', TOPIC, 8, 12),
        { type: 'advance', ms: REBALANCE_MS },
      ],
      claims: [
        owns('consumer-f', TOPIC, []),
        {
          text: 'consumer-f is a member of the group and owns nothing',
          holds: (s) => {
            const f = s.groups.consumers['consumer-f'];
            return (
              !!f &&
              f.status === 'stable' &&
              (s.groups.groups[GROUP]?.memberIds.includes(f.memberId) ?? false)
            );
          },
        },
        groupIs(GROUP, 'Stable', 4),
      ],
    },
  ],
  view: { kind: 'consumers', topic: TOPIC, producers: ['producer'], groups: [GROUP], showCoordinator: true },
  realCommands: [
    '# three terminals, one group: each gets some of the partitions\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group shipping',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group shipping\n# GROUP     TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID ...',
    '# kill -9 one consumer, then describe again: its partitions move after session.timeout.ms',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group shipping --members',
    'kcat -b localhost:9092 -G shipping orders',
  ],
};

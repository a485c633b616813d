/**
 * Share groups (KIP-932, queues for Kafka, production-ready in Kafka 4.2): the talk said a group reads no
 * faster than its partitions allow; a share group lets every member read the same partition, record by
 * record, with acquisition locks, delivery counts and a poison record set aside after five tries.
 */
import type { Command, EngineState } from '../../engine';
import { groupMembers, heldByMember, inFlightAt, shareGroup, sharePartitionOf } from '../../engine';
import { CONSUME_MS, GROUP_FORMS_MS, stageConsumer } from '../consumer-helpers';
import { produceValues } from '../helpers';
import type { Claim, Scene } from '../types';

const TOPIC = 'jobs';
const GROUP = 'workers';
const CLASSIC = 'emailers';
const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const JOBS = Array.from({ length: 8 }, (_, i) => `job-${i}`);
/** group.share.record.lock.duration.ms: Kafka's default, 30 s. */
const LOCK_MS = 30_000;
/** group.share.delivery.count.limit: Kafka's default, 5. */
const DELIVERY_LIMIT = 5;
/** A beat between two consumers' requests, so the room sees them one after the other. */
const BEAT_MS = 300;

const fetch = (member: string, maxRecords: number): Command[] => [
  { type: 'shareFetch', group: GROUP, member, maxRecords },
  { type: 'advance', ms: BEAT_MS },
];
const ack = (
  member: string,
  offsets: number[],
  acknowledgeType: 'ACCEPT' | 'RELEASE' | 'REJECT',
): Command[] => [
  { type: 'shareAcknowledge', group: GROUP, member, topic: TOPIC, partition: 0, offsets, acknowledgeType },
  { type: 'advance', ms: BEAT_MS },
];

const window = (s: EngineState) => sharePartitionOf(s, GROUP, TOPIC, 0);
const held = (s: EngineState): Record<string, number[]> => {
  const g = shareGroup(s, GROUP);
  return g ? heldByMember(g, window(s)) : {};
};
const record = (s: EngineState, offset: number) => {
  const sp = window(s);
  return sp ? inFlightAt(sp, offset) : undefined;
};

const holds = (member: string, offsets: number[]): Claim => ({
  text: `${member} holds offsets ${offsets.join(', ')} of P0`,
  holds: (s) => held(s)[member]?.join() === offsets.join(),
});
const startOffsetIs = (offset: number, why: string): Claim => ({
  text: `the share-partition start offset (SPSO) is ${offset}: ${why}`,
  holds: (s) => window(s)?.startOffset === offset,
});

export const shareGroups: Scene = {
  id: 'share-groups',
  title: 'Share groups: queues for Kafka',
  slides: [],
  seed: 932,
  setup: [
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 1 },
    { type: 'addProducer', producer: 'app', lingerMs: 0 },
    ...produceValues('app', TOPIC, JOBS),
  ],
  steps: [
    {
      title: 'One partition, three consumers',
      narration: 'A consumer group of three on a one-partition topic: one consumer reads, two sit idle.',
      notes:
        'The talk: a group reads no faster than its partitions allow. In a consumer group each partition has exactly one owner (the assignor gives P0 to one member), so extra members wait as standbys.',
      commands: [
        ...WORKERS.map((_, i) =>
          stageConsumer(`reader-${i + 1}`, CLASSIC, TOPIC, { autoOffsetReset: 'earliest' }),
        ),
        { type: 'advance', ms: GROUP_FORMS_MS + CONSUME_MS },
      ],
      claims: [
        {
          text: 'exactly one of the three owns P0; the other two own nothing',
          holds: (s) => {
            const owning = groupMembers(s, CLASSIC).map((m) => m.assignment.length);
            return (
              owning.length === 3 &&
              owning.filter((n) => n === 1).length === 1 &&
              owning.filter((n) => n === 0).length === 2
            );
          },
        },
      ],
    },
    {
      title: 'A share group joins',
      narration: 'Now a share group of three, on the same single partition. How many of them get jobs?',
      notes:
        'Share groups (KIP-932) are on by default in Kafka 4.2: the share.version feature is finalized at 1 on a new cluster. share.auto.offset.reset=earliest (a group config, default latest) makes the group start at offset 0.',
      predict: 'Three share consumers, one partition: how many of them receive records?',
      commands: [
        { type: 'setShareGroupConfig', group: GROUP, config: { autoOffsetReset: 'earliest' } },
        ...WORKERS.map(
          (member): Command => ({ type: 'joinShareGroup', group: GROUP, member, topics: [TOPIC] }),
        ),
        { type: 'advance', ms: BEAT_MS },
      ],
      claims: [
        {
          text: 'the share group has three members and nobody holds a record yet',
          holds: (s) => Object.keys(shareGroup(s, GROUP)?.members ?? {}).length === 3 && !window(s),
        },
      ],
    },
    {
      title: 'All three read P0',
      narration: 'All three. Each fetch acquires a batch of records, locked to that consumer for 30 s.',
      notes:
        'The broker keeps per share-partition a window of in-flight records from the start offset (SPSO) to the end offset (SPEO). A fetch acquires AVAILABLE records: state ACQUIRED, delivery count 1, an acquisition lock of group.share.record.lock.duration.ms (30 s). SharePartition.acquire in core/src/main/java/kafka/server/share/.',
      commands: [...fetch('worker-1', 3), ...fetch('worker-2', 3), ...fetch('worker-3', 3)],
      claims: [
        holds('worker-1', [0, 1, 2]),
        holds('worker-2', [3, 4, 5]),
        holds('worker-3', [6, 7]),
        {
          text: 'every acquired record has delivery count 1 and a 30 s lock',
          holds: (s) =>
            (window(s)?.inFlight ?? []).every(
              (r) =>
                r.deliveryCount === 1 && r.lockExpiresAtMs !== null && r.lockExpiresAtMs - s.now <= LOCK_MS,
            ) && window(s)?.inFlight.length === 8,
        },
      ],
    },
    {
      title: 'Done out of order',
      narration:
        'worker-3 and worker-2 finish first and accept. The start offset stays at 0: jobs 0–2 are still held.',
      notes:
        'ACCEPT makes a record ACKNOWLEDGED. The SPSO only moves past records that are ACKNOWLEDGED or ARCHIVED (SharePartition.maybeUpdateCachedStateAndOffsets), so an early slow record holds the window open. No per-partition ordering: completion order is not offset order.',
      commands: [...ack('worker-3', [6, 7], 'ACCEPT'), ...ack('worker-2', [3, 4, 5], 'ACCEPT')],
      claims: [
        {
          text: 'offsets 3 to 7 are ACKNOWLEDGED',
          holds: (s) => [3, 4, 5, 6, 7].every((o) => record(s, o)?.state === 'ACKNOWLEDGED'),
        },
        startOffsetIs(0, 'worker-1 still holds 0, 1 and 2'),
      ],
    },
    {
      title: 'Released, then redelivered',
      narration:
        'worker-1 accepts 0 and 2 but releases 1. worker-2 fetches next and gets job 1: its second delivery.',
      notes:
        'RELEASE puts a record back to AVAILABLE (InFlightState.tryUpdateState); the next fetch, by any member, acquires it again and raises its delivery count. The SPSO moves past 0 and stops at 1.',
      commands: [
        {
          type: 'shareAcknowledge',
          group: GROUP,
          member: 'worker-1',
          topic: TOPIC,
          partition: 0,
          offsets: [0, 2],
          acknowledgeType: 'ACCEPT',
        },
        ...ack('worker-1', [1], 'RELEASE'),
        ...fetch('worker-2', 3),
      ],
      claims: [
        holds('worker-2', [1]),
        { text: 'job 1 has delivery count 2', holds: (s) => record(s, 1)?.deliveryCount === 2 },
        startOffsetIs(1, 'job 1 is not done yet'),
      ],
    },
    {
      title: 'A consumer stalls',
      narration: 'Two new jobs arrive; worker-3 takes them and stalls. worker-2 finishes job 1.',
      notes:
        'worker-3 is stuck (a long GC pause, a hung call). Its heartbeats may be fine: the lock is per record, not per member.',
      predict: 'worker-3 does not answer for 30 s. What happens to jobs 8 and 9?',
      commands: [
        ...produceValues('app', TOPIC, ['job-8', 'job-9']),
        ...fetch('worker-3', 3),
        ...ack('worker-2', [1], 'ACCEPT'),
      ],
      claims: [holds('worker-3', [8, 9]), startOffsetIs(8, 'everything below 8 is acknowledged')],
    },
    {
      title: 'The lock times out',
      narration:
        'After 30 s the locks run out: jobs 8 and 9 are available again, and worker-1 gets them, delivery 2.',
      notes:
        'The acquisition lock timer (AcquisitionLockTimerTask) returns the records to AVAILABLE, keeping their delivery count; the next fetch counts delivery 2. If worker-3 now acknowledged, the broker would refuse: INVALID_RECORD_STATE.',
      commands: [{ type: 'advance', ms: LOCK_MS }, ...fetch('worker-1', 3)],
      claims: [
        holds('worker-1', [8, 9]),
        holds('worker-3', []),
        {
          text: 'jobs 8 and 9 have delivery count 2',
          holds: (s) => record(s, 8)?.deliveryCount === 2 && record(s, 9)?.deliveryCount === 2,
        },
      ],
    },
    {
      title: 'A poison record',
      narration:
        'Job 10 crashes every consumer that takes it. After 5 deliveries it is archived: never delivered again.',
      notes:
        'group.share.delivery.count.limit (default 5): a record released or timed out with delivery count 5 goes to ARCHIVED instead of AVAILABLE (InFlightState.tryUpdateState). Job 11 is accepted. Real Kafka shows it: kafka-console-share-consumer.sh --release prints Delivery:1 to Delivery:5, then nothing.',
      commands: [
        ...produceValues('app', TOPIC, ['job-10', 'job-11']),
        ...fetch('worker-2', 2),
        ...ack('worker-2', [11], 'ACCEPT'),
        ...ack('worker-2', [10], 'RELEASE'),
        ...['worker-3', 'worker-2', 'worker-3', 'worker-2'].flatMap((m) => [
          ...fetch(m, 1),
          ...ack(m, [10], 'RELEASE'),
        ]),
        ...fetch('worker-3', 1),
      ],
      claims: [
        {
          text: `job 10 was delivered ${DELIVERY_LIMIT} times and is ARCHIVED`,
          holds: (s) =>
            record(s, 10)?.state === 'ARCHIVED' && record(s, 10)?.deliveryCount === DELIVERY_LIMIT,
        },
        holds('worker-3', []),
        startOffsetIs(8, 'worker-1 still holds jobs 8 and 9'),
      ],
    },
    {
      title: 'Queues for Kafka',
      narration:
        'worker-1 accepts 8 and 9: the start offset jumps to 12. Three consumers shared one partition.',
      notes:
        'Share groups lift the cap of one consumer per partition, at the price of order. Use them for work queues; keep consumer groups where order per key matters. kafka-share-groups.sh --describe shows the group with its start offset and lag.',
      commands: [...ack('worker-1', [8, 9], 'ACCEPT')],
      claims: [
        startOffsetIs(12, 'every record is acknowledged or archived'),
        { text: 'no record is in flight', holds: (s) => window(s)?.inFlight.length === 0 },
        {
          text: 'the consumer group still has two idle members',
          holds: (s) => groupMembers(s, CLASSIC).filter((m) => m.assignment.length === 0).length === 2,
        },
      ],
    },
  ],
  view: { kind: 'share', topic: TOPIC, group: GROUP, classicGroup: CLASSIC },
  realCommands: [
    '# Share groups are on in Kafka 4.2: share.version is finalized at 1 on a new cluster\nbin/kafka-features.sh --bootstrap-server localhost:9092 describe',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic jobs --partitions 1',
    '# A share group starts at the latest offset unless its group config says otherwise\nbin/kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type groups --entity-name workers --add-config share.auto.offset.reset=earliest',
    `bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic jobs\n${JOBS.map((j) => `> ${j}`).join('\n')}`,
    '# In two or three terminals: every one of them receives records of the one partition\nbin/kafka-console-share-consumer.sh --bootstrap-server localhost:9092 --topic jobs --group workers --formatter-property print.offset=true --formatter-property print.delivery=true',
    'bin/kafka-share-groups.sh --bootstrap-server localhost:9092 --describe --group workers --members',
    'bin/kafka-share-groups.sh --bootstrap-server localhost:9092 --describe --group workers\n# GROUP    TOPIC  PARTITION  START-OFFSET  LAG',
    '# A poison record: a consumer that releases every delivery sees the count reach 5, then nothing\nbin/kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type groups --entity-name fragile --add-config share.auto.offset.reset=earliest',
    'bin/kafka-console-share-consumer.sh --bootstrap-server localhost:9092 --topic jobs --group fragile --release --formatter-property print.delivery=true',
  ],
};

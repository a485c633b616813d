/**
 * Slide 33: the consumer group coordinator. Which broker it is and why (the leader of partition
 * abs(hashCode(groupId)) % 50 of __consumer_offsets), the join phase, the leader computing the
 * assignment, and the heartbeats that keep members in the group.
 */

import type { EngineState } from '../../engine';
import { coordinatorPartition, javaStringHashCode } from '../../engine';
import { GROUP_FORMS_MS, groupIs, owns, STAGE_SESSION_TIMEOUT_MS, stageConsumer } from '../consumer-helpers';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import type { Scene } from '../types';

const TOPIC = 'orders';
const GROUP = 'payments';
const OFFSETS_TOPIC = '__consumer_offsets';
/** FindCoordinator and the first JoinGroups (with the MEMBER_ID_REQUIRED round trip) take a few ms. */
const FIND_AND_JOIN_MS = 100;
/** group.initial.rebalance.delay.ms (3000), extended once per member that joins during it, minus a little. */
const JOIN_PHASE_MS = GROUP_FORMS_MS - 1100;
/** JoinGroup answers, the leader's SyncGroup, everyone's SyncGroup answer: tens of ms. */
const SYNC_MS = 60;
const HEARTBEATS_MS = 3000;

const coordinatorOf = (s: EngineState) =>
  s.topics[OFFSETS_TOPIC]?.partitions[coordinatorPartition(GROUP)]?.leader ?? null;

const memberOf = (s: EngineState, consumer: string) => {
  const g = s.groups.groups[GROUP];
  const id = s.groups.consumers[consumer]?.memberId;
  return id && g?.memberIds.includes(id) ? g.members[id] : undefined;
};

export const groupCoordinator: Scene = {
  id: 'group-coordinator',
  title: 'The group coordinator',
  slides: [33],
  seed: 33,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Which broker coordinates?',
      narration: `hashCode("${GROUP}") = ${javaStringHashCode(GROUP)}; % 50 = ${coordinatorPartition(GROUP)}. The leader of __consumer_offsets partition ${coordinatorPartition(GROUP)}, broker 1, coordinates the group.`,
      notes:
        'Each consumer asks any broker FindCoordinator. The answer is computed, not elected: Java String.hashCode of the group id, Utils.abs, modulo offsets.topic.num.partitions (50). The group’s commits go to that partition, so its leader is the natural owner. __consumer_offsets is created on first use, here with RF 3 (offsets.topic.replication.factor, 3 by default: a real cluster refuses to create it until three brokers are up, so single-broker setups set it to 1). Then each member sends JoinGroup.',
      commands: [
        stageConsumer('consumer-a', GROUP, TOPIC, { autoOffsetReset: 'latest' }),
        stageConsumer('consumer-b', GROUP, TOPIC, { autoOffsetReset: 'latest' }),
        stageConsumer('consumer-c', GROUP, TOPIC, { autoOffsetReset: 'latest' }),
        { type: 'advance', ms: FIND_AND_JOIN_MS },
      ],
      claims: [
        {
          text: `the coordinator is broker 1, leader of ${OFFSETS_TOPIC} partition ${coordinatorPartition(GROUP)}`,
          holds: (s) => coordinatorOf(s) === 1 && s.groups.groups[GROUP]?.coordinator === 1,
        },
        {
          text: 'every consumer found it',
          holds: (s) =>
            ['consumer-a', 'consumer-b', 'consumer-c'].every((c) => s.groups.consumers[c]?.coordinator === 1),
        },
        groupIs(GROUP, 'PreparingRebalance', 0),
      ],
    },
    {
      title: 'The join phase',
      narration: 'The coordinator holds the JoinGroups a few seconds, in case more members come.',
      notes:
        'A new group waits group.initial.rebalance.delay.ms (3 s), longer while members keep arriving, so that three consumers started together make one rebalance, not three. The group is PreparingRebalance, generation 0: nobody reads yet.',
      commands: [{ type: 'advance', ms: JOIN_PHASE_MS }],
      claims: [
        groupIs(GROUP, 'PreparingRebalance', 0),
        { text: 'all three are members', holds: (s) => s.groups.groups[GROUP]?.memberIds.length === 3 },
      ],
    },
    {
      title: 'The leader assigns',
      narration:
        'The first to join, consumer-a, leads: its JoinGroup answer lists the members; it runs the Range assignor and sends the plan in its SyncGroup.',
      notes:
        'Generation 1 of the group starts here. The coordinator answers every JoinGroup; only the leader’s answer lists all members and their subscriptions. The assignment is computed in a client, not in the broker (until KIP-848). The coordinator hands each member its share in the SyncGroup answer: Stable.',
      commands: [{ type: 'advance', ms: SYNC_MS }],
      claims: [
        groupIs(GROUP, 'Stable', 1),
        {
          text: 'consumer-a, the first to join, is the group leader',
          holds: (s) => {
            const g = s.groups.groups[GROUP];
            return !!g?.leaderId && g.members[g.leaderId]?.consumer === 'consumer-a';
          },
        },
        owns('consumer-a', TOPIC, [0, 1]),
        owns('consumer-b', TOPIC, [2]),
        owns('consumer-c', TOPIC, [3]),
      ],
    },
    {
      title: 'Heartbeats',
      narration: 'Each member now sends a heartbeat every second. Each one renews its session for 10 s.',
      notes:
        'heartbeat.interval.ms (3 s by default, 1 s here) and session.timeout.ms (45 s since Kafka 3.0, 10 s here, the old default). A member silent for a whole session is removed and the group rebalances: the next scene. Committing is separate: the first auto-commit comes 5 s after the join; these consumers use auto.offset.reset=latest, the Java default: a partition with no committed offset is read from its log end.',
      commands: [{ type: 'advance', ms: HEARTBEATS_MS }],
      claims: [
        groupIs(GROUP, 'Stable', 1),
        {
          text: 'every member’s session runs at least 9 s past now',
          holds: (s) =>
            ['consumer-a', 'consumer-b', 'consumer-c'].every(
              (c) => (memberOf(s, c)?.sessionDeadlineMs ?? 0) >= s.now + STAGE_SESSION_TIMEOUT_MS - 1000,
            ),
        },
      ],
    },
  ],
  view: { kind: 'coordinator', topic: TOPIC, group: GROUP },
  realCommands: [
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group payments --state\n# GROUP     COORDINATOR (ID)     ASSIGNMENT-STRATEGY  STATE   #MEMBERS',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group payments --members --verbose',
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group payments \\\n  --consumer-property session.timeout.ms=10000 --consumer-property heartbeat.interval.ms=1000',
    'kcat -b localhost:9092 -G payments orders',
    PROPERTY_FLAG_NOTE,
  ],
};

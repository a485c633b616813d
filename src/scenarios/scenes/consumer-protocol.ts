/**
 * Kafka today: the consumer group protocol of KIP-848 (group.protocol=consumer, GA in Kafka 4.0) beside
 * the classic one, on the same topic and the same failures as grouped-consumers: a consumer dies, then one
 * more joins. The classic group stops everyone at the JoinGroup/SyncGroup barrier; in the consumer group
 * the coordinator computes the target assignment itself and each member reconciles on its own heartbeats,
 * so only the partitions that move stop.
 */
import {
  CONSUMER_HEARTBEAT_INTERVAL_MS,
  CONSUMER_SESSION_TIMEOUT_MS,
  type Command,
  type EngineState,
  modernGroupState,
} from '../../engine';
import { GROUP_FORMS_MS, ownedBy, produceMany, STAGE_POLL_INTERVAL_MS } from '../consumer-helpers';
import type { Claim, Scene } from '../types';

const TOPIC = 'orders';
const CLASSIC = 'classic';
const MODERN = 'consumer';

/** A classic member with the Java defaults (session.timeout.ms 45 s, heartbeats every 3 s, eager range first). */
const classic = (consumer: string): Command => ({
  type: 'addConsumer',
  consumer,
  group: CLASSIC,
  topics: [TOPIC],
  autoOffsetReset: 'earliest',
  pollIntervalMs: STAGE_POLL_INTERVAL_MS,
});
/** A member with group.protocol=consumer: the broker's session (45 s) and heartbeat interval (5 s) apply. */
const modern = (consumer: string): Command => ({
  type: 'addModernConsumer',
  consumer,
  group: MODERN,
  topics: [TOPIC],
  autoOffsetReset: 'earliest',
  pollIntervalMs: STAGE_POLL_INTERVAL_MS,
});

/** Long enough for both groups to form: the classic initial delay, the modern joins one heartbeat apart. */
const BOTH_FORM_MS = GROUP_FORMS_MS + CONSUMER_HEARTBEAT_INTERVAL_MS;
/** The new consumers start a moment apart, so they join in the order of their names. */
const JOIN_GAP_MS = 100;
/** After the crash, short of the session timeout: both coordinators still count the dead member. */
const BEFORE_EXPIRY_MS = 40_000;
/** From there past the expiry, and two heartbeat intervals for everyone to hear of it and settle. */
const EXPIRY_AND_SETTLE_MS =
  CONSUMER_SESSION_TIMEOUT_MS - BEFORE_EXPIRY_MS + 2 * CONSUMER_HEARTBEAT_INTERVAL_MS;
/** Just long enough for the new members' first answers, not for anyone's next periodic heartbeat. */
const FIRST_ANSWER_MS = 300;

const group = (s: EngineState) => s.modernGroups.groups[MODERN];
const member = (s: EngineState, consumer: string) => {
  const c = s.modernGroups.consumers[consumer];
  return c ? group(s)?.members[c.memberId] : undefined;
};
const modernOwns = (s: EngineState, consumer: string) =>
  (s.modernGroups.consumers[consumer]?.owned ?? []).map((tp) => tp.partition);
const list = (ps: readonly number[]) => (ps.length === 0 ? 'nothing' : `P${ps.join(', P')}`);

const classicOwns = (consumer: string, partitions: number[]): Claim => ({
  text: `classic ${consumer} reads ${list(partitions)}`,
  holds: (s) => ownedBy(s, consumer, TOPIC).join() === partitions.join(),
});
const reads = (consumer: string, partitions: number[]): Claim => ({
  text: `${consumer} reads ${list(partitions)}`,
  holds: (s) => modernOwns(s, consumer).join() === partitions.join(),
});
const classicGeneration = (generation: number): Claim => ({
  text: `the classic group is Stable in generation ${generation}`,
  holds: (s) =>
    s.groups.groups[CLASSIC]?.state === 'Stable' && s.groups.groups[CLASSIC]?.generationId === generation,
});
const settledAt = (epoch: number, consumers: string[]): Claim => ({
  text: `the consumer group is STABLE at group epoch ${epoch}: ${consumers.join(', ')} are all at member epoch ${epoch}`,
  holds: (s) => {
    const g = group(s);
    return (
      !!g &&
      modernGroupState(g) === 'STABLE' &&
      g.groupEpoch === epoch &&
      g.assignmentEpoch === epoch &&
      Object.keys(g.members).length === consumers.length &&
      consumers.every((c) => member(s, c)?.memberEpoch === epoch && member(s, c)?.state === 'STABLE')
    );
  },
});

export const consumerProtocol: Scene = {
  id: 'consumer-protocol',
  title: 'The new consumer protocol (KIP-848)',
  slides: [],
  seed: 848,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 6 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Two groups, two protocols',
      narration:
        'Group “classic” uses the classic protocol, group “consumer” the new one. Same topic, three consumers each, two partitions each.',
      notes:
        'group.protocol=consumer (KIP-848, GA in Kafka 4.0; the client default is still classic). In the new protocol the client sends no JoinGroup and no SyncGroup and assigns nothing: it sends ConsumerGroupHeartbeat, and the group coordinator on the broker computes the target assignment with its own assignor (group.consumer.assignors: uniform, the default, or range). Each join bumped the group epoch: three joins, epoch 3. The uniform assignor is sticky: n1 had all six, gave three to n2, then each gave one to n3, which is why n3 reads P2 and P5. Classic members keep the Java defaults here: session.timeout.ms 45 s, heartbeats every 3 s, range assignor.',
      commands: [
        classic('c1'),
        classic('c2'),
        classic('c3'),
        modern('n1'),
        { type: 'advance', ms: JOIN_GAP_MS },
        modern('n2'),
        { type: 'advance', ms: JOIN_GAP_MS },
        modern('n3'),
        { type: 'advance', ms: BOTH_FORM_MS - 2 * JOIN_GAP_MS },
      ],
      claims: [
        classicGeneration(1),
        classicOwns('c1', [0, 1]),
        classicOwns('c2', [2, 3]),
        classicOwns('c3', [4, 5]),
        settledAt(3, ['n1', 'n2', 'n3']),
        reads('n1', [0, 1]),
        reads('n2', [3, 4]),
        reads('n3', [2, 5]),
      ],
    },
    {
      title: 'The epochs',
      narration:
        'The broker keeps a group epoch and a target assignment. Each member has its own epoch: at 3, it has caught up with the target.',
      notes:
        'ConsumerGroup holds the group epoch (bumped on every membership or subscription change), the target assignment epoch (the group epoch the assignor last ran for), and each member’s epoch and state: STABLE, UNREVOKED_PARTITIONS (it must give something up first) or UNRELEASED_PARTITIONS (it waits for a partition its previous owner still holds). The heartbeat interval comes from the broker (group.consumer.heartbeat.interval.ms, 5 s), and so does the session (group.consumer.session.timeout.ms, 45 s): the client may not set session.timeout.ms under this protocol. Twelve orders arrive; both groups read them all.',
      commands: [
        ...produceMany('producer', TOPIC, 0, 12),
        { type: 'advance', ms: 2 * STAGE_POLL_INTERVAL_MS },
      ],
      claims: [
        {
          text: 'the target assignment epoch equals the group epoch, 3',
          holds: (s) => group(s)?.groupEpoch === 3 && group(s)?.assignmentEpoch === 3,
        },
        {
          text: 'each consumer of group consumer has read its two partitions to offset 2',
          holds: (s) =>
            ['n1', 'n2', 'n3'].every((c) => {
              const positions = Object.values(s.modernGroups.consumers[c]?.positions ?? {});
              return positions.length === 2 && positions.every((p) => p === 2);
            }),
        },
      ],
    },
    {
      title: 'Who stops?',
      narration: 'c2 and n2 are about to crash. When the brokers notice, who stops reading in each group?',
      notes:
        'Let the room answer for both groups. Classic: everybody, for the JoinGroup/SyncGroup barrier (eager range revokes everything). Consumer protocol: only n2’s P3 and P4, which wait for a new owner; n1 and n3 never stop.',
      predict:
        'When the crash is noticed, who stops reading in the classic group, and who in the consumer group?',
      commands: [],
    },
    {
      title: 'c2 and n2 crash',
      narration:
        'c2 and n2 die without a word. For 45 s, until their sessions run out, nobody reads their partitions: P2 and P3 in one group, P3 and P4 in the other.',
      notes:
        'A crash sends neither a LeaveGroup nor a leave heartbeat (epoch -1). Both coordinators still count the dead member until its session expires: session.timeout.ms 45 s for classic, group.consumer.session.timeout.ms 45 s for the consumer protocol. The new protocol does not detect a crash faster; it recovers from it without stopping the others.',
      commands: [
        { type: 'killConsumer', consumer: 'c2' },
        { type: 'killModernConsumer', consumer: 'n2' },
        { type: 'advance', ms: BEFORE_EXPIRY_MS },
      ],
      claims: [
        classicGeneration(1),
        {
          text: 'the consumer group is still at epoch 3 with n2 a member',
          holds: (s) => group(s)?.groupEpoch === 3 && member(s, 'n2') !== undefined,
        },
        reads('n1', [0, 1]),
        reads('n3', [2, 5]),
      ],
    },
    {
      title: 'The sessions expire',
      narration:
        'Classic: everyone stopped and rejoined, generation 2. Consumer protocol: epoch 4, n1 and n3 kept reading and just took P3 and P4.',
      notes:
        'Classic: the coordinator moves to PreparingRebalance; c1 and c3 hear REBALANCE_IN_PROGRESS on their next heartbeat, revoke everything (eager), rejoin, wait for the leader’s SyncGroup, and only then read again: see the holes in every row. Consumer protocol: the session timer removes n2 and bumps the group epoch to 4; at n1’s and n3’s next heartbeat the coordinator runs the uniform assignor (sticky: survivors keep what they had, P3 and P4 are handed out) and answers with epoch 4 and the new assignment. Nothing had to be revoked, so nobody stopped (GroupMetadataManager.consumerGroupHeartbeat, CurrentAssignmentBuilder).',
      commands: [{ type: 'advance', ms: EXPIRY_AND_SETTLE_MS }],
      claims: [
        classicGeneration(2),
        classicOwns('c1', [0, 1, 2]),
        classicOwns('c3', [3, 4, 5]),
        settledAt(4, ['n1', 'n3']),
        reads('n1', [0, 1, 3]),
        reads('n3', [2, 4, 5]),
        {
          text: 'n1 and n3 went from member epoch 3 to 4 without giving anything up',
          holds: (s) =>
            ['n1', 'n3'].every(
              (c) => member(s, c)?.previousMemberEpoch === 3 && member(s, c)?.memberEpoch === 4,
            ),
        },
      ],
    },
    {
      title: 'Scale out: n4 joins',
      narration:
        'c4 and n4 join. The target gives n4 P3 and P5, but n1 and n3 still hold them: n4 waits, in state UNRELEASED_PARTITIONS.',
      notes:
        'n4’s first heartbeat (epoch 0) bumps the group epoch to 5; the coordinator recomputes the target at once: uniform keeps two of each survivor’s three and gives n4 the rest. A partition goes to its new owner only after its old owner has revoked it, so n4 gets epoch 5 and nothing yet. n1 and n3 are still at epoch 4: they learn of the new target at their next heartbeat, up to 5 s away. Meanwhile the classic group is rebalancing again, and will stop everyone.',
      commands: [classic('c4'), modern('n4'), { type: 'advance', ms: FIRST_ANSWER_MS }],
      claims: [
        {
          text: 'group epoch 5: the target gives n4 P3 and P5',
          holds: (s) => {
            const g = group(s);
            const n4 = s.modernGroups.consumers.n4;
            return (
              g?.groupEpoch === 5 &&
              !!n4 &&
              (g.target[n4.memberId] ?? []).map((tp) => tp.partition).join() === '3,5'
            );
          },
        },
        {
          text: 'n4 is at epoch 5 in state UNRELEASED_PARTITIONS and reads nothing yet',
          holds: (s) =>
            member(s, 'n4')?.memberEpoch === 5 &&
            member(s, 'n4')?.state === 'UNRELEASED_PARTITIONS' &&
            modernOwns(s, 'n4').length === 0,
        },
        {
          text: 'n1 and n3 are still at epoch 4, reading three partitions each',
          holds: (s) =>
            member(s, 'n1')?.memberEpoch === 4 &&
            member(s, 'n3')?.memberEpoch === 4 &&
            modernOwns(s, 'n1').length === 3 &&
            modernOwns(s, 'n3').length === 3,
        },
      ],
    },
    {
      title: 'Give one, take one',
      narration:
        'On their next heartbeats n1 gives up P3 and n3 gives up P5; n4 takes them. Everyone else kept reading. The classic group stopped again.',
      notes:
        'n1’s heartbeat answer carries its new assignment (P0, P1): it commits P3’s position, revokes it and heartbeats again at once to say so; the coordinator frees P3 and moves n1 to epoch 5. n4’s next heartbeat finds P3 and P5 released and gets them, starting from the committed offsets. Classic: c4’s JoinGroup started a rebalance, so c1 and c3 revoked everything again and waited for generation 3.',
      commands: [{ type: 'advance', ms: 2 * CONSUMER_HEARTBEAT_INTERVAL_MS + GROUP_FORMS_MS }],
      claims: [
        classicGeneration(3),
        classicOwns('c1', [0, 1]),
        classicOwns('c3', [2, 3]),
        classicOwns('c4', [4, 5]),
        settledAt(5, ['n1', 'n3', 'n4']),
        reads('n1', [0, 1]),
        reads('n3', [2, 4]),
        reads('n4', [3, 5]),
      ],
    },
  ],
  view: { kind: 'consumer-protocol', topic: TOPIC, classicGroup: CLASSIC, group: MODERN },
  realCommands: [
    '# three terminals for the classic group, three for the new protocol\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group classic --from-beginning\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group consumer --from-beginning \\\n  --command-property group.protocol=consumer',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group consumer --state --verbose\n# GROUP     COORDINATOR (ID)  ASSIGNMENT-STRATEGY  STATE   GROUP-EPOCH  TARGET-ASSIGNMENT-EPOCH  #MEMBERS',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group consumer --members --verbose\n# GROUP  CONSUMER-ID  HOST  CLIENT-ID  #PARTITIONS  CURRENT-EPOCH  CURRENT-ASSIGNMENT  TARGET-EPOCH  TARGET-ASSIGNMENT',
    '# kill -9 one consumer of each group; 45 s later describe again: only the consumer group kept its other members reading',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group classic --state',
  ],
};

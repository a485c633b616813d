/**
 * Issue 19, "Kafka today": the failure and scale-out of grouped-consumers, played twice at once. Group
 * "eager" uses the RangeAssignor (the EAGER protocol: every member revokes everything before it rejoins);
 * group "cooperative" uses the CooperativeStickyAssignor (KIP-429: members keep what they own, only the
 * partitions that move are revoked, in a second round). The same records flow to both; the engine counts
 * what each group processed while its coordinator had it rebalancing.
 */
import type { Command, EngineState } from '../../engine';
import {
  GROUP_FORMS_MS,
  groupIs,
  owns,
  REBALANCE_MS,
  STAGE_SESSION_TIMEOUT_MS,
  stageConsumer,
} from '../consumer-helpers';
import { SCRIPT_NAMES_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'orders';
const EAGER = 'eager';
const COOP = 'cooperative';
const PARTITIONS = 4;
/** One record per partition every TICK_MS: a steady 16 records a second, the same for both groups. */
const TICK_MS = 250;

/**
 * heartbeat.interval.ms at the Java default (3000) rather than the stage's 1000: members started a second
 * apart then hear of a rebalance at different moments, as on a real group, and an eager group waits for the
 * last of them with everything revoked.
 */
const HEARTBEAT_INTERVAL_MS = 3000;
const STARTED_APART_MS = 1000;
const eager = (id: string) =>
  stageConsumer(`eager-${id}`, EAGER, TOPIC, {
    autoOffsetReset: 'earliest',
    assignor: 'range',
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
  });
const coop = (id: string) =>
  stageConsumer(`coop-${id}`, COOP, TOPIC, {
    autoOffsetReset: 'earliest',
    assignor: 'cooperative-sticky',
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
  });
const apart: Command = { type: 'advance', ms: STARTED_APART_MS };

/** Records keep arriving for `ms`: one on each partition (round robin) every TICK_MS. */
export function steadyTraffic(producer: string, topic: string, ms: number, from: number): Command[] {
  const out: Command[] = [];
  for (let t = 0; t < ms / TICK_MS; t++) {
    for (let p = 0; p < PARTITIONS; p++)
      out.push({ type: 'produce', producer, topic, value: `o${from + t * PARTITIONS + p}` });
    out.push({ type: 'advance', ms: TICK_MS });
  }
  return out;
}

const whileRebalancing = (s: EngineState, group: string) => s.groups.processedWhileRebalancing[group] ?? 0;

/** Both counters, as the stage shows them: the eager group read (almost) nothing, the cooperative one kept on. */
const countsAre = (eagerCount: number, coopCount: number): Claim => ({
  text: `records processed while rebalancing: eager ${eagerCount}, cooperative ${coopCount}`,
  holds: (s) => whileRebalancing(s, EAGER) === eagerCount && whileRebalancing(s, COOP) === coopCount,
});

const FAILURE_MS = STAGE_SESSION_TIMEOUT_MS + REBALANCE_MS;
const SCALE_OUT_MS = 2 * REBALANCE_MS;

export const cooperativeRebalance: Scene = {
  id: 'cooperative-rebalance',
  title: 'Eager or cooperative: who stops during a rebalance',
  slides: [],
  seed: 429,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: PARTITIONS },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'Two groups, two protocols',
      narration:
        'Two groups read the same orders. “eager” uses the range assignor, “cooperative” the cooperative-sticky one. Three consumers each.',
      notes:
        'partition.assignment.strategy picks the protocol: RangeAssignor supports only EAGER; CooperativeStickyAssignor supports COOPERATIVE (KIP-429), and ConsumerCoordinator uses it when every listed assignor does. The Java default [range, cooperative-sticky] is still eager. Both groups get one record per partition every 500 ms.',
      commands: [
        eager('a'),
        coop('a'),
        apart,
        eager('b'),
        coop('b'),
        apart,
        eager('c'),
        coop('c'),
        { type: 'advance', ms: GROUP_FORMS_MS },
        ...steadyTraffic('producer', TOPIC, 2000, 0),
      ],
      claims: [
        groupIs(EAGER, 'Stable', 1),
        groupIs(COOP, 'Stable', 1),
        owns('eager-a', TOPIC, [0, 1]),
        owns('eager-b', TOPIC, [2]),
        owns('eager-c', TOPIC, [3]),
        owns('coop-a', TOPIC, [0, 3]),
        owns('coop-b', TOPIC, [1]),
        owns('coop-c', TOPIC, [2]),
        countsAre(0, 0),
      ],
    },
    {
      title: 'Who keeps reading?',
      narration:
        'b is about to crash in both groups. While each group rebalances, which one keeps processing orders?',
      notes:
        'Let the room guess. Both groups lose a member the same way, with the same session timeout (10 s on the stage); the only difference is partition.assignment.strategy.',
      predict: 'b crashes in both groups. Which group keeps processing records while it rebalances?',
      commands: [],
    },
    {
      title: 'b crashes: eager stops, cooperative reads on',
      narration:
        'After the session timeout both groups rebalance. Eager: a and c revoke everything first, so 0 records are read meanwhile. Cooperative: a and c keep their partitions and read 16 records; only b’s partition moves.',
      notes:
        'Eager: ConsumerCoordinator.onJoinPrepare revokes every owned partition (onPartitionsRevoked) before JoinGroup, so nothing is read until SyncGroup hands the new assignment back. Cooperative (KIP-429): onJoinPrepare revokes nothing; the members send their owned partitions in JoinGroup and the CooperativeStickyAssignor keeps them where they are. A crashed member owned its partitions alone, so nobody has to give anything up: one round is enough. The counters are what the engine counted while each member had a JoinGroup or SyncGroup outstanding. On the stage the eager pause is short; on a real group it lasts until the slowest member has rejoined (up to max.poll.interval.ms).',
      commands: [
        { type: 'killConsumer', consumer: 'eager-b' },
        { type: 'killConsumer', consumer: 'coop-b' },
        ...steadyTraffic('producer', TOPIC, FAILURE_MS, 1000),
      ],
      claims: [
        groupIs(EAGER, 'Stable', 2),
        groupIs(COOP, 'Stable', 2),
        owns('eager-a', TOPIC, [0, 1]),
        owns('eager-c', TOPIC, [2, 3]),
        { ...owns('coop-a', TOPIC, [0, 3]), text: 'coop-a kept P0 and P3' },
        { ...owns('coop-c', TOPIC, [1, 2]), text: 'coop-c kept P2 and took b’s P1' },
        countsAre(0, 16),
      ],
    },
    {
      title: 'How many rounds?',
      narration: 'd and e join both groups. How many rebalance rounds will each group need?',
      notes:
        'Now partitions must move away from members that are alive and reading. Eager does it in one stop-the-world round. Cooperative cannot hand a partition to d before its owner has let go of it.',
      predict: 'd and e join both groups. How many rebalance rounds (generations) does each group need?',
      commands: [],
    },
    {
      title: 'Scale out: one round or two',
      narration:
        'Eager: one round, everyone stops again. Cooperative: two rounds. First a and c give up only P3 and P2; then d and e get them. P0 and P1 are read throughout.',
      notes:
        'Round 1: the CooperativeStickyAssignor computes the target (one partition each) but withholds the partitions that change owner (adjustAssignment), so d and e get nothing yet. ConsumerCoordinator.onJoinComplete revokes only owned minus assigned, then calls requestRejoin("need to revoke partitions and re-join"): that is round 2, in which the freed partitions go to d and e. Two generations, and only P2 and P3 paused. kafka-consumer-groups --describe --members --verbose shows each member’s partitions after each round.',
      commands: [
        eager('d'),
        eager('e'),
        coop('d'),
        coop('e'),
        ...steadyTraffic('producer', TOPIC, SCALE_OUT_MS, 2000),
      ],
      claims: [
        { ...groupIs(EAGER, 'Stable', 3), text: 'eager rebalanced once more: generation 3' },
        { ...groupIs(COOP, 'Stable', 4), text: 'cooperative took two rounds: generation 4' },
        owns('eager-a', TOPIC, [0]),
        owns('eager-c', TOPIC, [1]),
        owns('eager-d', TOPIC, [2]),
        owns('eager-e', TOPIC, [3]),
        { ...owns('coop-a', TOPIC, [0]), text: 'coop-a kept P0 and gave up only P3' },
        { ...owns('coop-c', TOPIC, [1]), text: 'coop-c kept P1 and gave up only P2' },
        owns('coop-d', TOPIC, [2]),
        owns('coop-e', TOPIC, [3]),
        countsAre(0, 33),
      ],
    },
  ],
  view: { kind: 'rebalance-compare', topic: TOPIC, groups: [EAGER, COOP] },
  realCommands: [
    SCRIPT_NAMES_NOTE,
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 4',
    '# three terminals per group; the eager group uses the range assignor\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group eager \\\n  --command-property partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor',
    '# the cooperative group, cooperative-sticky (KIP-429)\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group cooperative \\\n  --command-property partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
    '# who owns what, per member, after each change (kill -9 one consumer of each group, then start two more)\nbin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group cooperative --members --verbose',
  ],
};

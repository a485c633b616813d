/**
 * Slide 40: "Replicate for fault tolerance". Broker A leads P0 and the others copy it. The classic acks=1
 * loss (KAFKA.md, "Replication"): the leader acknowledges, dies before any follower fetched the record, a
 * follower leads without it and the old leader truncates it on return. Then acks=all with
 * min.insync.replicas=2 under the same failure, which loses nothing.
 *
 * Three brokers, replication factor 3, where the slide draws two: with RF 2 and min.insync.replicas=2 a single
 * failure stops every acks=all write (NOT_ENOUGH_REPLICAS); RF 3 is what survives one failure and keeps
 * taking writes, as Kafka's docs recommend. Every link takes 5 ms so the timings can be read off the trace.
 *
 * Every failure here is a crash (kill -9), not a controlled shutdown: the KRaft controller fences a crashed
 * broker only when its session expires (broker.session.timeout.ms, 9 s), so each crash step runs past it.
 */

import type { BrokerId, Command, EngineState } from '../../engine';
import {
  BROKER_SESSION_TIMEOUT_MS,
  clusterGauges,
  keptRecords,
  PRODUCE_REQUEST_TIMEOUT_MS,
} from '../../engine';
import { ROUND_TRIP_MS } from '../helpers';
import { PROPERTY_FLAG_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'payments';
const A = 0;
const B = 1;
const C = 2;
const LINK_LATENCY_MS = 5;
/**
 * The gap between the two acks=1 sends: the second lands on the leader after it has answered the followers'
 * waiting fetches with the first, and before their next fetch arrives.
 */
const SECOND_SEND_GAP_MS = 1;
/** From the second send until its ✓ reaches the producer (two link hops and the first send's head start). */
const UNTIL_SECOND_ACK_MS = 2 * LINK_LATENCY_MS;
/** Long enough for a restarted replica to truncate, catch up and rejoin the ISR, with a margin. */
const CATCH_UP_MS = 100;
/** acks=all: produce, two rounds of follower fetches to move the high watermark, and the ✓ back. */
const ACKS_ALL_ROUND_TRIP_MS = 40;
/** A crash, then long enough for the controller to fence the silent broker and elect a new leader. */
const UNTIL_FENCED_MS = BROKER_SESSION_TIMEOUT_MS + ROUND_TRIP_MS;
/** Past request.timeout.ms (30 s): the unanswered acks=all request times out and is retried. */
const PAST_REQUEST_TIMEOUT_MS = PRODUCE_REQUEST_TIMEOUT_MS + 10 * ROUND_TRIP_MS;

const partition = (s: EngineState) => s.topics[TOPIC]?.partitions[0];

/** The values a replica holds, oldest first (a dead broker's disk keeps its log). */
const valuesOn = (s: EngineState, broker: BrokerId): string[] => {
  const log = partition(s)?.logs[broker];
  return log ? keptRecords(log).map((r) => r.value) : [];
};

const leaderIs = (broker: BrokerId): Claim => ({
  text: `the leader of P0 is broker ${broker}`,
  holds: (s) => partition(s)?.leader === broker,
});

const isrIs = (isr: BrokerId[]): Claim => ({
  text: `the ISR of P0 is [${isr.join(', ')}]`,
  holds: (s) => JSON.stringify(partition(s)?.isr) === JSON.stringify(isr),
});

const on = (value: string, brokers: BrokerId[]): Claim => ({
  text: `${value} is on brokers ${brokers.join(', ')}`,
  holds: (s) => brokers.every((b) => valuesOn(s, b).includes(value)),
});

const notOn = (value: string, brokers: BrokerId[]): Claim => ({
  text: `${value} is on none of brokers ${brokers.join(', ')}`,
  holds: (s) => brokers.every((b) => !valuesOn(s, b).includes(value)),
});

const fenced = (broker: BrokerId): Claim => ({
  text: `the controller has fenced broker ${broker} (its session expired)`,
  holds: (s) => s.brokers[broker]?.fenced === true,
});

const acked = (producer: string, count: number): Claim => ({
  text: `${producer} has been told ✓ for ${count} records`,
  holds: (s) => s.producers[producer]?.acked === count,
});

/**
 * What an operator's dashboard shows at a step (issue 21), each value following from Kafka's rules: P0 is
 * the only partition and has replicas on A, B and C, so a dead replica makes it under-replicated (ISR 2 < 3),
 * and a second one puts it under min.insync.replicas=2 (ISR 1 < 2).
 */
const gauges = (expected: { underReplicated: number; underMinIsr: number; offline: number }): Claim => ({
  text: `UnderReplicatedPartitions ${expected.underReplicated}, UnderMinIsrPartitionCount ${expected.underMinIsr}, OfflinePartitionsCount ${expected.offline}, ActiveControllerCount 1`,
  holds: (s) => {
    const g = clusterGauges(s);
    return (
      g.underReplicatedPartitions === expected.underReplicated &&
      g.underMinIsrPartitionCount === expected.underMinIsr &&
      g.offlinePartitionsCount === expected.offline &&
      g.activeControllerCount === 1
    );
  },
});

const leaderCounts = (counts: Record<BrokerId, number | null>): Claim => ({
  text: `LeaderCount per broker is ${JSON.stringify(counts)} (null: the broker is down)`,
  holds: (s) => JSON.stringify(clusterGauges(s).leaderCount) === JSON.stringify(counts),
});

/** The controller's cumulative election count and the leaders' refused produce requests since the start. */
const totals = (leaderElections: number, failedProduceRequests: number): Claim => ({
  text: `${leaderElections} leader elections and ${failedProduceRequests} failed produce requests so far`,
  holds: (s) =>
    s.metrics.leaderElections === leaderElections &&
    s.metrics.failedProduceRequests === failedProduceRequests,
});

const pay = (producer: string, key: string, value: string): Command => ({
  type: 'produce',
  producer,
  topic: TOPIC,
  key,
  value,
});

export const replication: Scene = {
  id: 'replication',
  title: 'Replicate for fault tolerance',
  slides: [40],
  seed: 40,
  setup: [
    {
      type: 'createCluster',
      brokers: 3,
      network: { latencyMinMs: LINK_LATENCY_MS, latencyMaxMs: LINK_LATENCY_MS },
    },
    {
      type: 'createTopic',
      topic: TOPIC,
      partitions: 1,
      config: { replicationFactor: 3, minInsyncReplicas: 2 },
      replicaAssignment: [[A, B, C]],
    },
    // The idempotent producer requires acks=all, so the acks=1 producer turns it off.
    { type: 'addProducer', producer: 'fast-app', acks: 1, idempotent: false, lingerMs: 0 },
    { type: 'addProducer', producer: 'safe-app', acks: 'all', idempotent: true, lingerMs: 0 },
    { type: 'advance', ms: ROUND_TRIP_MS },
  ],
  steps: [
    {
      title: 'One partition, three copies',
      narration:
        'Broker A leads partition P0. Brokers B and C follow: they keep fetching from A to copy its log. All three are in sync (the ISR).',
      notes:
        'The slide draws two brokers; we use three, replication factor 3, as production clusters do. Producers write only to the leader; followers fetch from it like consumers. The ISR (in-sync replicas) is the leader plus the followers caught up within replica.lag.time.max.ms (30 s).',
      commands: [],
      claims: [
        leaderIs(A),
        isrIs([A, B, C]),
        gauges({ underReplicated: 0, underMinIsr: 0, offline: 0 }),
        leaderCounts({ [A]: 1, [B]: 0, [C]: 0 }),
        totals(0, 0),
      ],
    },
    {
      title: 'Message, replicate, ✓',
      narration:
        'safe-app (acks=all) sends €10. A writes it, B and C copy it, the high watermark moves past it, and only then A answers ✓.',
      notes:
        'acks=all: the leader answers once every current ISR member has the record, that is once the high watermark passed it. The green line is the high watermark: consumers read only below it.',
      commands: [pay('safe-app', 'alice', '€10'), { type: 'advance', ms: ACKS_ALL_ROUND_TRIP_MS }],
      claims: [on('€10', [A, B, C]), acked('safe-app', 1)],
    },
    {
      title: 'Is an acks=1 ✓ safe?',
      narration:
        'fast-app uses acks=1: A answers ✓ as soon as it has written a record. If A dies right after its ✓, is the record safe?',
      notes:
        'Let the room vote. acks=1 means "the leader wrote it", nothing about the followers. The next steps run exactly that failure.',
      predict: 'The leader dies right after acknowledging with acks=1: is the record safe?',
      commands: [],
    },
    {
      title: 'acks=1: ✓ before the copies',
      narration:
        'fast-app sends €20, then €30 a moment later. A answers ✓ to both at once. B and C copied €20, but they have not fetched €30 yet.',
      notes:
        'B and C were waiting at A with a fetch; €20 answered it. €30 lands while their next fetch is still on the wire, so only A has it, and acks=1 already said ✓. The high watermark has not passed €30: no consumer has read it.',
      commands: [
        pay('fast-app', 'bob', '€20'),
        { type: 'advance', ms: SECOND_SEND_GAP_MS },
        pay('fast-app', 'carol', '€30'),
        { type: 'advance', ms: UNTIL_SECOND_ACK_MS },
      ],
      claims: [acked('fast-app', 2), on('€30', [A]), notOn('€30', [B, C]), on('€20', [A, B, C])],
    },
    {
      title: 'A crashes',
      narration:
        'A crashes (kill -9) right after its ✓. The controller hears nothing for 9 s; then it fences A and elects B, the first in-sync replica. B never got €30.',
      notes:
        'A crash, not a controlled shutdown: A sends no goodbye, its heartbeats just stop, and the controller fences it when broker.session.timeout.ms (9 s) runs out. Until then A is still the leader and in the ISR, and requests sent to it time out. (kafka-server-stop.sh would hand leadership over at once.) The controller picks the next leader from the ISR, in replica-list order, and bumps the leader epoch to 1. B and C were still in the ISR: lagging for a few milliseconds does not take a follower out. A’s disk still holds €30, but A is down.',
      commands: [
        { type: 'killBroker', broker: A },
        { type: 'advance', ms: UNTIL_FENCED_MS },
      ],
      claims: [
        fenced(A),
        leaderIs(B),
        isrIs([B, C]),
        notOn('€30', [B, C]),
        on('€30', [A]),
        // A replicated one partition: it is under-replicated (ISR 2 of 3) and B leads it after one election.
        gauges({ underReplicated: 1, underMinIsr: 0, offline: 0 }),
        leaderCounts({ [A]: null, [B]: 1, [C]: 0 }),
        totals(1, 0),
      ],
    },
    {
      title: 'Life goes on',
      narration: 'fast-app sends €40. B writes it at offset 2: the offset that held €30 on A.',
      notes:
        'The producer refreshed its metadata and now sends to B. Nothing on B or C remembers €30. Offset 2 now means €40 for every consumer.',
      commands: [pay('fast-app', 'dave', '€40'), { type: 'advance', ms: ROUND_TRIP_MS }],
      claims: [acked('fast-app', 3), on('€40', [B, C]), leaderIs(B)],
    },
    {
      title: 'A returns and truncates',
      narration:
        'A comes back as a follower. B’s fetch response says epoch 0 ended at offset 2, so A cuts €30 off and copies €40. €30 was acknowledged, and it is gone.',
      notes:
        'A fetches from B as a follower, saying its last epoch was 0; B’s fetch response carries a diverging epoch, “epoch 0 ended at offset 2” (leader epochs, KIP-101), so A truncates to 2 and fetches from there. Since Kafka 2.7 the follower learns this from the fetch response itself (the divergingEpoch field of KIP-595, used by replica fetchers since KAFKA-10554); older brokers first sent a separate OffsetsForLeaderEpoch request. Then A catches up and rejoins the ISR. This is the acks=1 loss: the ✓ only meant the leader had it.',
      commands: [
        { type: 'restartBroker', broker: A },
        { type: 'advance', ms: CATCH_UP_MS },
      ],
      claims: [
        notOn('€30', [A, B, C]),
        acked('fast-app', 3),
        on('€40', [A, B, C]),
        isrIs([A, B, C]),
        leaderIs(B),
        // A back in the ISR: healed, nothing under-replicated.
        gauges({ underReplicated: 0, underMinIsr: 0, offline: 0 }),
        leaderCounts({ [A]: 0, [B]: 1, [C]: 0 }),
      ],
    },
    {
      title: 'acks=all: ✓ after the copies',
      narration:
        'Now safe-app (acks=all) sends €50. B answers ✓ only after A and C have copied it: with min.insync.replicas=2, at least two copies exist before any ✓.',
      notes:
        'min.insync.replicas=2 is set on the topic. If the ISR were smaller than 2, an acks=all write would be refused with NOT_ENOUGH_REPLICAS instead of being acknowledged on one copy.',
      commands: [pay('safe-app', 'erin', '€50'), { type: 'advance', ms: ACKS_ALL_ROUND_TRIP_MS }],
      claims: [acked('safe-app', 2), on('€50', [A, B, C])],
    },
    {
      title: 'The same failure',
      narration:
        'B, the leader, crashes right after its ✓. 9 s later the controller fences it and elects A. A has €50, because the ✓ waited for it. Nothing acknowledged is lost.',
      notes:
        'Same crash as before: the leader dies just after answering, and the controller notices when its session expires. With acks=all and min.insync.replicas=2 on RF 3, an acknowledged record survives any single broker failure.',
      commands: [
        { type: 'killBroker', broker: B },
        { type: 'advance', ms: UNTIL_FENCED_MS },
      ],
      claims: [
        fenced(B),
        leaderIs(A),
        isrIs([A, C]),
        on('€50', [A, C]),
        on('€10', [A, C]),
        gauges({ underReplicated: 1, underMinIsr: 0, offline: 0 }),
        totals(2, 0),
      ],
    },
    {
      title: 'Down to one copy',
      narration:
        'C crashes too, but stays in the ISR for 9 s: A appends €60 and waits for C. Then C is fenced: €60 times out and its retry is refused (NOT_ENOUGH_REPLICAS). fast-app’s €70 (acks=1) is ✓ but unreadable.',
      notes:
        'A crash again, so C keeps its place in the ISR until its session expires: the acks=all write is not refused at once, it is appended to A and waits, and fails after request.timeout.ms (30 s) with REQUEST_TIMED_OUT. By then the ISR is [A], smaller than min.insync.replicas=2, so A refuses the retry before appending. The producer keeps retrying until the ISR grows back or delivery.timeout.ms (2 min) runs out. €60 sits on A’s log, never acknowledged and never readable. min.insync.replicas is not only about acks=all: since Kafka 3.7 (KAFKA-15583) the leader does not advance the high watermark while the ISR is below it, so the acks=1 write is appended and acknowledged but stays unreadable until the ISR grows back.',
      commands: [
        { type: 'killBroker', broker: C },
        pay('safe-app', 'frank', '€60'),
        pay('fast-app', 'grace', '€70'),
        { type: 'advance', ms: PAST_REQUEST_TIMEOUT_MS },
      ],
      claims: [
        fenced(C),
        isrIs([A]),
        {
          text: 'A appended €60 (C was still in the ISR when it arrived), and only A has it',
          holds: (s) => valuesOn(s, A).includes('€60') && !valuesOn(s, C).includes('€60'),
        },
        acked('safe-app', 2),
        acked('fast-app', 4),
        on('€70', [A]),
        {
          text: 'the high watermark has passed neither €60 nor €70: no consumer can read them',
          holds: (s) => {
            const p = partition(s);
            const log = p?.logs[A];
            const offsets = log
              ? keptRecords(log)
                  .filter((r) => r.value === '€60' || r.value === '€70')
                  .map((r) => r.offset)
              : [];
            return p !== undefined && offsets.length === 2 && offsets.every((o) => p.highWatermark <= o);
          },
        },
        // ISR [A] is below min.insync.replicas=2; A still leads, so P0 is not offline. €60's request timed out
        // waiting for C (a delayed produce's timeout is not a failed append), and its retry was refused
        // NOT_ENOUGH_REPLICAS: one failed produce request (ReplicaManager counts append failures).
        gauges({ underReplicated: 1, underMinIsr: 1, offline: 0 }),
        totals(2, 1),
      ],
    },
    {
      title: 'No in-sync replica left',
      narration:
        'A crashes just as B comes back. B is up but out of sync (no €60, no €70), so it may not lead: once A is fenced, P0 is offline until A returns, unless unclean leader election is on.',
      notes:
        'This is the classic ISR rule, which the simulator models: the controller elects a leader only from the ISR, which still names A alone (the last member stays in it), so P0 waits for A even though B is up. unclean.leader.election.enable is false by default (since 0.11): set it true and B may lead; P0 is back at once, and €70, acknowledged with acks=1, is lost with €60 (with an acks=all record beyond B’s log, that one too). Eligible Leader Replicas (KIP-966), on by default on new Kafka 4.1+ clusters, widen the clean choice: C left the ISR when it fell below min.insync.replicas=2, and since the high watermark cannot move while the ISR is that small, C has everything acknowledged with acks=all; the controller keeps C as an eligible leader replica and elects it cleanly once C is back. B left while the ISR was still 2, so it is not eligible: with ELR too, P0 waits here, for A or for C. (A KRaft controller quorum runs apart from the brokers in production; here it sits on a live broker.)',
      commands: [
        { type: 'killBroker', broker: A },
        { type: 'restartBroker', broker: B },
        { type: 'advance', ms: UNTIL_FENCED_MS },
      ],
      claims: [
        fenced(A),
        {
          text: 'B is up and not in the ISR: it never got €60 or €70',
          holds: (s) =>
            s.brokers[B]?.alive === true &&
            !partition(s)?.isr.includes(B) &&
            !valuesOn(s, B).includes('€60') &&
            !valuesOn(s, B).includes('€70'),
        },
        {
          text: 'P0 has no leader (offline), and its ISR still names A alone',
          holds: (s) => partition(s)?.leader === null && JSON.stringify(partition(s)?.isr) === '[0]',
        },
        gauges({ underReplicated: 0, underMinIsr: 0, offline: 1 }),
        acked('safe-app', 2),
      ],
    },
  ],
  view: {
    kind: 'brokers',
    topic: TOPIC,
    producers: ['fast-app', 'safe-app'],
    // A failure step ends a round trip after the controller acts (the fence, 9 s after a crash): rates over the
    // last 100 ms show its spike at the step's end, and the sparklines its place in the scene.
    metrics: { shown: true, rateWindowMs: 100 },
  },
  realCommands: [
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments \\\n  --partitions 1 --replication-factor 3 --config min.insync.replicas=2',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic payments\n# Topic: payments  Partition: 0  Leader: 0  Replicas: 0,1,2  Isr: 0,1,2',
    'bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments \\\n  --producer-property acks=1 --producer-property enable.idempotence=false',
    'bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments --producer-property acks=all',
    'bin/kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type topics --entity-name payments \\\n  --add-config min.insync.replicas=2',
    '# crash the leader (broker 0): kill -9 its process (or docker kill kafka-0); --describe again after 9 s (broker.session.timeout.ms).\n# bin/kafka-server-stop.sh and docker compose stop shut down cleanly (a controlled shutdown moves leadership first,\n# so no acks=1 record is lost), and kafka-server-stop without --node-id stops every broker on the machine',
    'bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic payments --under-replicated-partitions',
    PROPERTY_FLAG_NOTE,
  ],
};

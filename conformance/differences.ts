/**
 * Where the simulator (or a scene's text) and real Kafka differ, in two lists:
 * - DELIBERATE: differences the stage makes on purpose, each with its reason; a test that meets one says so
 *   with `deliberate(id)` and checks the rest.
 * - OPEN: real disagreements found by this suite and not fixed yet (the engine and the scenes belong to
 *   other work). A test that meets one calls `stillDiffers(id, stage, kafka)`: it passes only while the two
 *   still differ, so the day the simulator is fixed, that check fails and the entry must be removed.
 * Any difference not listed here fails the suite.
 */
import { expect } from 'vitest';

export interface Difference {
  readonly scene: string;
  readonly step: string;
  readonly stage: string;
  readonly kafka: string;
  readonly reason?: string;
}

export const DELIBERATE: Readonly<Record<string, Difference>> = {
  'topic-names-per-scene': {
    scene: 'every scene on topic orders',
    step: 'all',
    stage: 'each scene has its own cluster, so several scenes use the topic name orders',
    kafka:
      'the suite runs every scene on one cluster and renames orders to orders-<scene id>; group names shared by two scenes (analytics) are read per topic',
    reason: 'one cluster per suite keeps the suite within its time budget',
  },
  'replica-placement': {
    scene: 'group-coordinator, consume-groups, grouped-consumers, replication',
    step: 'setup',
    stage: 'the engine places replicas and leaders from its seed (or the scene gives them)',
    kafka:
      "KRaft's StripedReplicaPlacer starts at a random broker, so leaders and coordinators differ per run",
    reason:
      'the suite compares what placement decides (the coordinator is the leader of partition abs(hashCode(group)) % 50; the next leader is the first ISR member in replica order) instead of broker ids',
  },
  'kcat-stale-partition-count': {
    scene: 'produce-with-key',
    step: 'The producers still count 4',
    stage:
      "the librdkafka producer, still running after the growth to 6 partitions, hashes alice's cart over 4: P3",
    kafka:
      "not replayed with a running kcat: kcat reads piped input in blocks, so a line written to a running kcat is not sent until more input or EOF; the record is sent with kcat -p 3, the engine's partition, so the offsets that follow still compare",
    reason:
      "the Java console producer replays the same stale count for real (alice's and bob's carts stay on P1 and P2 after the alter); librdkafka's refresh interval (topic.metadata.refresh.interval.ms, 5 min) is the same rule",
  },
  'bootstrap-list': {
    scene: 'every scene',
    step: 'real commands',
    stage: '--bootstrap-server localhost:9092',
    kafka:
      'the suite passes its three brokers, 127.0.0.1:<port>,<port+2>,<port+4>, so a tool still reaches the cluster while one broker is killed',
    reason:
      "the suite's ports are configurable (KAFKA_STAGE_TEST_PORT) and must not collide with a developer's cluster",
  },
  'member-ids': {
    scene: 'consume-groups, grouped-consumers, group-coordinator',
    step: 'all',
    stage: 'members are named consumer-a, consumer-b... and sorted by that name for the Range assignor',
    kafka: 'member ids are <client id>-<random uuid>, so which console consumer gets P0-P1 is random',
    reason:
      "the suite compares the assignment's shape (how many partitions each member owns) and the offsets",
  },
  'modern-member-order': {
    scene: 'consumer-protocol',
    step: 'The sessions expire',
    stage:
      "the uniform assignor walks members in the order they joined, so the first survivor gets the dead member's first partition",
    kafka:
      'GroupSpecImpl walks a HashMap of random member ids (KIP-1082 UUIDs): which survivor gets which of the dead member’s partitions varies',
    reason:
      'the suite compares the epochs, the assignment by join order where only the count decides it (6 over 3), and stickiness after the crash (each survivor keeps what it had and gains one)',
  },
  'stage-timeouts': {
    scene: 'grouped-consumers',
    step: 'a consumer fails',
    stage: "the stage's consumers use session.timeout.ms 10000 so the failure plays out in seconds",
    kafka:
      'the shown command keeps the default session.timeout.ms 45000: the partitions move ~45 s after the kill',
    reason: "a shorter wait on stage; the scene's notes say so",
  },

  'rebalance-generation-count': {
    scene: 'cooperative-rebalance, poll-interval-and-static-members',
    step: 'every join',
    stage:
      "the stage's consumers join at the same instant (or a second apart), so a scale-out is one eager generation or two cooperative ones",
    kafka:
      'console consumers start seconds apart (a JVM each), so a group often forms or scales out through more generations (seen: cooperative survivors joined generations 4 to 8 after two consumers were started)',
    reason:
      'the suite checks what the protocol decides (eager survivors revoke everything; cooperative ones revoke only the partitions that move, then rejoin; a static restart keeps its generation) rather than generation numbers',
  },

  'sticky-run-length': {
    scene: 'produce-no-key',
    step: 'What current Kafka does (the sticky producer: batch.size 40, linger.ms 10, m12..m23)',
    stage: 'runs of 4 records per partition (0,0,0,0,2,2,2,2,0,0,0,0: 2 switches)',
    kafka:
      "Kafka 4.2.1's console producer with the same settings gave runs of 2 in one run (0,0,2,2,0,0,2,2,3,3,1,1: 5 switches) and of 4 in another (1,1,1,1,0,0,0,0,1,1,3,3): BuiltInPartitioner switches at batch.size only once the batch is ready, else at twice batch.size, so the run length depends on timing",
    reason:
      "the engine is deterministic; the suite checks the scene's claim (fewer than 6 switches) on the real run and prints both runs",
  },
  'share-start-offset-persisted': {
    scene: 'share-groups',
    step: 'Queues for Kafka',
    stage: 'the share-partition start offset (SPSO) moves the moment the records below it are done',
    kafka:
      "kafka-share-groups.sh --describe prints the SPSO the share coordinator last persisted in __share_group_state, which can trail the broker's in-memory one by the last acknowledgement (7 for 8 accepted records); its LAG counts the records done above it, so it is already 0",
    reason:
      'the engine has no persister; the suite checks LAG against the engine and START-OFFSET as at most the engine’s SPSO',
  },
  'share-batches-by-timing': {
    scene: 'share-groups',
    step: 'All three read P0',
    stage: 'three fetches acquire three records each, one consumer after the other',
    kafka:
      'a share fetch acquires whole record batches as they arrive, so which console share consumer gets which records depends on timing (in one run 6 records to one consumer and 2 to the other)',
    reason:
      'the engine is deterministic; the suite checks the claim that more than one member receives records of the one partition, each record once',
  },
  'cleaner-timing': {
    scene: 'log-compaction',
    step: 'The cleaner passes / The cleaner keeps the tombstone / The tombstone is gone',
    stage:
      "the cleaner's passes fall every 15 s of model time from the topic's creation (15 s, 30 s, 45 s...), so the tombstone's horizon is exactly 50 s",
    kafka:
      'a cleaner thread sleeps log.cleaner.backoff.ms (15 s) after a pass that found nothing, so its passes fall at a phase of their own and the horizon is the real pass time + delete.retention.ms',
    reason:
      'the suite waits for each pass and compares the offsets, keys and values that survive it, not the times',
  },
  'transaction-protocol-in-one-step': {
    scene: 'exactly-once',
    step: 'A transaction, Commit, An aborted transaction',
    stage:
      'InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn/TxnOffsetCommit and EndTxn are answered in the step they are made, by one coordinator for the cluster; the markers are written in that step',
    kafka:
      'each is a round trip to the coordinator (the leader of __transaction_state partition abs(hashCode(transactional.id)) % 50), and WriteTxnMarkers another to each partition leader',
    reason:
      'the scene draws the records, markers and offsets; the suite compares those (and the states and epochs kafka-transactions.sh describe prints), not the coordinator placement or the protocol round trips',
  },
  'sequences-across-epochs': {
    scene: 'exactly-once',
    step: 'An aborted transaction',
    stage: "a transactional producer's sequence numbers keep counting after EndTxn bumps its epoch",
    kafka: 'with transaction version 2 the producer restarts its sequence numbers at 0 with each new epoch',
    reason:
      'the stage shows one sequence per partition per producer; nothing the suite reads prints them for transactional batches',
  },
  'ksqldb-not-run': {
    scene: 'fraud-query, streaming-toolset, origins, streaming-giants, who-streams',
    step: 'real commands',
    stage: 'ksqlDB statements (the ksql CLI)',
    kafka:
      "not run: ksqlDB is not published on Maven Central (Confluent's own repository), and nothing else may be downloaded",
    reason:
      "no ksqlDB server here; the Kafka commands beside them (console consumer of POSSIBLE_FRAUD) need its output topic. The fraud query's semantics are still judged: conformance/fraud-streams.test.ts runs the Kafka Streams topology ksqlDB compiles it to (kafka/streams/FraudQuery.java) on the scene's input and compares every row with the engine's, for tumbling and hopping windows",
  },
};

/**
 * None open now. Found and fixed so far: the scenes showed --producer-property / --consumer-property with no
 * note, which Kafka 4.2.1 deprecates for --command-property (the note now says so).
 */
export const OPEN: Readonly<Record<string, Difference>> = {};

/** A test met a listed deliberate difference. */
export function deliberate(id: keyof typeof DELIBERATE) {
  expect(DELIBERATE[id], `deliberate difference ${id} is listed`).toBeDefined();
}

/** A listed open disagreement: passes only while stage and Kafka still differ. */
export function stillDiffers(id: keyof typeof OPEN, stage: unknown, kafka: unknown) {
  expect(OPEN[id], `open disagreement ${id} is listed`).toBeDefined();
  expect(
    kafka,
    `${id}: the stage now agrees with Kafka: remove it from OPEN in conformance/differences.ts`,
  ).not.toEqual(stage);
  console.warn(`OPEN ${id}: stage ${JSON.stringify(stage)} / kafka ${JSON.stringify(kafka)}`);
}

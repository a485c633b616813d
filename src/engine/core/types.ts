/**
 * The shape of the simulated Kafka. The engine's whole truth is a run, `{ seed, commands }`; an EngineState
 * is what replaying it gives (the app stores and sends runs, never states). A state holds no functions, and
 * no step changes what an earlier state can see, so it can be kept as a checkpoint and compared (trace.ts's
 * canonical). Two parts are not plain objects, for speed: a running ksql query's state is a persistent hash
 * map built of small classes (ksql/hamt.ts, which tells its nodes apart with instanceof, so a JSON round trip
 * would break it), and a replica log's record array is shared between states and grows at its end, each
 * state reading only up to its own logEndOffset (broker/log.ts).
 */

import type { ReplicaLog } from '../broker/log';
import type { ModernGroupsSlice } from '../consumer-protocol/types';
import type { GroupsSlice } from '../groups/types';
import type { KsqlRuntimeSlice } from '../ksql-runtime/types';
import type { QueuesSlice } from '../queue/types';
import type { ShareSlice } from '../share/types';
import type { TransactionsSlice } from '../transactions/types';
import type { Timer } from './protocol';
import type { Rng } from './rng';

export type BrokerId = number;

/** A node that sends or receives messages: `producer:<id>`, `broker:<id>`, `consumer:<id>`. */
export type NodeId = string;

export const brokerNode = (id: BrokerId): NodeId => `broker:${id}`;
export const producerNode = (id: string): NodeId => `producer:${id}`;
export const consumerNode = (id: string): NodeId => `consumer:${id}`;

/** The broker id of a `broker:<id>` node (NaN for any other node). */
export const brokerIdOf = (node: NodeId): BrokerId =>
  node.startsWith('broker:') ? Number(node.slice('broker:'.length)) : Number.NaN;

/**
 * A topic-partition as a map key, `topic/partition`, wherever the engine keys by partition (a consumer's
 * positions, a group's offsets, a producer's open batches, an assignor's claims). Topic names cannot hold a
 * '/' (Topic.validate), and a partition is a number, so the key is unambiguous.
 */
export type TpKey = string;

export const tpKey = (topic: string, partition: number): TpKey => `${topic}/${partition}`;

export interface NetworkConfig {
  /** One-way latency of a message, drawn uniformly from [min, max] on the seeded rng. */
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  /**
   * Broker configs that apply to the whole simulated cluster (replication/config.ts has Kafka's defaults).
   * replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR.
   */
  readonly replicaLagTimeMaxMs?: number;
  /** replica.fetch.wait.max.ms: how long a leader holds a follower's fetch that finds no new records. */
  readonly replicaFetchWaitMaxMs?: number;
  /** replica.fetch.max.bytes: at most this much per partition in one fetch response (at least one record). */
  readonly replicaFetchMaxBytes?: number;
  /** broker.session.timeout.ms (KRaft): the controller fences a broker it has not heard from for this long. */
  readonly brokerSessionTimeoutMs?: number;
}

export interface BrokerState {
  readonly id: BrokerId;
  readonly rack: string | null;
  readonly alive: boolean;
  /** Cut off from every other node (a network partition), though still running. */
  readonly isolated: boolean;
  /** Cut off from the controller and the other brokers only: clients still reach it (a split brain). */
  readonly isolatedFromPeers: boolean;
  /** The controller has fenced it (its session expired): out of every ISR, leads nothing (KRaft). */
  readonly fenced: boolean;
  /** Follower side: one replica fetcher per source broker (ReplicaFetcherThread), keyed by leader id. */
  readonly fetchers: Readonly<Record<BrokerId, ReplicaFetcherState>>;
  /** Leader side: follower fetches held until records arrive (DelayedFetch), keyed by follower id. */
  readonly heldFetches: Readonly<Record<BrokerId, HeldFetch>>;
}

/** A follower's fetcher for one leader: the fetch it has outstanding there (one at a time). */
export interface ReplicaFetcherState {
  readonly fetchId: string;
}

/** One partition of a follower's fetch request (FetchRequest.PartitionData). */
export interface FetchPartition {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: number;
  /** The epoch of the follower's last record; the leader checks it for divergence (KIP-595, KAFKA-10554). */
  readonly lastFetchedEpoch: number;
  readonly currentLeaderEpoch: number;
}

export interface HeldFetch {
  readonly fetchId: string;
  readonly partitions: readonly FetchPartition[];
  readonly heldSinceMs: number;
  /** When the leader answers even without records (to pass on a new high watermark); null: no timer. */
  readonly expiresAtMs: number | null;
}

/** The leader's view of one follower, learned from its fetches (Replica.updateFetchStateOrThrow). */
export interface FollowerFetchState {
  /** The follower's LEO as the leader knows it; -1 until its first fetch in this leader epoch. */
  readonly logEndOffset: number;
  readonly lastCaughtUpTimeMs: number;
  readonly lastFetchTimeMs: number;
  readonly lastFetchLeaderLogEndOffset: number;
}

/** One entry of a replica's leader-epoch cache (LeaderEpochFileCache): the epoch began at startOffset. */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

/** A reassignment in progress (KIP-455): the target replicas, the ones still catching up and the ones to drop. */
export interface Reassignment {
  readonly targetReplicas: readonly BrokerId[];
  readonly addingReplicas: readonly BrokerId[];
  readonly removingReplicas: readonly BrokerId[];
}

export interface TopicConfig {
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  /** retention.ms; null means keep forever (-1 in Kafka). */
  readonly retentionMs: number | null;
  /** retention.bytes per partition; null means unbounded (-1 in Kafka). */
  readonly retentionBytes: number | null;
  readonly segmentBytes: number;
  readonly uncleanLeaderElection: boolean;
  /*
   * The log cleaner's topic configs (compaction/config.ts has Kafka's defaults); optional so that a topic
   * without them is a plain cleanup.policy=delete topic, as before.
   */
  /** cleanup.policy: delete (retention), compact (the log cleaner), or both. */
  readonly cleanupPolicy?: CleanupPolicy;
  /** segment.ms: roll the active segment when a record comes this long after its first one; null: never. */
  readonly segmentMs?: number | null;
  /** min.cleanable.dirty.ratio: clean when dirty bytes / all bytes exceed it (0.5). */
  readonly minCleanableDirtyRatio?: number;
  /** min.compaction.lag.ms: a record stays uncompacted at least this long (0). */
  readonly minCompactionLagMs?: number;
  /** max.compaction.lag.ms: a dirty segment older than this is cleaned whatever the ratio; null: never. */
  readonly maxCompactionLagMs?: number | null;
  /** delete.retention.ms: how long a tombstone stays after the cleaning that reached it (1 day). */
  readonly deleteRetentionMs?: number;
}

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** The replica list; the first is the preferred leader. */
  readonly replicas: readonly BrokerId[];
  /** null while the partition is offline. */
  readonly leader: BrokerId | null;
  readonly leaderEpoch: number;
  readonly isr: readonly BrokerId[];
  readonly highWatermark: number;
  /** One log per replica, keyed by broker id. */
  readonly logs: Readonly<Record<BrokerId, ReplicaLog>>;
  /** Last sequence appended per producer id: the idempotent producer's dedup state (ProducerStateManager). */
  readonly producerSequences: Readonly<Record<string, ProducerSequenceState>>;
  /** acks=all requests appended and waiting for the high watermark to pass them (DelayedProduce). */
  readonly pendingAcks: readonly PendingAck[];
  /** The leader's view of each follower (reset when leadership moves). */
  readonly followers: Readonly<Record<BrokerId, FollowerFetchState>>;
  /** The high watermark each replica knows: the leader's own, followers' from fetch responses. */
  readonly replicaHighWatermarks: Readonly<Record<BrokerId, number>>;
  /** Each replica's leader-epoch cache (KIP-101), used to find where a returning replica diverged. */
  readonly leaderEpochCaches: Readonly<Record<BrokerId, readonly EpochEntry[]>>;
  readonly reassignment: Reassignment | null;
}

/** What the leader remembers of a producer's last batch, to answer a retried duplicate (ProducerStateEntry). */
export interface ProducerSequenceState {
  readonly lastSequence: number;
  readonly lastBaseSequence: number;
  readonly lastBaseOffset: number;
}

export interface PendingAck {
  readonly producer: string;
  readonly batchId: string;
  readonly attempt: number;
  readonly baseOffset: number;
  /** The offset after the batch's last record: acknowledged once highWatermark >= this. */
  readonly endOffset: number;
  readonly deadlineMs: number;
}

export interface TopicState {
  readonly name: string;
  readonly config: TopicConfig;
  readonly partitions: readonly PartitionState[];
}

export type Acks = 0 | 1 | 'all';

/** How a producer picks the partition of a record that has no key. */
export type KeylessStrategy = 'round-robin' | 'sticky';

/** Which client library: it decides how keys are hashed (Java murmur2, or librdkafka's CRC-32). */
export type ClientKind = 'java' | 'librdkafka';

export interface ProducerConfig {
  readonly client: ClientKind;
  readonly keyless: KeylessStrategy;
  readonly acks: Acks;
  readonly lingerMs: number;
  readonly batchSizeBytes: number;
  readonly maxInFlightRequests: number;
  readonly idempotent: boolean;
  /** request.timeout.ms: an unanswered produce request is given up on (and retried) after this. */
  readonly requestTimeoutMs: number;
  /** delivery.timeout.ms: a batch not acknowledged this long after its creation fails (KIP-91). */
  readonly deliveryTimeoutMs: number;
  readonly retryBackoffMs: number;
  /** Where a round-robin counter starts. Kafka starts it at a random int; a scene may pin it to 0. */
  readonly roundRobinStart: number | null;
  /**
   * metadata.max.age.ms (Java) / topic.metadata.refresh.interval.ms (librdkafka), both 5 min by default:
   * how long the producer trusts its last Metadata response, partition count included.
   */
  readonly metadataMaxAgeMs: number;
  /**
   * librdkafka's sticky.partitioning.linger.ms (10 ms by default since 1.6): keyless records stay on one
   * partition for this long; 0 gives a random partition per record. The Java client ignores it.
   */
  readonly stickyPartitioningLingerMs: number;
  /** transactional.id: set, the producer writes in transactions (transactions/); null by default. */
  readonly transactionalId: string | null;
}

export interface ProducerBatch {
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly PendingRecord[];
  readonly sizeBytes: number;
  readonly createdAtMs: number;
  /** First sequence number of the batch (idempotent producer), -1 otherwise. */
  readonly baseSequence: number;
  readonly attempts: number;
  /** The broker the last attempt went to (in-flight requests are counted per broker connection). */
  readonly sentTo?: BrokerId;
}

export interface PendingRecord {
  readonly id: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestampMs: number;
  readonly sizeBytes: number;
  /** A null value: a tombstone (broker/log.ts). */
  readonly tombstone?: true;
}

export interface ProducerTopicMetadata {
  readonly numPartitions: number;
  readonly fetchedAtMs: number;
}

export interface ProducerState {
  readonly id: string;
  readonly config: ProducerConfig;
  /** Per topic: the round-robin counter (DefaultPartitioner's AtomicInteger before 2.4). */
  readonly roundRobin: Readonly<Record<string, number>>;
  /** Per topic: the sticky partition and the bytes produced to it since the switch (KIP-794). */
  readonly sticky: Readonly<Record<string, { partition: number; bytes: number }>>;
  /** librdkafka, per topic: the keyless records' partition and when its sticky window opened. */
  readonly stickyWindow: Readonly<Record<string, { partition: number; sinceMs: number }>>;
  /**
   * Per topic: the partition count of the producer's last Metadata response and when it came. The producer
   * partitions over this count, not the topic's current one, until it refreshes (producer-metadata.ts).
   */
  readonly metadata: Readonly<Record<string, ProducerTopicMetadata>>;
  /** Open batches still filling, keyed `topic/partition`. */
  readonly open: Readonly<Record<string, ProducerBatch>>;
  /** Batches ready to send but held back by max.in.flight.requests.per.connection. */
  readonly ready: readonly ProducerBatch[];
  /** Batches sent and not yet answered, by batch id. */
  readonly inFlight: Readonly<Record<string, ProducerBatch>>;
  /** Next sequence number per `topic/partition` (idempotent producer). */
  readonly nextSequence: Readonly<Record<string, number>>;
  readonly acked: number;
  readonly failed: number;
}

/** What travels between nodes and what waits in the timer queue: typed unions by kind (protocol.ts). */
export type { Message, Timer } from './protocol';

export interface ClusterMetrics {
  readonly underReplicatedPartitions: number;
  readonly offlinePartitionsCount: number;
  readonly isrShrinks: number;
  readonly isrExpands: number;
  readonly leaderElections: number;
  readonly failedProduceRequests: number;
}

export interface EngineState {
  readonly seed: number;
  /** The logical clock, in ms. */
  readonly now: number;
  readonly rng: Rng;
  /** Source of ids and of the timers' tie-break order. */
  readonly nextSeq: number;
  readonly network: NetworkConfig;
  /**
   * Per link `from>to`: when its last message arrives. Kafka talks over one TCP connection per pair, so
   * messages on a link arrive in the order they were sent; a later message never overtakes.
   */
  readonly linkArrivals: Readonly<Record<string, number>>;
  readonly brokers: Readonly<Record<BrokerId, BrokerState>>;
  readonly controller: BrokerId | null;
  readonly topics: Readonly<Record<string, TopicState>>;
  readonly producers: Readonly<Record<string, ProducerState>>;
  readonly timers: readonly Timer[];
  readonly metrics: ClusterMetrics;
  /** Consumers and consumer groups (groups/). */
  readonly groups: GroupsSlice;
  /** Traditional queues, only for contrast with the log (queue/). */
  readonly queues: QueuesSlice;
  /** Persistent ksqlDB queries running on the cluster (ksql-runtime/). */
  readonly ksql: KsqlRuntimeSlice;
  /** Consumer groups of the consumer protocol, KIP-848 (consumer-protocol/). */
  readonly modernGroups: ModernGroupsSlice;
  /** Producer ids, the transaction coordinator and transactional clients (transactions/). */
  readonly transactions: TransactionsSlice;
  /** Share groups and their share-partitions (share/, KIP-932). */
  readonly share: ShareSlice;
}

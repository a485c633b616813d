/**
 * Defaults of the Java consumer (ConsumerConfig, CommonClientConfigs) and of the group coordinator
 * (GroupCoordinatorConfig), Kafka 3.x/4.x. Units last.
 */
import type { AssignorName } from './types';

/** partition.assignment.strategy: [RangeAssignor, CooperativeStickyAssignor] (ConsumerConfig.java:414). */
export const DEFAULT_ASSIGNORS: readonly AssignorName[] = ['range', 'cooperative-sticky'];
export const AUTO_COMMIT_INTERVAL_MS = 5000;
export const MAX_POLL_RECORDS = 500;
/** max.poll.interval.ms: also the rebalance timeout the Java consumer sends in JoinGroup. */
export const MAX_POLL_INTERVAL_MS = 300_000;
/** session.timeout.ms: 45 s since 3.0 (KIP-735). */
export const SESSION_TIMEOUT_MS = 45_000;
export const HEARTBEAT_INTERVAL_MS = 3000;
/** request.timeout.ms of the consumer. */
export const REQUEST_TIMEOUT_MS = 30_000;
export const RETRY_BACKOFF_MS = 100;
export const METADATA_MAX_AGE_MS = 300_000;
/** Not a Kafka config: how often the simulated app calls poll() and processes what it got. */
export const POLL_INTERVAL_MS = 100;

/** group.initial.rebalance.delay.ms (GroupCoordinatorConfig). */
export const INITIAL_REBALANCE_DELAY_MS = 3000;
/** offsets.topic.num.partitions and offsets.topic.replication.factor. */
export const OFFSETS_TOPIC = '__consumer_offsets';
export const OFFSETS_TOPIC_PARTITIONS = 50;
export const OFFSETS_TOPIC_REPLICATION_FACTOR = 3;
/** The client waits rebalance timeout + 5 s for a JoinGroup answer (ConsumerNetworkClient, JOIN_GROUP_REQUEST_EXTRA_TIMEOUT_MS). */
export const JOIN_GROUP_EXTRA_TIMEOUT_MS = 5000;

/**
 * The engine's front door: everything src/ui and src/scenarios may use, and nothing else (Biome's
 * noRestrictedImports keeps deep imports out). The engine is pure: a run `{ seed, commands }` gives states
 * and events through `step`, or through a `Timeline` that seeks along the run.
 *
 * The ksql compiler and processor are most of the engine's code and only the stream scenes use them, so they
 * are not exported here: `loadKsqlEngineModule()` brings them in a chunk of their own, and the engine it
 * gives is passed to `step`, `Timeline` and `replay` in their environment (`StepEnv`).
 */

export type { LogRecord, ReplicaLog } from './broker/log';
// Selectors: what the views read from a state.
export { keptRecords } from './broker/log';
// The run: commands in, events and errors out.
export type { Command } from './core/commands';
export type { StepEnv } from './core/env';
export type { EngineError, EngineEvent } from './core/events';
export { CHECKPOINT_EVERY, type Run, replay, type SeekResult, Timeline } from './core/history';
export { checkInvariants } from './core/invariants';
// The wire: messages (drawn in flight) and timers, as unions by kind, and the payloads views draw.
export type {
  CoreMessage,
  CoreTimer,
  Envelope,
  MessageKind,
  MessagePayloads,
  ProduceRequest,
  ProduceResponse,
  Timer,
  TimerEntry,
  TimerKind,
  TimerPayloads,
} from './core/protocol';
export { initialState, type StepResult, step } from './core/step';
export { formatTrace } from './core/trace';
export type {
  Acks,
  BrokerId,
  EngineState,
  FetchPartition,
  KeylessStrategy,
  Message,
  PendingRecord,
  ProducerConfig,
  TopicState,
} from './core/types';
// The state's shape.
export { brokerIdOf, brokerNode, tpKey } from './core/types';
export { coordinatorPartition, javaStringHashCode } from './groups/coordinator-partition';
export { type GroupFlow, groupCapacityPerSec, groupFlow } from './groups/flow';
export {
  type CoordinatorPicture,
  coordinatorPicture,
  groupMembers,
  type JoinPhase,
  joinPhase,
  type MemberPicture,
  sessionDeadlineAt,
} from './groups/group-picture';
export { allGroupLag, type GroupLagTotals, groupLag, groupLagTotals, type PartitionLag } from './groups/lag';
export { groupMembersAt, heartbeatsSent, type PollTimer, pollTimerAt } from './groups/member-picture';
export type {
  ConsumerFetchedPartition,
  ConsumerFetchPartition,
  FetchedOffset,
  GroupMessage,
  GroupTimer,
  JoinGroupResponse,
  MemberAnswer,
  MemberRequest,
  SyncGroupResponse,
} from './groups/protocol';
export {
  groupProtocol,
  type PartitionReader,
  type PartitionReading,
  partitionReadingSpans,
  processedWhileRebalancing,
  type ReadingSpan,
  type RebalanceRound,
  rebalanceRounds,
} from './groups/rebalance-picture';
export type { GroupStateName, TopicPartitionRef } from './groups/types';
export type { KsqlError } from './ksql/errors';
// Scene data that is itself engine output (the seeded fraud generator).
export { type AuthorizationAttempt, generateAuthorizationAttempts } from './ksql/generator';
export type { QueryShape } from './ksql-runtime/describe';
// The query engine, loaded on demand.
export { type KsqlEngine, needsKsqlEngine } from './ksql-runtime/engine-api';
export type { KsqlRuntimeTimer } from './ksql-runtime/protocol';
export { sinkKey, sinkKeyText } from './ksql-runtime/sink-key';
export type { PlacedRecord, RunningQuery } from './ksql-runtime/types';
export { QUERY_SETTLE_MS } from './ksql-runtime/types';
// The metrics an operator watches, under Kafka's JMX names (gauges from a state, rates from a window of events).
export {
  type ClusterGauges,
  clusterGauges,
  countEvents,
  DEFAULT_RATE_WINDOW_MS,
  type EventCounts,
  type GroupMetrics,
  groupMetrics,
  isUnderMinIsr,
} from './metrics/operator-metrics';
export { type BadWhen, type MetricReading, metricReadings } from './metrics/readings';
// Kafka's rules that a scene or a view names on the stage (where a key lands, who coordinates a group).
export { hashKey, partitionForKey } from './producer/partitioner';
export {
  METADATA_MAX_AGE_MS,
  producerMetadataStale,
  producerPartitionCount,
} from './producer/producer-metadata';
export type { QueueTimer } from './queue/protocol';
export {
  type AcknowledgedRecord,
  type BrokerDownReason,
  type ReplicationHistory,
  replicationHistory,
} from './replication/acknowledged';
export { BROKER_SESSION_TIMEOUT_MS, PRODUCE_REQUEST_TIMEOUT_MS } from './replication/config';
export type {
  FetchError,
  FetchedPartition,
  ReplicaFetchPayload,
  ReplicaFetchResponsePayload,
  ReplicationMessage,
  ReplicationTimer,
} from './replication/protocol';
export { type ReadableRecords, readableRecords } from './replication/read';
// Share groups (KIP-932): the share-partition's window, its records' states and who holds what.
export type { ShareTimer } from './share/protocol';
export {
  heldByMember,
  inFlightAt,
  shareGroup,
  shareLag,
  sharePartitionEndOffset,
  sharePartitionOf,
} from './share/selectors';
export {
  type AcknowledgeType,
  type AcquiredRecord,
  DEFAULT_SHARE_GROUP_CONFIG,
  type InFlightRecord,
  type ShareCommand,
  type ShareEvent,
  type ShareGroupConfig,
  type ShareGroupState,
  type SharePartitionState,
  type ShareRecordState,
} from './share/types';
// Producer ids and transactions: the coordinator's metadata, the markers, the last stable offset.
export { consumedRecords } from './transactions/consumed';
export {
  type IsolationLevel,
  lastStableOffsetOf,
  partitionLastStableOffset,
  type RecordTxnStatus,
  recordTxnStatuses,
  type TxnRange,
  transactionRanges,
} from './transactions/stable-offset';
export type {
  ClientTransactionState,
  MarkerType,
  ProducerIdAndEpoch,
  TransactionalClient,
  TransactionMetadata,
  TransactionState,
  TransactionsSlice,
} from './transactions/types';
export const loadKsqlEngineModule = () => import('./ksql-runtime/ksql-engine');
// The log cleaner (cleanup.policy=compact): a compacted partition's picture and the table it reads as.
export type { CleanableRange } from './compaction/cleaner';
export type { CompactionEvent } from './compaction/events';
export {
  type CompactionPicture,
  compactionPicture,
  type TableRow,
  tableOf,
} from './compaction/picture';
export type { SegmentInfo } from './compaction/segments';
export { modernGroupState } from './consumer-protocol/group-state';
export {
  classicRebalances,
  type PartitionReadingSpan,
  partitionReaders,
  unreadMs,
} from './consumer-protocol/timeline';
export {
  CONSUMER_HEARTBEAT_INTERVAL_MS,
  CONSUMER_SESSION_TIMEOUT_MS,
  type ModernConsumer,
  type ModernGroup,
  type ModernGroupState,
  type ModernMember,
  type ModernMemberState,
  type ServerAssignorName,
} from './consumer-protocol/types';

/**
 * Domain events: what happened, in the past tense, each at a logical time. They are what the views animate;
 * a view never infers Kafka behaviour that is not in an event or in the state.
 */

import type { CompactionEvent } from '../compaction/events';
import type { ModernGroupEvent } from '../consumer-protocol/types';
import type { GroupEvent } from '../groups/events';
import type { KsqlRuntimeEvent } from '../ksql-runtime/types';
import type { QueueEvent } from '../queue/types';
import type { ReplicationEvent } from '../replication/events';
import type { ShareEvent } from '../share/types';
import type { TransactionEvent } from '../transactions/types';
import type { BrokerId, Message } from './types';

export type PartitionRule =
  | { rule: 'explicit' }
  | { rule: 'key-murmur2'; hash: number; positive: number; numPartitions: number }
  | { rule: 'key-crc32'; crc: number; numPartitions: number }
  | { rule: 'random'; numPartitions: number }
  | { rule: 'sticky-window'; switched: boolean; windowStartMs: number; stickyLingerMs: number }
  | { rule: 'round-robin'; counter: number; numPartitions: number }
  | { rule: 'sticky'; switched: boolean; bytesOnPartition: number; batchSizeBytes: number };

/** Why a producer fetched metadata again: asked to, its metadata aged out, or a partition it did not know. */
export type MetadataRefreshReason = 'forced' | 'max-age' | 'unknown-partition';

export type EngineEvent = { atMs: number } & (
  | { type: 'clusterCreated'; brokers: BrokerId[]; controller: BrokerId }
  | { type: 'topicCreated'; topic: string; partitions: number; replicas: BrokerId[][] }
  | { type: 'partitionsAdded'; topic: string; from: number; to: number; replicas: BrokerId[][] }
  | { type: 'producerAdded'; producer: string }
  | { type: 'producerConfigured'; producer: string; changes: Record<string, unknown> }
  | {
      type: 'producerMetadataRefreshed';
      producer: string;
      topic: string;
      from: number;
      to: number;
      reason: MetadataRefreshReason;
    }
  | {
      type: 'partitionChosen';
      producer: string;
      recordId: string;
      topic: string;
      key: string | null;
      partition: number;
      how: PartitionRule;
    }
  | { type: 'batchCreated'; producer: string; batchId: string; topic: string; partition: number }
  | { type: 'messageSent'; message: Message }
  | { type: 'messageLost'; message: Message; reason: string }
  | {
      type: 'recordAppended';
      topic: string;
      partition: number;
      offset: number;
      broker: BrokerId;
      recordId: string;
      key: string | null;
      value: string;
      tombstone?: true;
    }
  | {
      type: 'duplicateDropped';
      topic: string;
      partition: number;
      producer: string;
      sequence: number;
      recordId: string;
    }
  | { type: 'highWatermarkAdvanced'; topic: string; partition: number; from: number; to: number }
  | {
      type: 'produceAcked';
      producer: string;
      batchId: string;
      topic: string;
      partition: number;
      baseOffset: number;
      count: number;
    }
  | {
      type: 'produceFailed';
      producer: string;
      batchId: string;
      topic: string;
      partition: number;
      /** Kafka's error name (NOT_ENOUGH_REPLICAS, TimeoutException ...). */
      error: string;
      retriable: boolean;
      /** The exception's message when there is one, e.g. a batch expired by delivery.timeout.ms. */
      message?: string;
    }
  | { type: 'produceRetried'; producer: string; batchId: string; attempt: number }
  | {
      type: 'segmentsDeleted';
      topic: string;
      partition: number;
      broker: BrokerId;
      logStartOffset: number;
      reason: 'retention.ms' | 'retention.bytes';
    }
  | { type: 'brokerKilled'; broker: BrokerId }
  | { type: 'brokerShutDown'; broker: BrokerId }
  | { type: 'brokerRestarted'; broker: BrokerId }
  | { type: 'brokerIsolated'; broker: BrokerId }
  | { type: 'brokerHealed'; broker: BrokerId }
  | { type: 'topicConfigChanged'; topic: string; changes: Record<string, unknown> }
  | { type: 'clockAdvanced'; from: number; to: number }
  | GroupEvent
  | ReplicationEvent
  | QueueEvent
  | ShareEvent
  | KsqlRuntimeEvent
  | ModernGroupEvent
  | CompactionEvent
  | TransactionEvent
);

export type EngineEventType = EngineEvent['type'];

/** An error as a value, named by Kafka's error code; the state is left unchanged. */
export interface EngineError {
  code:
    | 'UNKNOWN_TOPIC_OR_PARTITION'
    | 'TOPIC_ALREADY_EXISTS'
    | 'INVALID_PARTITIONS'
    | 'INVALID_REPLICATION_FACTOR'
    | 'INVALID_REQUEST'
    | 'INVALID_CONFIG'
    | 'UNKNOWN_PRODUCER'
    | 'BROKER_NOT_AVAILABLE'
    | 'CLUSTER_NOT_CREATED'
    /** Transactions: a newer instance took the transactional.id over; an operation out of order. */
    | 'PRODUCER_FENCED'
    | 'INVALID_TXN_STATE'
    /** ksqlDB refused a statement (its REST API's statement_error). */
    | 'KSQL_STATEMENT_ERROR'
    /** ksqlDB is still starting: here, the app has not loaded the query engine yet (engine-api.ts). */
    | 'KSQL_NOT_READY'
    /** A share consumer acknowledged a record it does not hold (SharePartition.acknowledge). */
    | 'INVALID_RECORD_STATE';
  message: string;
  /** Where a ksqlDB statement error points, 1-based, and what the parser would have accepted there. */
  line?: number;
  column?: number;
  expected?: string[];
}

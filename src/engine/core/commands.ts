/**
 * Commands: what a scene or a presenter can do, in Kafka's verbs, as plain data. A run is a seed and a list
 * of these; it fits in a URL or localStorage and replays byte for byte.
 */
import type { ModernGroupCommand } from '../consumer-protocol/types';
import type { GroupCommand } from '../groups/commands';
import type { KsqlRuntimeCommand } from '../ksql-runtime/types';
import type { QueueCommand } from '../queue/types';
import type { ReplicationCommand } from '../replication/commands';
import type { ShareCommand } from '../share/types';
import type { TransactionCommand } from '../transactions/types';
import type { Acks, BrokerId, ClientKind, KeylessStrategy, NetworkConfig, TopicConfig } from './types';

export type Command =
  | CoreCommand
  | GroupCommand
  | ReplicationCommand
  | QueueCommand
  | KsqlRuntimeCommand
  | ModernGroupCommand
  | TransactionCommand
  | ShareCommand;

export type CoreCommand =
  | { type: 'createCluster'; brokers: number; racks?: string[]; network?: Partial<NetworkConfig> }
  | {
      type: 'createTopic';
      topic: string;
      partitions: number;
      config?: Partial<TopicConfig>;
      /** Explicit replica lists per partition; otherwise Kafka's rack-unaware placement draws them. */
      replicaAssignment?: BrokerId[][];
    }
  | { type: 'addPartitions'; topic: string; partitions: number }
  | {
      type: 'addProducer';
      producer: string;
      client?: ClientKind;
      keyless?: KeylessStrategy;
      acks?: Acks;
      lingerMs?: number;
      batchSizeBytes?: number;
      maxInFlightRequests?: number;
      idempotent?: boolean;
      roundRobinStart?: number | null;
      requestTimeoutMs?: number;
      deliveryTimeoutMs?: number;
      metadataMaxAgeMs?: number;
      stickyPartitioningLingerMs?: number;
      /** transactional.id: the producer must call initTransactions before its first transaction. */
      transactionalId?: string;
    }
  | {
      type: 'configureProducer';
      producer: string;
      keyless?: KeylessStrategy;
      acks?: Acks;
      lingerMs?: number;
      client?: ClientKind;
      idempotent?: boolean;
    }
  | {
      type: 'produce';
      producer: string;
      topic: string;
      key?: string | null;
      value: string;
      partition?: number;
      headers?: Record<string, string>;
      /** A null value (Kafka's tombstone): `value` is then ignored and stored as ''. */
      tombstone?: true;
    }
  /**
   * The producer fetches metadata now, as it would after metadata.max.age.ms: a scene uses it to show the
   * refresh without waiting 5 minutes of model time.
   */
  | { type: 'refreshProducerMetadata'; producer: string }
  /** Sends every open batch now, as KafkaProducer.flush() does. */
  | { type: 'flush'; producer: string }
  /** Moves the logical clock forward, firing every timer that falls due on the way. */
  | { type: 'advance'; ms: number }
  /** A crash (kill -9, power loss): the controller notices only when the broker's session expires (9 s). */
  | { type: 'killBroker'; broker: BrokerId }
  /** A controlled shutdown (SIGTERM, kafka-server-stop.sh): leadership moves away first, then it stops. */
  | { type: 'shutdownBroker'; broker: BrokerId }
  | { type: 'restartBroker'; broker: BrokerId }
  | { type: 'isolateBroker'; broker: BrokerId }
  | { type: 'healBroker'; broker: BrokerId }
  | { type: 'setTopicConfig'; topic: string; config: Partial<TopicConfig> };

export type CommandType = Command['type'];

/** Events of consumers and groups (issue 4); each gets `atMs` from the engine. */
import type { BrokerId } from '../core/types';
import type { AssignorName, GroupStateName, OffsetResetStrategy, TopicPartitionRef } from './types';

/** Error codes of the group protocol, as Kafka names them (Errors.java). */
export type GroupErrorCode =
  | 'NONE'
  | 'COORDINATOR_NOT_AVAILABLE'
  | 'NOT_COORDINATOR'
  | 'MEMBER_ID_REQUIRED'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'FENCED_INSTANCE_ID'
  | 'GROUP_ID_NOT_FOUND';

export type MemberRemovedReason = 'session timeout' | 'left group' | 'not rejoined in time' | 'replaced';

export type GroupEvent =
  | { type: 'consumerAdded'; consumer: string; group: string; topics: string[]; assignors: AssignorName[] }
  | { type: 'consumerKilled'; consumer: string; group: string }
  | { type: 'consumerClosed'; consumer: string; group: string }
  | { type: 'consumerRestarted'; consumer: string; group: string }
  | { type: 'consumerPaused'; consumer: string; group: string }
  | { type: 'consumerResumed'; consumer: string; group: string }
  | { type: 'consumerFailed'; consumer: string; group: string; error: GroupErrorCode }
  | { type: 'subscriptionChanged'; consumer: string; group: string; topics: string[] }
  | { type: 'coordinatorFound'; consumer: string; group: string; coordinator: BrokerId }
  | { type: 'coordinatorLost'; consumer: string; group: string; coordinator: BrokerId; reason: string }
  /** A broker took over a group: it loaded it from __consumer_offsets (GroupMetadataManager.loadGroup). */
  | { type: 'groupLoaded'; group: string; coordinator: BrokerId; coordinatorEpoch: number }
  /** The client decided to rejoin (AbstractCoordinator.requestRejoin), and why. */
  | { type: 'rejoinRequested'; consumer: string; group: string; reason: string }
  | {
      type: 'memberJoined';
      group: string;
      memberId: string;
      consumer: string;
      groupInstanceId: string | null;
    }
  | {
      type: 'groupStateChanged';
      group: string;
      from: GroupStateName;
      to: GroupStateName;
      generationId: number;
      reason: string;
    }
  | { type: 'groupLeaderChosen'; group: string; generationId: number; memberId: string; consumer: string }
  | {
      type: 'assignmentComputed';
      group: string;
      generationId: number;
      assignor: AssignorName;
      /** The leader that ran the assignor. */
      consumer: string;
      assignment: Record<string, TopicPartitionRef[]>;
      /** memberId -> consumer, to label the assignment. */
      consumers: Record<string, string>;
    }
  | {
      type: 'partitionsAssigned';
      consumer: string;
      group: string;
      generationId: number;
      partitions: TopicPartitionRef[];
    }
  | {
      type: 'partitionsRevoked';
      consumer: string;
      group: string;
      generationId: number;
      partitions: TopicPartitionRef[];
      reason: 'eager rebalance' | 'cooperative rebalance' | 'close' | 'subscription changed';
    }
  /** Lost, not revoked: the member was fenced, so it may not commit them (onPartitionsLost, KIP-429). */
  | {
      type: 'partitionsLost';
      consumer: string;
      group: string;
      partitions: TopicPartitionRef[];
      reason: string;
    }
  | { type: 'sessionExpired'; group: string; memberId: string; consumer: string; sessionTimeoutMs: number }
  | { type: 'memberRemoved'; group: string; memberId: string; consumer: string; reason: MemberRemovedReason }
  | { type: 'pollTimeoutExpired'; consumer: string; group: string; maxPollIntervalMs: number }
  | {
      type: 'offsetsFetched';
      consumer: string;
      group: string;
      offsets: { topic: string; partition: number; committedOffset: number | null }[];
    }
  | {
      type: 'offsetReset';
      consumer: string;
      group: string;
      topic: string;
      partition: number;
      offset: number;
      strategy: OffsetResetStrategy;
    }
  | {
      type: 'recordsFetched';
      consumer: string;
      group: string;
      broker: BrokerId;
      topic: string;
      partition: number;
      fromOffset: number;
      count: number;
      highWatermark: number;
    }
  | {
      type: 'recordProcessed';
      consumer: string;
      group: string;
      topic: string;
      partition: number;
      offset: number;
      recordId: string;
      /** The group had processed this offset before: an at-least-once duplicate. */
      redelivered: boolean;
    }
  | {
      type: 'offsetCommitted';
      group: string;
      consumer: string;
      memberId: string;
      generationId: number;
      topic: string;
      partition: number;
      offset: number;
    }
  | { type: 'offsetCommitFailed'; group: string; consumer: string; error: GroupErrorCode };

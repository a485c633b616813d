/**
 * The new consumer group protocol (KIP-848, group.protocol=consumer, GA in Kafka 4.0): the group as its
 * coordinator holds it (ConsumerGroup, ConsumerGroupMember in group-coordinator/.../modern/consumer/) and
 * the consumers as their client sees them (ConsumerMembershipManager). "modern" is Kafka's own name for
 * the package holding both the consumer and the share group protocols. Plain immutable data.
 */
import type { TpKey } from '../core/types';
import type { TopicPartitionRef } from '../groups/types';

/** group.consumer.heartbeat.interval.ms (GroupCoordinatorConfig): the broker tells members when to beat. */
export const CONSUMER_HEARTBEAT_INTERVAL_MS = 5000;
/** group.consumer.session.timeout.ms: the client may not set session.timeout.ms under this protocol. */
export const CONSUMER_SESSION_TIMEOUT_MS = 45_000;
/** request.timeout.ms of the Java consumer: a heartbeat without an answer by then counts as lost. */
export const HEARTBEAT_REQUEST_TIMEOUT_MS = 30_000;
/** auto.commit.interval.ms of the Java consumer. */
export const AUTO_COMMIT_INTERVAL_MS = 5000;

/** group.remote.assignor / group.consumer.assignors: the broker's assignors; uniform is the default. */
export type ServerAssignorName = 'uniform' | 'range';

/** MemberState (modern/consumer/MemberState.java), the coordinator's view of a member's reconciliation. */
export type ModernMemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS';

/** ConsumerGroup.ConsumerGroupState, derived from the epochs and the members' states (groupState()). */
export type ModernGroupState = 'EMPTY' | 'ASSIGNING' | 'RECONCILING' | 'STABLE';

/** A member as the coordinator holds it (ConsumerGroupMember). */
export interface ModernMember {
  readonly memberId: string;
  /** The client id: the consumer's name in the simulator. */
  readonly consumer: string;
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: ModernMemberState;
  readonly subscribedTopics: readonly string[];
  /** The partitions the member may own now, ascending. */
  readonly assigned: readonly TopicPartitionRef[];
  /** Partitions it must give up before it may move to the next epoch. */
  readonly pendingRevocation: readonly TopicPartitionRef[];
  readonly sessionDeadlineMs: number;
}

/** A consumer group of the consumer protocol, as its coordinator holds it (ConsumerGroup). */
export interface ModernGroup {
  readonly groupId: string;
  /** Bumped whenever membership, subscriptions or the subscribed topics' partitions change. */
  readonly groupEpoch: number;
  /** The group epoch the target assignment was computed for. */
  readonly assignmentEpoch: number;
  readonly assignor: ServerAssignorName;
  /** In the order they joined: the order the assignors walk them (Kafka walks a HashMap of UUIDs). */
  readonly memberOrder: readonly string[];
  readonly members: Readonly<Record<string, ModernMember>>;
  readonly target: Readonly<Record<string, readonly TopicPartitionRef[]>>;
  /** Which member holds each partition (assigned or pending revocation), and at which epoch. */
  readonly partitionOwners: Readonly<Record<TpKey, { readonly memberId: string; readonly epoch: number }>>;
  /** The partition counts of the subscribed topics when the group epoch was last bumped. */
  readonly partitionCounts: Readonly<Record<string, number>>;
  readonly offsets: Readonly<Record<TpKey, number>>;
  readonly heartbeatIntervalMs: number;
  readonly sessionTimeoutMs: number;
  /** The coordinator (leader of the group's __consumer_offsets partition) and its leader epoch. */
  readonly coordinator: number | null;
  readonly coordinatorEpoch: number;
}

export type ModernConsumerStatus = 'joining' | 'stable' | 'reconciling' | 'dead' | 'closed';

/** A consumer with group.protocol=consumer, as its client sees itself (ConsumerMembershipManager). */
export interface ModernConsumer {
  readonly id: string;
  readonly group: string;
  readonly topics: readonly string[];
  readonly assignor: ServerAssignorName | null;
  readonly autoOffsetReset: 'earliest' | 'latest';
  readonly pollIntervalMs: number;
  readonly maxPollRecords: number;
  /** Bumped on restart: answers and timers of an earlier life are ignored. */
  readonly incarnation: number;
  readonly status: ModernConsumerStatus;
  /** Chosen by the client (KIP-1082) and kept across its rejoins. */
  readonly memberId: string;
  /** The epoch the coordinator gave it last; 0 to join, -1 to leave. */
  readonly memberEpoch: number;
  readonly owned: readonly TopicPartitionRef[];
  readonly positions: Readonly<Record<TpKey, number>>;
  /** One ConsumerGroupHeartbeat in flight at most (HeartbeatRequestManager); when it was sent. */
  readonly inFlightSinceMs: number | null;
  /** When the next heartbeat is due (the interval restarts at each answer). */
  readonly nextHeartbeatMs: number;
  readonly heartbeatIntervalMs: number;
  /** enable.auto.commit: the next poll at or after this commits the positions (auto.commit.interval.ms 5 s). */
  readonly nextAutoCommitMs: number;
}

export interface ModernGroupsSlice {
  readonly groups: Readonly<Record<string, ModernGroup>>;
  readonly consumers: Readonly<Record<string, ModernConsumer>>;
}

export const initialModernGroupsSlice: ModernGroupsSlice = { groups: {}, consumers: {} };

export type ModernGroupCommand =
  /** A consumer with group.protocol=consumer subscribes and sends its first heartbeat (epoch 0). */
  | {
      type: 'addModernConsumer';
      consumer: string;
      group: string;
      topics: string[];
      /** group.remote.assignor: the broker's assignor to use; without it the broker's default, uniform. */
      assignor?: ServerAssignorName;
      autoOffsetReset?: 'earliest' | 'latest';
      pollIntervalMs?: number;
      maxPollRecords?: number;
    }
  /** The process dies: no leave heartbeat, no commit; the coordinator notices after the session timeout. */
  | { type: 'killModernConsumer'; consumer: string }
  /** close(): commits, revokes everything and sends a heartbeat with epoch -1 (leave). */
  | { type: 'closeModernConsumer'; consumer: string };

type Tp = TopicPartitionRef;

export type ModernGroupEvent =
  | { type: 'modernConsumerAdded'; consumer: string; group: string; memberId: string }
  | { type: 'modernConsumerKilled'; consumer: string; group: string }
  | { type: 'modernConsumerClosed'; consumer: string; group: string }
  | { type: 'modernGroupEpochBumped'; group: string; groupEpoch: number; reason: string }
  | {
      type: 'modernTargetAssignmentComputed';
      group: string;
      assignmentEpoch: number;
      assignor: ServerAssignorName;
      target: Record<string, Tp[]>;
    }
  | {
      type: 'modernMemberReconciled';
      group: string;
      memberId: string;
      consumer: string;
      memberEpoch: number;
      state: ModernMemberState;
      assigned: Tp[];
      pendingRevocation: Tp[];
    }
  | { type: 'modernMemberRemoved'; group: string; memberId: string; consumer: string; reason: string }
  | {
      type: 'modernPartitionsRevoked';
      consumer: string;
      group: string;
      memberEpoch: number;
      partitions: Tp[];
    }
  | {
      type: 'modernPartitionsAssigned';
      consumer: string;
      group: string;
      memberEpoch: number;
      partitions: Tp[];
    }
  | { type: 'modernPartitionsLost'; consumer: string; group: string; partitions: Tp[]; reason: string }
  | {
      type: 'modernRecordsRead';
      consumer: string;
      group: string;
      topic: string;
      partition: number;
      fromOffset: number;
      toOffset: number;
    }
  | {
      type: 'modernOffsetCommitted';
      consumer: string;
      group: string;
      topic: string;
      partition: number;
      offset: number;
    };

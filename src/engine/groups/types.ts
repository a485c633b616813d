/**
 * Consumer groups' slice of the engine state: the consumers (client side), the groups as their coordinator
 * holds them (broker side, with the committed offsets), and the simulator's own record of what each group
 * has processed, which is how at-least-once duplicates become visible. Plain immutable data.
 */
import type { BrokerId, TpKey } from '../core/types';

export type GroupStateName = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** partition.assignment.strategy, by the names the Java assignors register (ConsumerPartitionAssignor.name). */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

export type OffsetResetStrategy = 'earliest' | 'latest';

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

// The key format is the engine's one (core/types.ts); groups re-export it where their state uses it.
export { type TpKey, tpKey } from '../core/types';

/** The consumer configs the simulator honours; names as in ConsumerConfig, units last. */
export interface ConsumerConfig {
  readonly topics: readonly string[];
  /** In preference order; Java's default is [range, cooperative-sticky] (ConsumerConfig.java:414). */
  readonly assignors: readonly AssignorName[];
  readonly autoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  /** With auto-commit off: the app calls commitSync() after processing each poll's records. */
  readonly commitAfterProcessing: boolean;
  readonly maxPollRecords: number;
  /** The app's loop: one poll() plus processing of what it returned, every this many ms of logical time. */
  readonly pollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly autoOffsetReset: OffsetResetStrategy;
  readonly groupInstanceId: string | null;
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly metadataMaxAgeMs: number;
  /** isolation.level: read_committed reads up to the last stable offset and skips aborted records. */
  readonly isolationLevel: 'read_uncommitted' | 'read_committed';
}

/**
 * The client's view of its membership (AbstractCoordinator.MemberState, plus the simulator's terminal
 * states): unjoined, joining (JoinGroup sent), syncing (SyncGroup sent), stable.
 */
export type ConsumerStatus = 'unjoined' | 'joining' | 'syncing' | 'stable' | 'closed' | 'dead' | 'failed';

export interface BufferedRecord {
  readonly offset: number;
  readonly recordId: string;
}

export interface InFlightFetch {
  readonly broker: BrokerId;
  readonly sentAtMs: number;
}

export interface ConsumerState {
  readonly id: string;
  readonly group: string;
  readonly config: ConsumerConfig;
  /** Bumped on restart: answers and timers of an earlier life are ignored. */
  readonly incarnation: number;
  readonly status: ConsumerStatus;
  readonly paused: boolean;
  readonly coordinator: BrokerId | null;
  /** FindCoordinator goes to live brokers in turn; this picks the next. */
  readonly findAttempt: number;
  /**
   * When each unanswered request counts as lost, by the kind of request (findCoordinator, joinGroup,
   * offsetCommit...): request.timeout.ms, or longer for a JoinGroup. Each request has its own timeout
   * (NetworkClient), so an answer to one never extends another: a JoinGroup lost while a commit is answered
   * still times out, and the member looks for its coordinator again.
   */
  readonly requestDeadlines: Readonly<Record<string, number>>;
  readonly memberId: string;
  readonly generationId: number;
  readonly assignor: AssignorName | null;
  readonly isLeader: boolean;
  /** A rejoin is due as soon as the coordinator is known (AbstractCoordinator.rejoinNeeded). */
  readonly rejoinNeeded: boolean;
  /** The partitions it owns now. */
  readonly owned: readonly TopicPartitionRef[];
  /** What it owned before its last eager revocation: the StickyAssignor's userData. */
  readonly previousAssignment: readonly TopicPartitionRef[];
  /** Next offset to process per owned partition; absent until OffsetFetch (or a reset) answers. */
  readonly positions: Readonly<Record<TpKey, number>>;
  readonly buffer: Readonly<Record<TpKey, readonly BufferedRecord[]>>;
  readonly fetching: Readonly<Record<TpKey, InFlightFetch>>;
  /** An OffsetFetch for partitions without a position is on its way. */
  readonly offsetFetchInFlight: boolean;
  readonly nextAutoCommitMs: number;
  readonly lastPollMs: number;
  /** The leader's partition counts when it assigned (ConsumerCoordinator.assignmentSnapshot); else null. */
  readonly assignmentSnapshot: Readonly<Record<string, number>> | null;
  readonly nextMetadataRefreshMs: number;
}

/** A member as the coordinator knows it (ClassicGroupMember). */
export interface GroupMember {
  readonly memberId: string;
  /** The client id: the consumer's name in the simulator. */
  readonly consumer: string;
  /** Which life of the client process the connection belongs to: where parked answers go. */
  readonly clientIncarnation: number;
  readonly groupInstanceId: string | null;
  readonly topics: readonly string[];
  readonly assignors: readonly AssignorName[];
  /** From the subscription: the partitions it owns (KIP-429) and its previous assignment (sticky userData). */
  readonly ownedPartitions: readonly TopicPartitionRef[];
  readonly previousPartitions: readonly TopicPartitionRef[];
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly sessionDeadlineMs: number;
  /** A JoinGroup of this member is parked until the join phase completes. */
  readonly awaitingJoin: boolean;
  /** A SyncGroup of this member is parked until the leader's assignment arrives. */
  readonly awaitingSync: boolean;
}

export interface CommittedOffset {
  readonly offset: number;
  /** When this offset was first committed (a commit of the same offset again changes nothing). */
  readonly commitTimestampMs: number;
  readonly memberId: string;
}

/** A group as its coordinator holds it (ClassicGroup). */
export interface ClassicGroup {
  readonly groupId: string;
  readonly state: GroupStateName;
  readonly generationId: number;
  /** The protocol (assignor) chosen for the current generation. */
  readonly assignor: AssignorName | null;
  readonly leaderId: string | null;
  /** In the order they were added: the next leader is the first of them (ClassicGroup.remove). */
  readonly memberIds: readonly string[];
  /** Ids handed out with MEMBER_ID_REQUIRED, not yet joined with (KIP-394). */
  readonly pendingMemberIds: readonly string[];
  readonly members: Readonly<Record<string, GroupMember>>;
  /** Each member's share from the last SyncGroup of the leader. */
  readonly assignment: Readonly<Record<string, readonly TopicPartitionRef[]>>;
  /** The broker that loaded the group, and the __consumer_offsets leader epoch it loaded it in. */
  readonly coordinator: BrokerId | null;
  readonly coordinatorEpoch: number;
  /** Bumped when a join phase starts, so a stale join deadline timer is ignored. */
  readonly rebalanceRound: number;
  readonly rebalanceStartedMs: number;
  /** group.initial.rebalance.delay.ms is running (InitialDelayedJoin); a new member extends it. */
  readonly initialDelay: boolean;
  readonly newMemberDuringDelay: boolean;
  readonly offsets: Readonly<Record<TpKey, CommittedOffset>>;
}

export interface GroupsSlice {
  readonly consumers: Readonly<Record<string, ConsumerState>>;
  readonly groups: Readonly<Record<string, ClassicGroup>>;
  /**
   * Not Kafka state: per group and partition, the offset after the highest record the group has processed,
   * so a record processed again is flagged `redelivered`.
   */
  readonly processed: Readonly<Record<string, Readonly<Record<TpKey, number>>>>;
  /**
   * Not Kafka state: per group, how many records its members processed while rebalancing (JoinGroup or
   * SyncGroup sent, no new assignment yet). An eager member has revoked everything by then, so it reads
   * nothing; a cooperative one keeps reading what it owns (KIP-429). A scene shows the difference with it.
   */
  readonly processedWhileRebalancing: Readonly<Record<string, number>>;
}

export const initialGroupsSlice: GroupsSlice = {
  consumers: {},
  groups: {},
  processed: {},
  processedWhileRebalancing: {},
};

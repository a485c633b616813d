/**
 * The group protocol's wire (the classic consumer group protocol) and the consumer fetch: requests a
 * consumer sends, the coordinator's and the leader's answers, and the timers of both sides. See
 * core/protocol.ts for how modules' kinds make up the engine's Message and Timer unions.
 */
import type { Envelope, MessageOf, NoPayload, TimerEntry, TimerOf } from '../core/protocol';
import type { BrokerId } from '../core/types';
import type { MemberSubscription } from './assign';
import type { GroupErrorCode } from './events';
import type { AssignorName, BufferedRecord, GroupMember, TopicPartitionRef } from './types';

/** What every request of a member to its coordinator carries (and every answer echoes). */
export interface MemberRequest {
  readonly group: string;
  /** Which run of the client sent it: an answer to a killed and restarted consumer's request is ignored. */
  readonly incarnation: number;
  readonly memberId: string;
  readonly generationId: number;
}

/** The fields of each request a member sends its coordinator, besides the MemberRequest ones. */
export interface MemberRequestFields {
  /** The subscription metadata and timeouts the coordinator keeps for the member (types.ts GroupMember). */
  readonly joinGroup: Pick<
    GroupMember,
    | 'groupInstanceId'
    | 'topics'
    | 'assignors'
    | 'ownedPartitions'
    | 'previousPartitions'
    | 'sessionTimeoutMs'
    | 'rebalanceTimeoutMs'
  >;
  /** The leader's SyncGroup carries the assignment it computed; a follower's carries none. */
  readonly syncGroup: { readonly assignments?: Readonly<Record<string, readonly TopicPartitionRef[]>> };
  readonly heartbeat: NoPayload;
  readonly leaveGroup: NoPayload;
  readonly offsetCommit: {
    readonly offsets: readonly {
      readonly topic: string;
      readonly partition: number;
      readonly offset: number;
    }[];
  };
  readonly offsetFetch: { readonly partitions: readonly TopicPartitionRef[] };
}

export type MemberRequestKind = keyof MemberRequestFields;

/** A coordinator's answer to a member: the request's group, incarnation, member id and generation, and an error. */
export interface MemberAnswer extends MemberRequest {
  readonly error: GroupErrorCode;
}

export interface JoinGroupResponse extends MemberAnswer {
  readonly assignor?: AssignorName | null;
  readonly leaderId?: string | null;
  /** Every member's subscription, for the leader only (it computes the assignment). */
  readonly members?: readonly MemberSubscription[];
}

export interface SyncGroupResponse extends MemberAnswer {
  readonly assignment?: readonly TopicPartitionRef[];
}

/** The fields of each coordinator answer to a member, besides the group and incarnation. */
export interface MemberAnswerFields {
  readonly joinGroupResponse: Omit<JoinGroupResponse, 'group' | 'incarnation'>;
  readonly syncGroupResponse: Omit<SyncGroupResponse, 'group' | 'incarnation'>;
  readonly leaveGroupResponse: Omit<MemberAnswer, 'group' | 'incarnation'>;
}

export type MemberAnswerKind = keyof MemberAnswerFields;

/** One partition of a consumer's Fetch. */
export interface ConsumerFetchPartition {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: number;
}

/** One partition of the leader's answer to a consumer's Fetch: records below the high watermark. */
export interface ConsumerFetchedPartition extends ConsumerFetchPartition {
  readonly error: string | null;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: readonly BufferedRecord[];
  /**
   * Where the next fetch starts when it is past the last record handed over: the read skipped transaction
   * markers or aborted records (transactions/). Absent when nothing was skipped.
   */
  readonly nextFetchOffset?: number;
}

/** A committed offset as OffsetFetch answers it: null when the group has none for the partition. */
export interface FetchedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly committedOffset: number | null;
}

interface ClientAddress {
  readonly group: string;
  readonly incarnation: number;
}

export interface GroupMessagePayloads {
  readonly findCoordinator: ClientAddress;
  readonly findCoordinatorResponse: ClientAddress &
    (
      | { readonly error: 'NONE'; readonly coordinator: BrokerId }
      | { readonly error: 'COORDINATOR_NOT_AVAILABLE'; readonly coordinator: null }
    );
  readonly joinGroup: MemberRequest & MemberRequestFields['joinGroup'];
  readonly joinGroupResponse: JoinGroupResponse;
  readonly syncGroup: MemberRequest & MemberRequestFields['syncGroup'];
  readonly syncGroupResponse: SyncGroupResponse;
  readonly heartbeat: MemberRequest;
  readonly heartbeatResponse: MemberAnswer;
  readonly leaveGroup: MemberRequest;
  readonly leaveGroupResponse: MemberAnswer;
  readonly offsetCommit: MemberRequest & MemberRequestFields['offsetCommit'];
  readonly offsetCommitResponse: MemberAnswer;
  readonly offsetFetch: MemberRequest & MemberRequestFields['offsetFetch'];
  readonly offsetFetchResponse: Omit<MemberAnswer, 'memberId'> & {
    readonly offsets: readonly FetchedOffset[];
  };
  readonly fetch: ClientAddress & {
    readonly maxRecords: number;
    readonly partitions: readonly ConsumerFetchPartition[];
    /** isolation.level=read_committed; absent for read_uncommitted, the consumer's default. */
    readonly isolationLevel?: 'read_committed';
  };
  // A mutable array type only so that views written against the untyped wire may still cast it.
  readonly fetchResponse: ClientAddress & { readonly partitions: ConsumerFetchedPartition[] };
}

/** A client timer: for one run (incarnation) of one consumer. */
export interface ClientTimer {
  readonly consumer: string;
  readonly incarnation: number;
}

/** A coordinator timer: valid only while the coordinator that set it, in that epoch, still holds the group. */
interface CoordinatorTimer {
  readonly group: string;
  readonly coordinator: BrokerId | null;
  readonly epoch: number;
}

export interface GroupTimerPayloads {
  readonly consumerPoll: ClientTimer;
  readonly consumerHeartbeat: ClientTimer;
  readonly consumerRetry: ClientTimer;
  readonly groupSessionCheck: CoordinatorTimer & { readonly memberId: string };
  readonly groupJoinDeadline: CoordinatorTimer & { readonly round: number };
}

export type GroupMessage = MessageOf<GroupMessagePayloads>;
export type GroupTimer = TimerOf<GroupTimerPayloads>;

/** The message of one kind, as its handler receives it. */
export type GroupMessageOf<K extends keyof GroupMessagePayloads> = Envelope<K, GroupMessagePayloads[K]>;

/** The timer of one kind, as its handler receives it. */
export type GroupTimerOf<K extends keyof GroupTimerPayloads> = TimerEntry<K, GroupTimerPayloads[K]>;

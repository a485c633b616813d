/**
 * The consumer protocol's wire: one request, ConsumerGroupHeartbeat, and its answer (KIP-848). There is
 * no JoinGroup, SyncGroup or LeaveGroup: joining is a heartbeat with epoch 0, leaving one with epoch -1,
 * and the assignment rides on the answers. See core/protocol.ts for how modules' kinds make up the unions.
 */
import type { MessageOf, TimerOf } from '../core/protocol';
import type { TopicPartitionRef } from '../groups/types';
import type { ServerAssignorName } from './types';

/** ConsumerGroupHeartbeatRequestData, the fields the simulator uses. */
export interface ConsumerGroupHeartbeatRequest {
  readonly group: string;
  readonly consumer: string;
  readonly incarnation: number;
  readonly memberId: string;
  /** 0 joins, -1 leaves, otherwise the epoch the member is at. */
  readonly memberEpoch: number;
  readonly subscribedTopics: readonly string[];
  readonly serverAssignor: ServerAssignorName | null;
  /** What the member owns right now: how the coordinator learns a revocation is done. */
  readonly ownedPartitions: readonly TopicPartitionRef[];
}

export type HeartbeatErrorCode = 'NONE' | 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID';

/** ConsumerGroupHeartbeatResponseData: the member's epoch, the interval, and its assignment when it changed. */
export interface ConsumerGroupHeartbeatResponse {
  readonly group: string;
  readonly consumer: string;
  readonly incarnation: number;
  readonly error: HeartbeatErrorCode;
  readonly memberEpoch: number;
  readonly heartbeatIntervalMs: number;
  /** Null when the assignment did not change since the member's last heartbeat. */
  readonly assignment: readonly TopicPartitionRef[] | null;
}

export interface ModernMessagePayloads {
  readonly consumerGroupHeartbeat: ConsumerGroupHeartbeatRequest;
  readonly consumerGroupHeartbeatResponse: ConsumerGroupHeartbeatResponse;
}

export interface ModernTimerPayloads {
  /** The client's heartbeat is due (dueMs tells a current timer from one the interval moved past). */
  readonly modernHeartbeatDue: {
    readonly consumer: string;
    readonly incarnation: number;
    readonly dueMs: number;
  };
  /** The coordinator's session timer of a member (GroupMetadataManager.scheduleConsumerGroupSessionTimeout). */
  readonly modernSessionTimeout: {
    readonly group: string;
    readonly memberId: string;
    readonly deadlineMs: number;
  };
  /** The application's poll loop. */
  readonly modernPoll: { readonly consumer: string; readonly incarnation: number };
}

export type ModernMessage = MessageOf<ModernMessagePayloads>;
export type ModernMessageOf<K extends keyof ModernMessagePayloads> = MessageOf<ModernMessagePayloads, K>;
export type ModernTimer = TimerOf<ModernTimerPayloads>;

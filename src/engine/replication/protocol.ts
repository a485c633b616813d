/**
 * Replication's wire: a follower's fetch and the leader's answer (the inter-broker Fetch API), and the
 * timers of held fetches, broker sessions and ISR expiration. See core/protocol.ts for how modules' kinds
 * make up the engine's Message and Timer unions.
 */
import type { LogRecord } from '../broker/log';
import type { MessageOf, NoPayload, TimerOf } from '../core/protocol';
import type { BrokerId, FetchPartition } from '../core/types';

export type FetchError =
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'FENCED_LEADER_EPOCH'
  | 'UNKNOWN_LEADER_EPOCH'
  | 'OFFSET_OUT_OF_RANGE';

/** One partition of a fetch response (FetchResponseData.PartitionData). */
export interface FetchedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly records: readonly LogRecord[];
  /** The offset the records were read from (the first record may be past it where the cleaner left a gap). */
  readonly fetchOffset?: number;
  readonly error?: FetchError;
  /** Set when the follower's log diverged from the leader's (KIP-595): truncate, then fetch again. */
  readonly divergingEpoch?: { epoch: number; endOffset: number };
}

export interface ReplicaFetchPayload {
  readonly fetchId: string;
  readonly partitions: readonly FetchPartition[];
}

export interface ReplicaFetchResponsePayload {
  readonly fetchId: string;
  readonly partitions: readonly FetchedPartition[];
}

export interface ReplicationMessagePayloads {
  readonly replicaFetch: ReplicaFetchPayload;
  readonly replicaFetchResponse: ReplicaFetchResponsePayload;
}

export interface ReplicationTimerPayloads {
  /** A held fetch is answered to pass on a new high watermark (replica.fetch.wait.max.ms). */
  readonly replicaFetchExpired: {
    readonly leader: BrokerId;
    readonly follower: BrokerId;
    readonly fetchId: string;
  };
  /** broker.session.timeout.ms ran out: the controller fences the broker (KRaft). */
  readonly brokerSessionExpired: { readonly broker: BrokerId };
  /** ReplicaManager's isr-expiration task. */
  readonly isrExpirationCheck: NoPayload;
}

export type ReplicationMessage = MessageOf<ReplicationMessagePayloads>;
export type ReplicationTimer = TimerOf<ReplicationTimerPayloads>;

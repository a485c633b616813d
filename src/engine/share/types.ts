/**
 * Share groups (KIP-932, "queues for Kafka", production-ready in Kafka 4.2): every member of a share group
 * may read the same partition. The broker keeps, per share-partition, a window of in-flight records from the
 * share-partition start offset (SPSO) to the end offset (SPEO), each with a state, a delivery count and, while
 * acquired, the member holding it and when its acquisition lock runs out.
 * Source: core/src/main/java/kafka/server/share/SharePartition.java and
 * server/src/main/java/org/apache/kafka/server/share/fetch/InFlightState.java (Kafka 4.x).
 */

/** RecordState.java: AVAILABLE(0), ACQUIRED(1), ACKNOWLEDGED(2), ARCHIVED(4). */
export type ShareRecordState = 'AVAILABLE' | 'ACQUIRED' | 'ACKNOWLEDGED' | 'ARCHIVED';

/** AcknowledgeType.java: what a share consumer says about a record it holds. */
export type AcknowledgeType = 'ACCEPT' | 'RELEASE' | 'REJECT';

export interface InFlightRecord {
  readonly offset: number;
  readonly state: ShareRecordState;
  /** How many times the record has been acquired (InFlightState.deliveryCount). */
  readonly deliveryCount: number;
  /** The member holding it while ACQUIRED; null otherwise. */
  readonly memberId: string | null;
  /** When the acquisition lock runs out (ACQUIRED only); null otherwise. */
  readonly lockExpiresAtMs: number | null;
}

/**
 * One share-partition. The in-flight records are contiguous from startOffset: the record at offset o is
 * inFlight[o - startOffset]. Kafka's endOffset (SPEO, inclusive) is startOffset + inFlight.length - 1 while
 * records are in flight (sharePartitionEndOffset in selectors.ts).
 */
export interface SharePartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly startOffset: number;
  readonly inFlight: readonly InFlightRecord[];
}

export interface ShareGroupConfig {
  /** group.share.delivery.count.limit (broker), default 5: a record reaching it is archived. */
  readonly deliveryCountLimit: number;
  /** share.record.lock.duration.ms (group) / group.share.record.lock.duration.ms (broker), default 30 s. */
  readonly recordLockDurationMs: number;
  /** group.share.partition.max.record.locks (broker), default 2000: the in-flight window's size limit. */
  readonly partitionMaxRecordLocks: number;
  /** share.auto.offset.reset (group), default latest: where a new share-partition's SPSO starts. */
  readonly autoOffsetReset: 'earliest' | 'latest';
}

export const DEFAULT_SHARE_GROUP_CONFIG: ShareGroupConfig = {
  deliveryCountLimit: 5,
  recordLockDurationMs: 30_000,
  partitionMaxRecordLocks: 2000,
  autoOffsetReset: 'latest',
};

export interface ShareGroupState {
  readonly groupId: string;
  readonly config: ShareGroupConfig;
  /** Members in join order, each with the topics it subscribed to. */
  readonly members: Readonly<
    Record<string, { readonly memberId: string; readonly topics: readonly string[] }>
  >;
  /** Share-partitions by `topic/partition`, created on the first fetch of a member (SharePartitionManager). */
  readonly partitions: Readonly<Record<string, SharePartitionState>>;
}

export interface ShareSlice {
  readonly groups: Readonly<Record<string, ShareGroupState>>;
}

export const initialShareSlice: ShareSlice = { groups: {} };

export const shareKey = (topic: string, partition: number) => `${topic}/${partition}`;

export type ShareCommand =
  /** kafka-configs.sh --entity-type groups (and the broker's group.share.* settings); creates the group if new. */
  | { type: 'setShareGroupConfig'; group: string; config: Partial<ShareGroupConfig> }
  /** A KafkaShareConsumer subscribes (ShareGroupHeartbeat): every member may read every subscribed partition. */
  | { type: 'joinShareGroup'; group: string; member: string; topics: readonly string[] }
  /** The member leaves (close): the records it holds are released (SharePartition.releaseAcquiredRecords). */
  | { type: 'leaveShareGroup'; group: string; member: string }
  /** A ShareFetch: acquire up to maxRecords records across the member's partitions. */
  | { type: 'shareFetch'; group: string; member: string; maxRecords: number }
  /** A ShareAcknowledge of records the member holds. */
  | {
      type: 'shareAcknowledge';
      group: string;
      member: string;
      topic: string;
      partition: number;
      offsets: readonly number[];
      acknowledgeType: AcknowledgeType;
    };

/** A record handed to a member: what the console share consumer prints with print.delivery=true. */
export interface AcquiredRecord {
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
  readonly deliveryCount: number;
}

export type ShareEvent =
  | { type: 'shareGroupConfigured'; group: string; config: ShareGroupConfig }
  | { type: 'shareMemberJoined'; group: string; member: string }
  | {
      type: 'shareMemberLeft';
      group: string;
      member: string;
      /** What it held, released: per share-partition, each offset with the state it went to. */
      released: readonly {
        topic: string;
        partition: number;
        outcomes: readonly { offset: number; state: ShareRecordState }[];
      }[];
    }
  | {
      type: 'sharePartitionInitialized';
      group: string;
      topic: string;
      partition: number;
      startOffset: number;
    }
  | {
      type: 'shareRecordsAcquired';
      group: string;
      member: string;
      topic: string;
      partition: number;
      records: readonly AcquiredRecord[];
      lockExpiresAtMs: number;
    }
  | {
      type: 'shareRecordsAcknowledged';
      group: string;
      member: string;
      topic: string;
      partition: number;
      acknowledgeType: AcknowledgeType;
      /** Each offset with the state it went to (a RELEASE at the limit archives). */
      outcomes: readonly { offset: number; state: ShareRecordState }[];
    }
  | {
      type: 'shareLockTimedOut';
      group: string;
      member: string;
      topic: string;
      partition: number;
      outcomes: readonly { offset: number; state: ShareRecordState }[];
    }
  | {
      type: 'shareStartOffsetMoved';
      group: string;
      topic: string;
      partition: number;
      from: number;
      to: number;
    };

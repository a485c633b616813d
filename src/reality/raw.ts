/**
 * What one poll of the bridge read from the cluster: Kafka's own responses (the fields of Metadata v12,
 * DescribeConfigs v4, ListOffsets v9, ListGroups v5, DescribeGroups v5,
 * ConsumerGroupDescribe v0, OffsetFetch v9), with 64-bit offsets as numbers and byte fields as hex, so a
 * poll can be recorded to JSON (src/reality/fixtures/) and mapped to a RealSnapshot without Node or Kafka.
 */
import type { ClusterOrigin, RealRecord, RealTopic } from './protocol';

export interface RawMetadataPartition {
  errorCode: number;
  partitionIndex: number;
  /** -1: no leader. */
  leaderId: number;
  leaderEpoch: number;
  replicaNodes: number[];
  isrNodes: number[];
  offlineReplicas: number[];
}

export interface RawMetadata {
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  clusterId: string | null;
  controllerId: number;
  topics: {
    errorCode: number;
    name: string;
    /** Fetch v13+ names a topic by its id. */
    topicId: string;
    isInternal: boolean;
    partitions: RawMetadataPartition[];
  }[];
}

export interface RawPartitionOffsets {
  topic: string;
  partition: number;
  /** ListOffsets with timestamp -2 (earliest) and -1 (latest: the high watermark); null if it failed. */
  logStartOffset: number | null;
  highWatermark: number | null;
}

/**
 * One replica's log end offset: ListOffsets (latest) sent to the replica's own broker with replica id -2
 * (Kafka's DEBUGGING_REPLICA_ID), which answers the local log's end instead of the high watermark.
 * (DescribeLogDirs cannot give it: its offset_lag is max(local high watermark - LEO, 0), almost always 0.)
 */
export interface RawReplicaLogEnd {
  broker: number;
  topic: string;
  partition: number;
  logEndOffset: number;
}

export interface RawClassicGroup {
  groupId: string;
  errorCode: number;
  groupState: string;
  protocolType: string;
  /** The chosen assignor's name (range, roundrobin, cooperative-sticky...). */
  protocolData: string;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    /** The ConsumerProtocolAssignment bytes, hex. */
    memberAssignment: string;
  }[];
}

export interface RawConsumerGroup {
  groupId: string;
  errorCode: number;
  groupState: string;
  assignorName: string;
  members: {
    memberId: string;
    instanceId: string | null;
    clientId: string;
    clientHost: string;
    assignment: { topicPartitions: { topicName: string; partitions: number[] }[] };
  }[];
}

export interface RawGroups {
  /** ListGroups v5 from every live broker, with the group type Kafka reports. */
  listed: { groupId: string; groupType: string; groupState: string; protocolType: string }[];
  coordinators: Record<string, number>;
  classic: RawClassicGroup[];
  consumer: RawConsumerGroup[];
  /** OffsetFetch v9 per group: committed offset per topic and partition (-1: none). */
  committed: {
    groupId: string;
    topics: { name: string; partitions: { partitionIndex: number; committedOffset: number }[] }[];
  }[];
}

/**
 * DescribeQuorum of __cluster_metadata: the KRaft controller quorum. Its leader is the active controller (a
 * Metadata response's controllerId is not: in KRaft, brokers answer it with a random live broker's id).
 */
export interface RawQuorum {
  leaderId: number;
  leaderEpoch: number;
  voters: number[];
}

/** One poll: every field null when that request failed (the mapping says so in `unavailable`). */
export interface RawPoll {
  metadata: RawMetadata;
  quorum: RawQuorum | null;
  configs: Record<string, Record<string, string>> | null;
  offsets: RawPartitionOffsets[];
  /** null: no broker answered (the mapping then says so in `unavailable`). */
  replicaLogEnds: RawReplicaLogEnd[] | null;
  groups: RawGroups | null;
  /** The newest records per partition, already decoded from their batches. */
  newest: { topic: string; partition: number; records: RealRecord[] }[];
  /** Why a request failed, in words, for `unavailable`. */
  failures: string[];
}

/** The project's own cluster's nodes as scripts/kafka recorded them (pids.json). */
export interface LocalNode {
  id: number;
  pid: number;
  /** "host:port" of its broker listener; absent on a controller-only node. */
  broker?: string;
}

export interface MappingContext {
  seq: number;
  at: number;
  bootstrap: string;
  origin: ClusterOrigin;
  connectedSince: number;
  /** Only for origin 'local'. */
  localNodes: LocalNode[];
  /** Brokers drawn in the previous snapshot: a broker that left the metadata keeps its address. */
  previousBrokers: { id: number; host: string; port: number; rack: string | null }[];
  /** Topics of the previous snapshot: a partition whose leader did not answer keeps its last offsets. */
  previousTopics?: RealTopic[];
  /** How many newest records per partition to keep (--records). */
  records: number;
}

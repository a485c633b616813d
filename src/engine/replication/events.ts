/** Events of replication (issue 5); each gets `atMs` from the engine. */
import type { BrokerId } from '../core/types';

/** Why the controller chose a leader (or none). */
export type ElectionKind = 'clean' | 'unclean' | 'preferred' | 'reassignment';

export type ProduceErrorCode =
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'REQUEST_TIMED_OUT'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  /** A fenced transactional producer's batch (transactions/). */
  | 'INVALID_PRODUCER_EPOCH';

export type ReplicationEvent =
  | { type: 'brokerIsolatedFromPeers'; broker: BrokerId }
  | { type: 'controllerElected'; controller: BrokerId | null; previous: BrokerId | null }
  | {
      type: 'brokerFenced';
      broker: BrokerId;
      reason: 'session timed out' | 'restarted' | 'controlled shutdown';
    }
  | { type: 'brokerUnfenced'; broker: BrokerId }
  | {
      type: 'leaderElected';
      topic: string;
      partition: number;
      leader: BrokerId;
      previousLeader: BrokerId | null;
      leaderEpoch: number;
      isr: BrokerId[];
      election: ElectionKind;
    }
  /** An unclean election: offsets [fromOffset, toOffset) existed on some replica and are gone for good. */
  | {
      type: 'offsetsLost';
      topic: string;
      partition: number;
      fromOffset: number;
      toOffset: number;
      /** The high watermark before: offsets below it had been acknowledged to acks=all producers. */
      highWatermarkBefore: number;
    }
  | { type: 'partitionOffline'; topic: string; partition: number; leaderEpoch: number; isr: BrokerId[] }
  | {
      type: 'isrShrunk';
      topic: string;
      partition: number;
      leader: BrokerId | null;
      removed: BrokerId[];
      isr: BrokerId[];
      reason: 'lagging' | 'broker fenced' | 'reassignment';
    }
  | {
      type: 'isrExpanded';
      topic: string;
      partition: number;
      leader: BrokerId;
      added: BrokerId;
      isr: BrokerId[];
    }
  /** A follower appended [fromOffset, toOffset) fetched from the leader. */
  | {
      type: 'recordsReplicated';
      topic: string;
      partition: number;
      broker: BrokerId;
      leader: BrokerId;
      fromOffset: number;
      toOffset: number;
    }
  /** A replica cut its log from fromOffset down to toOffset; lostRecordIds are the records it threw away. */
  | {
      type: 'logTruncated';
      topic: string;
      partition: number;
      broker: BrokerId;
      fromOffset: number;
      toOffset: number;
      lostRecordIds: string[];
      reason: 'diverging epoch' | 'offset out of range';
    }
  /** The leader refused or gave up on a produce request (made visible even for acks=0, which gets no answer). */
  | {
      type: 'produceRejected';
      broker: BrokerId;
      topic: string;
      partition: number;
      producer: string;
      batchId: string;
      error: ProduceErrorCode;
    }
  | {
      type: 'reassignmentStarted';
      topic: string;
      partition: number;
      replicas: BrokerId[];
      adding: BrokerId[];
      removing: BrokerId[];
    }
  | { type: 'reassignmentCompleted'; topic: string; partition: number; replicas: BrokerId[] };

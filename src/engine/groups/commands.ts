/** Commands of consumers and groups (issue 4), in Kafka's verbs. */
import type { AssignorName, OffsetResetStrategy } from './types';

export type GroupCommand =
  /**
   * Starts a consumer in a group, subscribed to topics. Defaults are the Java consumer's (config.ts):
   * assignors [range, cooperative-sticky], auto-commit every 5000 ms, max.poll.records 500, sessions of
   * 45000 ms with heartbeats every 3000 ms, auto.offset.reset latest; pollIntervalMs is the app's loop.
   */
  | {
      type: 'addConsumer';
      consumer: string;
      group: string;
      topics: string[];
      /** One assignor, or the list in preference order (partition.assignment.strategy). */
      assignor?: AssignorName | AssignorName[];
      autoCommit?: boolean;
      autoCommitIntervalMs?: number;
      /** With autoCommit false: commitSync() after each poll's records are processed. */
      commitAfterProcessing?: boolean;
      maxPollRecords?: number;
      pollIntervalMs?: number;
      maxPollIntervalMs?: number;
      sessionTimeoutMs?: number;
      heartbeatIntervalMs?: number;
      autoOffsetReset?: OffsetResetStrategy;
      /** Static membership (KIP-345). */
      groupInstanceId?: string;
      requestTimeoutMs?: number;
      metadataMaxAgeMs?: number;
      isolationLevel?: 'read_uncommitted' | 'read_committed';
    }
  /** The process dies: no LeaveGroup, no commit; its heartbeats stop and its session runs out. */
  | { type: 'killConsumer'; consumer: string }
  /** KafkaConsumer.close(): commits (with auto-commit), revokes, sends LeaveGroup (dynamic members only). */
  | { type: 'closeConsumer'; consumer: string }
  /** Starts a killed or closed consumer again, as a new process with the same config and group. */
  | { type: 'restartConsumer'; consumer: string }
  /** KafkaConsumer.pause(assignment()): no fetching, no records; it keeps polling and heartbeating. */
  | { type: 'pauseConsumer'; consumer: string }
  | { type: 'resumeConsumer'; consumer: string }
  /** KafkaConsumer.commitSync(): commits the position of every owned partition. */
  | { type: 'commitSync'; consumer: string }
  /** KafkaConsumer.subscribe(topics) with a new list: the consumer rejoins with the new subscription. */
  | { type: 'subscribe'; consumer: string; topics: string[] }
  /** kafka-consumer-groups --delete: only an Empty group can be deleted; it becomes Dead, offsets gone. */
  | { type: 'deleteGroup'; group: string };

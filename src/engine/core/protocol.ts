/**
 * The engine's wire: every message a node sends and every timer a step schedules, as discriminated unions
 * keyed by `kind`. Each module (this core with the producer and the broker, replication, groups, queue,
 * ksql-runtime) lists its own kinds in a payload map `{ kind: payload }`; `Message` and `Timer` are the
 * union over all of them. step() dispatches through handler maps typed by kind, so a kind without a
 * handler, a handler for a kind that does not exist, or a wrong payload in tx.send/tx.schedule is a compile
 * error, and a handler reads its payload without a cast.
 *
 * Messages and timers stay plain data (they live in the state's timer queue and in events), and keep the
 * `payload` nesting the golden traces print.
 */

import type { CompactionTimerPayloads } from '../compaction/protocol';
import type { ModernMessagePayloads, ModernTimerPayloads } from '../consumer-protocol/protocol';
import type { GroupMessagePayloads, GroupTimerPayloads } from '../groups/protocol';
import type { KsqlRuntimeTimerPayloads } from '../ksql-runtime/protocol';
import type { QueueTimerPayloads } from '../queue/protocol';
import type { ProduceErrorCode } from '../replication/events';
import type { ReplicationMessagePayloads, ReplicationTimerPayloads } from '../replication/protocol';
import type { ShareTimerPayloads } from '../share/protocol';
import type { TransactionTimerPayloads } from '../transactions/protocol';
import type { Acks, NodeId, PendingRecord, ProducerBatch } from './types';

/** Something that travels between two nodes, drawn at (now - sentAtMs) / (arrivesAtMs - sentAtMs). */
export interface Envelope<K extends string, P> {
  readonly id: string;
  readonly kind: K;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAtMs: number;
  readonly arrivesAtMs: number;
  readonly payload: P;
}

/**
 * A timer in the state's queue: fired in total order by due time, then by sequence number. Deliveries of
 * messages are timers too, so the queue is the single source of truth for what is in flight.
 */
export interface TimerEntry<K extends string, P> {
  readonly dueMs: number;
  readonly seq: number;
  readonly kind: K;
  readonly payload: P;
}

/** The payload of a timer that needs none (or the fields of a request that adds none): `{}`. */
export type NoPayload = Record<never, never>;

/** The union of the envelopes of a payload map's kinds (one member per kind, distributive over K). */
export type MessageOf<Map, K extends keyof Map & string = keyof Map & string> = {
  [P in K]: Envelope<P, Map[P]>;
}[K];

export type TimerOf<Map, K extends keyof Map & string = keyof Map & string> = {
  [P in K]: TimerEntry<P, Map[P]>;
}[K];

/** ProduceRequest, one batch for one partition (ProduceRequestData.PartitionProduceData). */
export interface ProduceRequest {
  readonly producer: string;
  readonly batchId: string;
  readonly topic: string;
  readonly partition: number;
  readonly acks: Acks;
  readonly baseSequence: number;
  /** A transactional producer's batch: its epoch (transactions/). Absent for any other producer. */
  readonly transactional?: true;
  readonly producerEpoch?: number;
  readonly records: readonly PendingRecord[];
  readonly attempt: number;
}

/** ProduceResponse: the batch's base offset, or the error that failed it. */
export type ProduceResponse = {
  readonly producer: string;
  readonly batchId: string;
  readonly attempt: number;
  readonly topic: string;
  readonly partition: number;
} & (
  | {
      readonly baseOffset: number;
      /** A retry of a batch already written (idempotent producer): acknowledged, not appended. */
      readonly duplicate?: boolean;
      readonly error?: undefined;
    }
  | { readonly error: ProduceErrorCode }
);

/** The core's messages: the produce path between producers and partition leaders. */
export interface CoreMessagePayloads {
  readonly produceRequest: ProduceRequest;
  readonly produceResponse: ProduceResponse;
}

/** The core's timers: deliveries, the producer's linger, timeouts and retries, and the retention task. */
export interface CoreTimerPayloads {
  readonly deliver: { readonly message: Message };
  readonly lingerExpired: { readonly producer: string; readonly batchId: string; readonly tp: string };
  readonly produceTimeout: { readonly producer: string; readonly batchId: string; readonly attempt: number };
  readonly produceRetry: { readonly producer: string; readonly batch: ProducerBatch };
  readonly producerRetryDrain: { readonly producer: string };
  /** The producer's next batch may have reached delivery.timeout.ms (producer/delivery-timeout.ts). */
  readonly deliveryTimeoutCheck: { readonly producer: string };
  readonly retentionCheck: NoPayload;
}

export type CoreMessage = MessageOf<CoreMessagePayloads>;
export type CoreTimer = TimerOf<CoreTimerPayloads>;

/** Every message kind of the engine; two modules declaring the same kind is a compile error here. */
export interface MessagePayloads
  extends CoreMessagePayloads,
    ReplicationMessagePayloads,
    GroupMessagePayloads,
    ModernMessagePayloads {}

/** Every timer kind of the engine. */
export interface TimerPayloads
  extends CoreTimerPayloads,
    ReplicationTimerPayloads,
    GroupTimerPayloads,
    QueueTimerPayloads,
    KsqlRuntimeTimerPayloads,
    ShareTimerPayloads,
    ModernTimerPayloads,
    CompactionTimerPayloads,
    TransactionTimerPayloads {}

export type MessageKind = keyof MessagePayloads;
export type TimerKind = keyof TimerPayloads;

/** The keys of each member of a union (keyof a union alone gives only the keys they share). */
type KeysOf<T> = T extends unknown ? keyof T : never;

type AnyPayloadField = KeysOf<MessagePayloads[MessageKind]>;

/** A payload that also answers, with undefined, for the fields only other kinds have (they are absent). */
type Readable<P> = P & { readonly [F in Exclude<AnyPayloadField, KeysOf<P>>]?: undefined };

/**
 * Any message, as it waits in the timer queue or appears in an event (messageSent, messageLost): the union
 * of every kind's envelope, narrowed by `kind`. Reading a field that only other kinds have gives undefined
 * rather than a compile error, so a view may ask any message for its `error`. Handlers receive their own
 * module's strict union (GroupMessage, ReplicationMessage...), and tx.send takes only the exact payload.
 */
export type Message = { [K in MessageKind]: Envelope<K, Readable<MessagePayloads[K]>> }[MessageKind];

export type Timer = TimerOf<TimerPayloads>;

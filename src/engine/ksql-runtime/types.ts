/**
 * ksqlDB inside the simulation (issue 6, point 4): a persistent query reads its source topic like a consumer,
 * runs every record through the compiled script (ksql/), and produces the rows it emits to its output topic.
 *
 * The slice is plain data. The compiled query is not: it holds closures, so it stays out of the state. A
 * running query keeps its script and is recompiled through a module-level cache (compile-cache.ts); compiling
 * is pure and deterministic, so the same script always gives an equivalent query.
 */
import type { QueryState } from '../ksql';

/** How often a running query polls its source partitions, in model time (a consumer's fetch loop). */
export const QUERY_POLL_INTERVAL_MS = 100;
/** max.poll.records: at most this many records per poll (ConsumerConfig's default). */
export const QUERY_MAX_POLL_RECORDS = 500;
/**
 * Kafka Streams overrides the producer's linger.ms to 100 (StreamsConfig's producer defaults), so rows
 * emitted close together travel in one batch.
 */
export const QUERY_PRODUCER_LINGER_MS = 100;
/**
 * After a (re)run: long enough for the first poll, the producer's linger and a round trip to the broker, so
 * the rows are in the output topic when a live "Run" finishes animating.
 */
export const QUERY_SETTLE_MS = 500;

export interface QuerySource {
  /** The source's name in the script (AUTHORIZATION_ATTEMPTS). */
  readonly name: string;
  readonly topic: string;
}

/** A record the query has read, where it went: what the stream view draws for every record so far. */
export interface PlacedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The time the query goes by (ROWTIME, or the TIMESTAMP column). */
  readonly timestampMs: number;
  /** When the query processed it, on the logical clock. */
  readonly processedAtMs: number;
  /** The GROUP BY key, or null for a projection or a record the query skipped. */
  readonly key: Readonly<Record<string, unknown>> | null;
  readonly windows: readonly WindowBounds[];
  readonly late: boolean;
}

export interface RunningQuery {
  readonly id: string;
  readonly script: string;
  readonly strict: boolean;
  readonly status: 'RUNNING' | 'FAILED';
  readonly sources: readonly QuerySource[];
  /** Output topics, one per CREATE ... AS statement (ksqlDB names them after the sink: POSSIBLE_FRAUD). */
  readonly sinks: readonly string[];
  /** The producer that writes the output topics (a Kafka Streams app has one). */
  readonly producer: string;
  /** Per source topic, per partition: the next offset to read (the consumer position). */
  readonly positions: Readonly<Record<string, readonly number[]>>;
  /**
   * Per output topic, per partition: its log end offset when this run started. Restarting a query does not
   * delete what the last run wrote, as in Kafka; views show this run's rows from here on.
   */
  readonly outputFrom: Readonly<Record<string, readonly number[]>>;
  /** The ksql engine's persistent state (windows, counts, stream time): old states stay valid. */
  readonly state: QueryState;
  /** Teaching notes of the non-strict compiler (a CREATE STREAM that is really a TABLE). */
  readonly warnings: readonly string[];
  readonly startedAtMs: number;
  /** Every record this run has read, in the order it read them. */
  readonly placed: readonly PlacedRecord[];
  readonly processed: number;
  readonly emitted: number;
  readonly late: number;
}

export interface KsqlRuntimeSlice {
  readonly queries: Readonly<Record<string, RunningQuery>>;
}

export const initialKsqlRuntimeSlice: KsqlRuntimeSlice = { queries: {} };

export type KsqlRuntimeCommand =
  /** Compiles and starts a query; a query with the same id is replaced and starts over from the beginning. */
  | { type: 'runQuery'; query: string; script: string; strict?: boolean }
  | { type: 'stopQuery'; query: string };

/** The window a record fell into (tumbling: one; hopping: several; session: the session after merging). */
export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}

export type KsqlRuntimeEvent =
  | {
      type: 'queryStarted';
      query: string;
      sources: string[];
      sinks: string[];
      warnings: string[];
      restarted: boolean;
    }
  | { type: 'queryStopped'; query: string }
  | { type: 'queryFailed'; query: string; message: string }
  | {
      type: 'recordProcessedByQuery';
      query: string;
      topic: string;
      partition: number;
      offset: number;
      /** The time the query goes by: the record's timestamp, or its TIMESTAMP column. */
      timestampMs: number;
      /** The GROUP BY key of the record (null: a projection, or a record the query skipped). */
      key: Record<string, unknown> | null;
      windowStart?: number;
      windowEnd?: number;
      /** Every window the record updates, when there are several (hopping). */
      windows?: WindowBounds[];
      late: boolean;
    }
  | {
      type: 'queryEmitted';
      query: string;
      sink: string;
      key: Record<string, unknown>;
      windowStart?: number;
      windowEnd?: number;
      /** null: a tombstone (HAVING retracted the row). */
      value: Record<string, unknown> | null;
      /** The row's COUNT column, when the query selects one. */
      count?: number;
    }
  | {
      type: 'lateRecordDropped';
      query: string;
      topic: string;
      partition: number;
      offset: number;
      timestampMs: number;
      key: Record<string, unknown> | null;
    };

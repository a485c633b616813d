/**
 * The ksql runtime's wire: its output travels as ordinary produce requests, so it adds no message kind,
 * only the timer of a query's poll loop. See core/protocol.ts.
 */
import type { TimerOf } from '../core/protocol';

export interface KsqlRuntimeTimerPayloads {
  /** A persistent query polls its source partitions (every QUERY_POLL_INTERVAL_MS). */
  readonly ksqlPoll: { readonly query: string };
}

export type KsqlRuntimeTimer = TimerOf<KsqlRuntimeTimerPayloads>;

/**
 * The transactions module's wire: no messages (its requests are answered in the step they are made), and
 * one timer, the coordinator retrying markers whose partition had no leader. See core/protocol.ts.
 */
import type { TimerOf } from '../core/protocol';

export interface TransactionTimerPayloads {
  readonly txnMarkerRetry: { readonly transactionalId: string };
}

export type TransactionTimer = TimerOf<TransactionTimerPayloads>;

/**
 * The queue's wire: no messages travel (the queue is drawn from its events), and one timer, a consumer
 * acknowledging the message it was processing. See core/protocol.ts.
 */
import type { TimerOf } from '../core/protocol';

export interface QueueTimerPayloads {
  readonly queueAck: { readonly queue: string; readonly messageId: string; readonly consumer: string };
}

export type QueueTimer = TimerOf<QueueTimerPayloads>;

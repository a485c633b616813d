/**
 * A traditional message queue (ActiveMQ, RabbitMQ), for contrast with Kafka's log: each message goes to
 * one of the competing consumers, and once that consumer acknowledges it, the broker deletes it.
 */
export interface QueueMessage {
  readonly id: string;
  readonly value: string;
  /** The consumer it was delivered to and not yet acknowledged by, if any. */
  readonly deliveredTo: string | null;
}

export interface QueueConsumer {
  readonly id: string;
  readonly queue: string;
  /** How long it takes to process one message before acknowledging it. */
  readonly processingMs: number;
  readonly processed: readonly string[];
}

export interface QueueState {
  readonly name: string;
  readonly messages: readonly QueueMessage[];
  /** Round-robin pointer over the consumers, as a broker dispatches to competing consumers. */
  readonly nextConsumer: number;
  readonly deleted: number;
}

export interface QueuesSlice {
  readonly queues: Readonly<Record<string, QueueState>>;
  readonly consumers: Readonly<Record<string, QueueConsumer>>;
}

export const initialQueuesSlice: QueuesSlice = { queues: {}, consumers: {} };

export type QueueCommand =
  | { type: 'createQueue'; queue: string }
  | { type: 'sendToQueue'; queue: string; value: string }
  | { type: 'addQueueConsumer'; consumer: string; queue: string; processingMs?: number };

export type QueueEvent =
  | { type: 'queueCreated'; queue: string }
  | { type: 'queueMessageEnqueued'; queue: string; messageId: string; value: string }
  | { type: 'queueMessageDelivered'; queue: string; messageId: string; value: string; consumer: string }
  | { type: 'queueMessageAcked'; queue: string; messageId: string; value: string; consumer: string }
  | { type: 'queueConsumerAdded'; queue: string; consumer: string };

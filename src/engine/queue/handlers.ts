/**
 * The queue's behaviour: competing consumers take turns (round robin), each holds one unacknowledged
 * message at a time (prefetch 1), and an acknowledged message is deleted for good: nobody can read it again.
 */
import type { EngineError } from '../core/events';
import type { ModuleHandlers, NoMessages } from '../core/module';
import type { Tx } from '../core/tx';
import type { QueueTimerPayloads } from './protocol';
import type { QueueCommand, QueueState, QueuesSlice } from './types';

type Cmd<T extends QueueCommand['type']> = Extract<QueueCommand, { type: T }>;

const slice = (tx: Tx): QueuesSlice => tx.state.queues;
const setSlice = (tx: Tx, next: QueuesSlice) => {
  tx.state = { ...tx.state, queues: next };
};
const setQueue = (tx: Tx, q: QueueState) =>
  setSlice(tx, { ...slice(tx), queues: { ...slice(tx).queues, [q.name]: q } });

/** Hands waiting messages to idle consumers, in turn. */
function dispatch(tx: Tx, queueName: string): void {
  for (;;) {
    const q = slice(tx).queues[queueName]!;
    const consumers = Object.values(slice(tx).consumers).filter((c) => c.queue === queueName);
    const busy = new Set(q.messages.map((m) => m.deliveredTo).filter((c) => c !== null));
    const waiting = q.messages.find((m) => m.deliveredTo === null);
    if (!waiting || consumers.length === 0) return;
    let chosen: string | null = null;
    let pointer = q.nextConsumer;
    for (let i = 0; i < consumers.length; i++) {
      const c = consumers[(q.nextConsumer + i) % consumers.length]!;
      if (!busy.has(c.id)) {
        chosen = c.id;
        pointer = (q.nextConsumer + i + 1) % consumers.length;
        break;
      }
    }
    if (chosen === null) return;
    const consumer = slice(tx).consumers[chosen]!;
    setQueue(tx, {
      ...q,
      nextConsumer: pointer,
      messages: q.messages.map((m) => (m.id === waiting.id ? { ...m, deliveredTo: chosen } : m)),
    });
    tx.emit({
      type: 'queueMessageDelivered',
      queue: q.name,
      messageId: waiting.id,
      value: waiting.value,
      consumer: chosen,
    });
    tx.schedule('queueAck', tx.state.now + consumer.processingMs, {
      queue: q.name,
      messageId: waiting.id,
      consumer: chosen,
    });
  }
}

function createQueue(tx: Tx, cmd: Cmd<'createQueue'>): EngineError | undefined {
  if (slice(tx).queues[cmd.queue])
    return { code: 'INVALID_REQUEST', message: `Queue '${cmd.queue}' already exists.` };
  setQueue(tx, { name: cmd.queue, messages: [], nextConsumer: 0, deleted: 0 });
  tx.emit({ type: 'queueCreated', queue: cmd.queue });
  return undefined;
}

function sendToQueue(tx: Tx, cmd: Cmd<'sendToQueue'>): EngineError | undefined {
  const q = slice(tx).queues[cmd.queue];
  if (!q) return { code: 'INVALID_REQUEST', message: `No queue '${cmd.queue}'.` };
  const id = tx.id('q');
  setQueue(tx, {
    ...slice(tx).queues[cmd.queue]!,
    messages: [...q.messages, { id, value: cmd.value, deliveredTo: null }],
  });
  tx.emit({ type: 'queueMessageEnqueued', queue: cmd.queue, messageId: id, value: cmd.value });
  dispatch(tx, cmd.queue);
  return undefined;
}

function addQueueConsumer(tx: Tx, cmd: Cmd<'addQueueConsumer'>): EngineError | undefined {
  if (!slice(tx).queues[cmd.queue]) return { code: 'INVALID_REQUEST', message: `No queue '${cmd.queue}'.` };
  if (slice(tx).consumers[cmd.consumer])
    return { code: 'INVALID_REQUEST', message: `Consumer '${cmd.consumer}' already exists.` };
  const consumer = {
    id: cmd.consumer,
    queue: cmd.queue,
    processingMs: cmd.processingMs ?? 100,
    processed: [],
  };
  setSlice(tx, { ...slice(tx), consumers: { ...slice(tx).consumers, [cmd.consumer]: consumer } });
  tx.emit({ type: 'queueConsumerAdded', queue: cmd.queue, consumer: cmd.consumer });
  dispatch(tx, cmd.queue);
  return undefined;
}

/** The consumer acknowledges: the broker deletes the message, and the consumer is free for the next. */
function onAck(tx: Tx, payload: QueueTimerPayloads['queueAck']): void {
  const q = slice(tx).queues[payload.queue];
  const message = q?.messages.find((m) => m.id === payload.messageId);
  const consumer = slice(tx).consumers[payload.consumer];
  if (!q || !message || !consumer) return;
  setQueue(tx, { ...q, messages: q.messages.filter((m) => m.id !== message.id), deleted: q.deleted + 1 });
  setSlice(tx, {
    ...slice(tx),
    consumers: {
      ...slice(tx).consumers,
      [consumer.id]: { ...consumer, processed: [...consumer.processed, message.value] },
    },
  });
  tx.emit({
    type: 'queueMessageAcked',
    queue: q.name,
    messageId: message.id,
    value: message.value,
    consumer: consumer.id,
  });
  dispatch(tx, q.name);
}

export const queueHandlers: ModuleHandlers<QueueCommand, NoMessages, QueueTimerPayloads> = {
  commands: { createQueue, sendToQueue, addQueueConsumer },
  messages: {},
  timers: { queueAck: (tx, t) => onAck(tx, t.payload) },
};

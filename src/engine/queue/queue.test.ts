import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { runCommands } from '../testing/test-support';

const setup: Command[] = [
  { type: 'createQueue', queue: 'orders' },
  { type: 'addQueueConsumer', consumer: 'a', queue: 'orders', processingMs: 50 },
  { type: 'addQueueConsumer', consumer: 'b', queue: 'orders', processingMs: 50 },
];

describe('a traditional queue', () => {
  it('gives each message to exactly one of the competing consumers, in turn', () => {
    const { state } = runCommands(1, [
      ...setup,
      ...['m0', 'm1', 'm2', 'm3'].map((value): Command => ({ type: 'sendToQueue', queue: 'orders', value })),
      { type: 'advance', ms: 500 },
    ]);
    expect(state.queues.consumers.a!.processed).toEqual(['m0', 'm2']);
    expect(state.queues.consumers.b!.processed).toEqual(['m1', 'm3']);
  });

  it('deletes what it acknowledged, so a consumer that arrives later reads nothing', () => {
    const { state, events } = runCommands(1, [
      ...setup,
      { type: 'sendToQueue', queue: 'orders', value: 'm0' },
      { type: 'advance', ms: 500 },
      { type: 'addQueueConsumer', consumer: 'late', queue: 'orders' },
      { type: 'advance', ms: 500 },
    ]);
    expect(state.queues.queues.orders!.messages).toEqual([]);
    expect(state.queues.queues.orders!.deleted).toBe(1);
    expect(state.queues.consumers.late!.processed).toEqual([]);
    expect(events.filter((e) => e.type === 'queueMessageDelivered')).toHaveLength(1);
  });
});

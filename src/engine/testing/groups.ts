/** Shared by the groups tests: a cluster with a topic and a producer, and event filters. Not used by the app. */
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';

export const SETTLE_MS = 5000;

export function clusterWithTopic(topic = 'orders', partitions = 4, brokers = 3): Command[] {
  return [
    { type: 'createCluster', brokers },
    { type: 'createTopic', topic, partitions },
    { type: 'addProducer', producer: 'p', lingerMs: 0, keyless: 'round-robin', roundRobinStart: 0 },
  ];
}

export function produce(n: number, topic = 'orders', from = 0): Command[] {
  return [
    ...Array.from(
      { length: n },
      (_, i): Command => ({ type: 'produce', producer: 'p', topic, value: `m${from + i}` }),
    ),
    { type: 'advance', ms: 50 },
  ];
}

export function consumer(
  id: string,
  group: string,
  extra: Partial<Extract<Command, { type: 'addConsumer' }>> = {},
): Command {
  return {
    type: 'addConsumer',
    consumer: id,
    group,
    topics: ['orders'],
    autoOffsetReset: 'earliest',
    ...extra,
  };
}

export type Of<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

export function only<T extends EngineEvent['type']>(events: readonly EngineEvent[], type: T): Of<T>[] {
  return events.filter((e): e is Of<T> => e.type === type);
}

/** The events a view of groups animates, without the message traffic and the producing. */
export const GROUP_TRACE_TYPES = new Set<string>([
  'consumerAdded',
  'consumerKilled',
  'consumerClosed',
  'consumerRestarted',
  'coordinatorFound',
  'coordinatorLost',
  'groupLoaded',
  'rejoinRequested',
  'memberJoined',
  'groupStateChanged',
  'groupLeaderChosen',
  'assignmentComputed',
  'partitionsAssigned',
  'partitionsRevoked',
  'partitionsLost',
  'sessionExpired',
  'memberRemoved',
  'offsetsFetched',
  'offsetReset',
  'recordProcessed',
  'offsetCommitted',
  'offsetCommitFailed',
]);

export const partitionsOf = (tps: readonly { partition: number }[]) =>
  tps.map((tp) => tp.partition).sort((a, b) => a - b);

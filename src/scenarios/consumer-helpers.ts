/**
 * Step helpers for the consumer-group scenes: the consumers they start, named durations, and claims over
 * the groups' state. Kept beside helpers.ts rather than in it so the groups' vocabulary stays in one place.
 */
import type { Command, EngineState } from '../engine';
import { groupLag, tpKey } from '../engine';
import { ROUND_TRIP_MS } from './helpers';
import type { Claim } from './types';

/**
 * Scenes run with session.timeout.ms 10000 (the default before Kafka 3.0) and heartbeats every 1000 ms,
 * not 45000 and 3000: the same protocol, in fewer seconds of model time, so traces stay readable.
 */
export const STAGE_SESSION_TIMEOUT_MS = 10_000;
export const STAGE_HEARTBEAT_INTERVAL_MS = 1000;
/** A new group forms: group.initial.rebalance.delay.ms (3000), extended while members keep joining, then sync. */
export const GROUP_FORMS_MS = 7000;
/** A group that already exists rebalances: members notice on their next heartbeat, rejoin, sync. */
export const REBALANCE_MS = 4000;
/**
 * How often the scenes' consumers poll. An idle Java consumer's fetch waits at the broker up to
 * fetch.max.wait.ms (500) for data; polling every 500 ms gives the same rhythm of fetches, and keeps the
 * golden traces from filling with empty fetches every 100 ms.
 */
export const STAGE_POLL_INTERVAL_MS = 500;
/** Long enough for two polls to fetch, process and hand records to the app. */
export const CONSUME_MS = 2 * STAGE_POLL_INTERVAL_MS + 200;

type AddConsumer = Extract<Command, { type: 'addConsumer' }>;
/** auto.offset.reset: where a partition with no committed offset starts (the Java default is latest). */
export type OffsetReset = NonNullable<AddConsumer['autoOffsetReset']>;

/**
 * A consumer as the scenes start them, with the stage's short session. Where it starts without a committed
 * offset is the scene's choice, said out loud: a group has none for auto.commit.interval.ms (5 s) after it
 * forms (ConsumerCoordinator.onJoinComplete restarts the timer).
 */
export function stageConsumer(
  consumer: string,
  group: string,
  topic: string,
  extra: Partial<AddConsumer> & { readonly autoOffsetReset: OffsetReset },
): AddConsumer {
  return {
    type: 'addConsumer',
    consumer,
    group,
    topics: [topic],
    sessionTimeoutMs: STAGE_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: STAGE_HEARTBEAT_INTERVAL_MS,
    pollIntervalMs: STAGE_POLL_INTERVAL_MS,
    ...extra,
  };
}

/** Keyless values m<from>..m<to-1>, sent round robin, and the time for them to land. */
export function produceMany(producer: string, topic: string, from: number, to: number): Command[] {
  return [
    ...Array.from(
      { length: to - from },
      (_, i): Command => ({ type: 'produce', producer, topic, value: `m${from + i}` }),
    ),
    { type: 'advance', ms: ROUND_TRIP_MS },
  ];
}

/** The partitions of a topic a consumer owns now, ascending. */
export function ownedBy(s: EngineState, consumer: string, topic: string): number[] {
  return (s.groups.consumers[consumer]?.owned ?? [])
    .filter((tp) => tp.topic === topic)
    .map((tp) => tp.partition)
    .sort((a, b) => a - b);
}

export const owns = (consumer: string, topic: string, partitions: readonly number[]): Claim => ({
  text: `${consumer} owns ${partitions.length === 0 ? 'no partition' : `P${partitions.join(', P')}`}`,
  holds: (s) => ownedBy(s, consumer, topic).join() === partitions.join(),
});

export const position = (s: EngineState, consumer: string, topic: string, partition: number) =>
  s.groups.consumers[consumer]?.positions[tpKey(topic, partition)];

export const committed = (s: EngineState, group: string, topic: string, partition: number) =>
  s.groups.groups[group]?.offsets[tpKey(topic, partition)]?.offset;

export const lagOf = (s: EngineState, group: string, topic: string, partition: number) =>
  groupLag(s, group).find((r) => r.topic === topic && r.partition === partition)?.lag ?? null;

/** No committed offset on these partitions: kafka-consumer-groups prints "-" for CURRENT-OFFSET and LAG. */
export const noCommitYet = (group: string, topic: string, partitions: readonly number[]): Claim => ({
  text: `group ${group} has no committed offset on P${partitions.join(', P')} yet, so its lag there is unknown (“-”)`,
  holds: (s) =>
    partitions.every(
      (p) => committed(s, group, topic, p) === undefined && lagOf(s, group, topic, p) === null,
    ),
});

export const groupIs = (group: string, state: string, generationId?: number): Claim => ({
  text: `group ${group} is ${state}${generationId === undefined ? '' : ` in generation ${generationId}`}`,
  holds: (s) => {
    const g = s.groups.groups[group];
    return g?.state === state && (generationId === undefined || g.generationId === generationId);
  },
});

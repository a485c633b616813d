/**
 * A scaled-out group at a glance, as pure selectors over the states at the start and end of a stretch of
 * model time: records produced to a topic and committed by a group per second, the group's lag, and how
 * much a group of n consumers can take at most. Nothing is kept in the state.
 */
import type { EngineState } from '../core/types';
import { groupLag } from './lag';
import { tpKey } from './types';

export interface GroupFlow {
  /** Model seconds between the two states; 0 when no time passed (the rates are then 0). */
  readonly seconds: number;
  /** Records appended to the topic's partition leaders per second. */
  readonly producedPerSec: number;
  /** Committed offsets advanced per second, summed over the partitions: what kafka-consumer-groups sees consumed. */
  readonly consumedPerSec: number;
  /** At the end: high watermark - committed offset, summed over the topic's partitions. */
  readonly lag: number;
  /** The group's consumers at the end, and how many of them the assignment gave a partition. */
  readonly consumers: number;
  readonly consumersWithPartitions: number;
  readonly partitions: number;
  /**
   * consumedPerSec shared by the consumers that own a partition: while the group is behind, what one
   * consumer manages here (its fetch round trips and polls), the measure of its capacity.
   */
  readonly consumedPerOwnerPerSec: number;
}

function groupConsumers(state: EngineState, group: string) {
  return Object.values(state.groups.consumers).filter((c) => c.group === group);
}

function committedOffsets(state: EngineState, group: string, topic: string): Map<number, number> {
  const offsets = state.groups.groups[group]?.offsets ?? {};
  const out = new Map<number, number>();
  for (const p of state.topics[topic]?.partitions ?? []) {
    const committed = offsets[tpKey(topic, p.partition)]?.offset;
    if (committed !== undefined) out.set(p.partition, committed);
  }
  return out;
}

const logStartOf = (state: EngineState, topic: string, partition: number) => {
  const p = state.topics[topic]?.partitions[partition];
  return p === undefined || p.leader === null ? 0 : (p.logs[p.leader]?.logStartOffset ?? 0);
};

function appended(state: EngineState, topic: string): number {
  let n = 0;
  for (const p of state.topics[topic]?.partitions ?? [])
    n += p.leader === null ? p.highWatermark : (p.logs[p.leader]?.logEndOffset ?? 0);
  return n;
}

/**
 * The most a group of `consumers` can take: each partition is read by at most one member of a group
 * (KAFKA.md: "more members than partitions: the extra members are idle"), so consumers beyond the
 * partition count add nothing.
 */
export function groupCapacityPerSec(
  consumers: number,
  partitions: number,
  perConsumerMaxPerSec: number,
): number {
  return Math.min(consumers, partitions) * perConsumerMaxPerSec;
}

export function groupFlow(before: EngineState, after: EngineState, group: string, topic: string): GroupFlow {
  const seconds = Math.max(0, (after.now - before.now) / 1000);
  // Before its first commit on a partition, a group reads it from where auto.offset.reset puts a new
  // consumer: the log start for "earliest" (so every record there is still to read, and counts as lag and,
  // once committed, as consumed); the high watermark for "latest" (nothing before it is ever read).
  // kafka-consumer-groups prints "-" for such a partition. The policy is the consumers' at the end.
  const earliest = groupConsumers(after, group).some((c) => c.config.autoOffsetReset === 'earliest');
  const from = committedOffsets(before, group, topic);
  const to = committedOffsets(after, group, topic);
  let committed = 0;
  let lag = 0;
  for (const p of after.topics[topic]?.partitions ?? []) {
    const now = to.get(p.partition);
    const start = earliest ? logStartOf(after, topic, p.partition) : p.highWatermark;
    lag += Math.max(0, p.highWatermark - (now ?? start));
    if (now === undefined) continue;
    const then = from.get(p.partition) ?? (earliest ? logStartOf(before, topic, p.partition) : now);
    committed += Math.max(0, now - then);
  }
  const owners = new Set(groupLag(after, group).map((l) => l.owner));
  owners.delete(null);
  const consumedPerSec = seconds > 0 ? Math.max(0, committed) / seconds : 0;
  return {
    seconds,
    producedPerSec: seconds > 0 ? (appended(after, topic) - appended(before, topic)) / seconds : 0,
    consumedPerSec,
    lag,
    consumers: groupConsumers(after, group).length,
    consumersWithPartitions: owners.size,
    partitions: after.topics[topic]?.partitions.length ?? 0,
    consumedPerOwnerPerSec: owners.size > 0 ? consumedPerSec / owners.size : 0,
  };
}

/**
 * Who read each partition when, for one group, from the run's events: the picture that sets the classic
 * protocol's stop-the-world rebalance beside the consumer protocol's incremental one. A span starts when a
 * consumer is given the partition and ends when it revokes or loses it, or dies. Read-only: a selector.
 */
import type { EngineEvent } from '../core/events';
import { tpKey } from '../core/types';
import type { TopicPartitionRef } from '../groups/types';

export interface PartitionReadingSpan {
  readonly consumer: string;
  readonly fromMs: number;
  /** Null while the consumer still holds it. */
  readonly toMs: number | null;
}

/** Per partition of `topic`, the spans of the consumers of `group` that held it, oldest first. */
export function partitionReaders(
  events: readonly EngineEvent[],
  topic: string,
  group: string,
  untilMs = Number.POSITIVE_INFINITY,
): Record<number, PartitionReadingSpan[]> {
  const spans: Record<number, { consumer: string; fromMs: number; toMs: number | null }[]> = {};
  const open = new Map<string, { consumer: string; fromMs: number; toMs: number | null }>();
  const start = (consumer: string, tps: readonly TopicPartitionRef[], at: number) => {
    for (const tp of tps) {
      if (tp.topic !== topic) continue;
      const span = { consumer, fromMs: at, toMs: null };
      const list = spans[tp.partition] ?? [];
      list.push(span);
      spans[tp.partition] = list;
      open.set(`${consumer}|${tpKey(tp.topic, tp.partition)}`, span);
    }
  };
  const stop = (consumer: string, tps: readonly TopicPartitionRef[] | null, at: number) => {
    for (const [k, span] of open)
      if (
        k.startsWith(`${consumer}|`) &&
        (tps === null || tps.some((tp) => k === `${consumer}|${tpKey(tp.topic, tp.partition)}`))
      ) {
        span.toMs = at;
        open.delete(k);
      }
  };
  for (const e of events) {
    if (e.atMs > untilMs) break;
    if (!('group' in e) || e.group !== group) continue;
    switch (e.type) {
      case 'partitionsAssigned':
      case 'modernPartitionsAssigned':
        start(e.consumer, e.partitions, e.atMs);
        break;
      case 'partitionsRevoked':
      case 'partitionsLost':
      case 'modernPartitionsRevoked':
      case 'modernPartitionsLost':
        stop(e.consumer, e.partitions, e.atMs);
        break;
      case 'consumerKilled':
      case 'consumerClosed':
      case 'modernConsumerKilled':
      case 'modernConsumerClosed':
        stop(e.consumer, null, e.atMs);
        break;
      default:
    }
  }
  return spans;
}

/** How long, in the window, partitions of the group had nobody reading them, summed over partitions. */
export function unreadMs(
  readers: Record<number, readonly PartitionReadingSpan[]>,
  partitions: number,
  fromMs: number,
  toMs: number,
): number {
  let total = 0;
  for (let p = 0; p < partitions; p++) {
    let covered = 0;
    for (const s of readers[p] ?? []) {
      const a = Math.max(fromMs, s.fromMs);
      const b = Math.min(toMs, s.toMs ?? toMs);
      if (b > a) covered += b - a;
    }
    total += toMs - fromMs - covered;
  }
  return total;
}

/**
 * The classic group's rebalances: from leaving Stable (PreparingRebalance) until Stable again, the stretch
 * in which the JoinGroup/SyncGroup barrier holds every member. The consumer protocol has no such stretch.
 */
export function classicRebalances(
  events: readonly EngineEvent[],
  group: string,
): { readonly fromMs: number; readonly toMs: number | null }[] {
  const out: { fromMs: number; toMs: number | null }[] = [];
  let stableOnce = false;
  for (const e of events) {
    if (e.type !== 'groupStateChanged' || e.group !== group) continue;
    const open = out.at(-1);
    if (e.to === 'Stable') {
      if (open && open.toMs === null) open.toMs = e.atMs;
      stableOnce = true;
    } else if (stableOnce && e.to === 'PreparingRebalance' && (!open || open.toMs !== null))
      out.push({ fromMs: e.atMs, toMs: null });
  }
  return out;
}

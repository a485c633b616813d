/**
 * Read-only selectors for a picture of rebalances: who reads each partition of a topic at a moment of a
 * stretch of events (owned by a live member, still held by a dead one, or revoked and read by nobody), the
 * rebalance rounds of a group (one generation each), and the group's protocol. They change nothing.
 */
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/types';
import { isCooperative } from './client';

/** read: a live member owns it; ownerDown: only a crashed member still holds it; revoked: nobody does. */
export type PartitionReading = 'read' | 'ownerDown' | 'revoked';

export interface PartitionReader {
  readonly partition: number;
  readonly reading: PartitionReading;
  /** The live owner, or the dead one that still holds it; null when revoked. */
  readonly consumer: string | null;
}

/** A stretch of time in which a partition's reading did not change. */
export interface ReadingSpan extends PartitionReader {
  readonly startMs: number;
  readonly endMs: number;
}

/** Client-side ownership as the events tell it, from the start of a run: who holds what, who is down. */
class Holdings {
  private readonly owned = new Map<string, Set<number>>();
  private readonly dead = new Set<string>();

  constructor(
    private readonly group: string,
    private readonly topic: string,
  ) {}

  private of(id: string): Set<number> {
    return this.owned.get(id) ?? this.owned.set(id, new Set()).get(id)!;
  }

  apply(e: EngineEvent): void {
    if (!('group' in e) || e.group !== this.group || !('consumer' in e)) return;
    const mine = (tps: readonly { topic: string; partition: number }[]) =>
      tps.filter((tp) => tp.topic === this.topic).map((tp) => tp.partition);
    if (e.type === 'partitionsAssigned')
      for (const p of mine(e.partitions)) {
        // A crashed member's claim ends when the partition has a new owner.
        for (const id of this.dead) this.of(id).delete(p);
        this.of(e.consumer).add(p);
      }
    // The coordinator removed a crashed member (session timeout): it holds nothing any more.
    if (e.type === 'memberRemoved' && this.dead.has(e.consumer)) this.owned.delete(e.consumer);
    if (e.type === 'partitionsRevoked' || e.type === 'partitionsLost')
      for (const p of mine(e.partitions)) this.of(e.consumer).delete(p);
    if (e.type === 'consumerKilled' || e.type === 'consumerFailed') this.dead.add(e.consumer);
    // close() revokes first (partitionsRevoked), so a closed member holds nothing.
    if (e.type === 'consumerClosed') this.dead.add(e.consumer);
    if (e.type === 'consumerRestarted' || e.type === 'consumerAdded') {
      this.dead.delete(e.consumer);
      this.owned.set(e.consumer, new Set());
    }
  }

  reader(partition: number): PartitionReader {
    const holders = [...this.owned].filter(([, ps]) => ps.has(partition)).map(([id]) => id);
    const live = holders.find((id) => !this.dead.has(id));
    if (live !== undefined) return { partition, reading: 'read', consumer: live };
    if (holders[0] !== undefined) return { partition, reading: 'ownerDown', consumer: holders[0] };
    return { partition, reading: 'revoked', consumer: null };
  }
}

const same = (a: PartitionReader, b: PartitionReader) => a.reading === b.reading && a.consumer === b.consumer;

/**
 * For each of a topic's `partitions`, who read it through [fromMs, toMs], as spans: `events` are a run's
 * events from its start (ownership is rebuilt from partitionsAssigned, partitionsRevoked, partitionsLost and
 * the consumers' crashes and restarts). The last span of each partition is its reader at toMs.
 */
export function partitionReadingSpans(
  events: readonly EngineEvent[],
  group: string,
  topic: string,
  partitions: number,
  fromMs: number,
  toMs: number,
): ReadingSpan[][] {
  const holdings = new Holdings(group, topic);
  const spans: ReadingSpan[][] = Array.from({ length: partitions }, () => []);
  const close = (atMs: number) => {
    for (let p = 0; p < partitions; p++) {
      const now = holdings.reader(p);
      const list = spans[p]!;
      let last = list.at(-1);
      if (last && same(last, now)) continue;
      const start = Math.min(Math.max(atMs, fromMs), toMs);
      // A change at the very moment of the last one replaces it (or merges back into the one before).
      if (last && last.startMs === start) {
        list.pop();
        last = list.at(-1);
        if (last && same(last, now)) {
          list[list.length - 1] = { ...last, endMs: toMs };
          continue;
        }
      }
      if (last) list[list.length - 1] = { ...last, endMs: start };
      list.push({ ...now, startMs: start, endMs: toMs });
    }
  };
  close(fromMs);
  for (const e of events) {
    if (e.atMs > toMs) break;
    holdings.apply(e);
    close(e.atMs);
  }
  return spans;
}

/** One rebalance: from PreparingRebalance to the generation it ends in (Stable), or still going. */
export interface RebalanceRound {
  readonly startMs: number;
  readonly endMs: number | null;
  /** The generation the round completes into (the current one plus one while it is still going). */
  readonly generationId: number;
  readonly reason: string;
}

/** A group's rebalance rounds among events up to atMs, in order (each groupStateChanged is one transition). */
export function rebalanceRounds(
  events: readonly EngineEvent[],
  group: string,
  atMs: number,
): RebalanceRound[] {
  const rounds: RebalanceRound[] = [];
  let open: { startMs: number; generationId: number; reason: string } | null = null;
  for (const e of events) {
    if (e.atMs > atMs) break;
    if (e.type !== 'groupStateChanged' || e.group !== group) continue;
    if (e.to === 'PreparingRebalance' && open === null)
      open = { startMs: e.atMs, generationId: e.generationId + 1, reason: e.reason };
    else if ((e.to === 'Stable' || e.to === 'Empty') && open !== null) {
      rounds.push({ ...open, endMs: e.atMs, generationId: e.generationId });
      open = null;
    }
  }
  if (open !== null) rounds.push({ ...open, endMs: null });
  return rounds;
}

/** The rebalance protocol a group's members speak: COOPERATIVE when every live member's assignors support it. */
export function groupProtocol(state: EngineState, group: string): 'eager' | 'cooperative' | null {
  const members = Object.values(state.groups.consumers).filter((c) => c.group === group);
  if (members.length === 0) return null;
  return members.every(isCooperative) ? 'cooperative' : 'eager';
}

/** Records the group's members processed while they were rebalancing (GroupsSlice.processedWhileRebalancing). */
export function processedWhileRebalancing(state: EngineState, group: string): number {
  return state.groups.processedWhileRebalancing[group] ?? 0;
}

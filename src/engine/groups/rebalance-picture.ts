/**
 * Read-only selectors for a picture of rebalances: who reads each partition of a topic at a moment of a
 * stretch of events (owned by a live member, still held by a dead one, or revoked and read by nobody), the
 * rebalance rounds of a group (one generation each), and the group's protocol. They change nothing.
 */
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/types';
import { isCooperative } from './client';
import { isRunning } from './slice';

/** read: a live member owns it; ownerDown: only a crashed member still holds it; revoked: nobody does. */
export type PartitionReading = 'read' | 'ownerDown' | 'revoked';

export interface PartitionReader {
  readonly partition: number;
  readonly reading: PartitionReading;
  /** The live owner, or the dead one that still holds it; null when revoked. */
  readonly consumer: string | null;
}

/**
 * Each partition of `topic` for `group` at `atMs`: the client-side ownership of `from` (the stretch's first
 * state), moved on by the stretch's events up to atMs (assigned, revoked, lost, killed, restarted).
 */
export function partitionReadersAt(
  from: EngineState,
  events: readonly EngineEvent[],
  atMs: number,
  group: string,
  topic: string,
): PartitionReader[] {
  const owned = new Map<string, Set<number>>();
  const dead = new Set<string>();
  for (const c of Object.values(from.groups.consumers)) {
    if (c.group !== group) continue;
    owned.set(c.id, new Set(c.owned.filter((tp) => tp.topic === topic).map((tp) => tp.partition)));
    if (!isRunning(c)) dead.add(c.id);
  }
  const of = (id: string) => owned.get(id) ?? owned.set(id, new Set()).get(id)!;
  for (const e of events) {
    if (e.atMs > atMs) break;
    if (!('group' in e) || e.group !== group || !('consumer' in e)) continue;
    if (e.type === 'partitionsAssigned')
      for (const tp of e.partitions) if (tp.topic === topic) of(e.consumer).add(tp.partition);
    if (e.type === 'partitionsRevoked' || e.type === 'partitionsLost')
      for (const tp of e.partitions) if (tp.topic === topic) of(e.consumer).delete(tp.partition);
    if (e.type === 'consumerKilled' || e.type === 'consumerClosed' || e.type === 'consumerFailed')
      dead.add(e.consumer);
    if (e.type === 'consumerRestarted' || e.type === 'consumerAdded') {
      dead.delete(e.consumer);
      owned.set(e.consumer, new Set());
    }
  }
  const count = from.topics[topic]?.partitions.length ?? 0;
  return Array.from({ length: count }, (_, p): PartitionReader => {
    const holders = [...owned].filter(([, ps]) => ps.has(p)).map(([id]) => id);
    const live = holders.find((id) => !dead.has(id));
    if (live !== undefined) return { partition: p, reading: 'read', consumer: live };
    if (holders[0] !== undefined) return { partition: p, reading: 'ownerDown', consumer: holders[0] };
    return { partition: p, reading: 'revoked', consumer: null };
  });
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

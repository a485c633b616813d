/**
 * Consumer lag for the views, as pure selectors recomputed from the state (nothing is kept incrementally).
 * Lag of a partition for a group = high watermark (what a consumer can read) - committed offset
 * (KAFKA-DETAILS 2.4; kafka-consumer-groups --describe). Without a committed offset the lag is null, as
 * the tool's "-".
 */
import type { EngineState } from '../core/types';
import { type ClassicGroup, tpKey } from './types';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly committedOffset: number | null;
  readonly highWatermark: number;
  readonly logEndOffset: number;
  readonly lag: number | null;
  /** The consumer the group's current assignment gives it to, or null. */
  readonly owner: string | null;
  readonly memberId: string | null;
}

export interface GroupLagTotals {
  readonly group: string;
  readonly totalLag: number;
  readonly partitions: number;
  /** Partitions with no committed offset yet. */
  readonly uncommitted: number;
  readonly maxLag: number;
}

function groupTopics(state: EngineState, group: ClassicGroup | undefined, groupId: string): string[] {
  const topics = new Set<string>();
  for (const id of group?.memberIds ?? []) for (const t of group!.members[id]!.topics) topics.add(t);
  for (const key of Object.keys(group?.offsets ?? {})) topics.add(key.slice(0, key.lastIndexOf('/')));
  for (const c of Object.values(state.groups.consumers))
    if (c.group === groupId) for (const t of c.config.topics) topics.add(t);
  return [...topics].filter((t) => state.topics[t]).sort();
}

/** Per partition of every topic the group subscribes to or has committed on. */
export function groupLag(state: EngineState, groupId: string): PartitionLag[] {
  const group = state.groups.groups[groupId];
  const owners = new Map<string, string>();
  for (const [memberId, tps] of Object.entries(group?.assignment ?? {}))
    for (const tp of tps) owners.set(tpKey(tp.topic, tp.partition), memberId);
  const rows: PartitionLag[] = [];
  for (const topic of groupTopics(state, group, groupId)) {
    for (const p of state.topics[topic]!.partitions) {
      const key = tpKey(topic, p.partition);
      const committedOffset = group?.offsets[key]?.offset ?? null;
      const memberId = owners.get(key) ?? null;
      const leaderLog = p.leader === null ? undefined : p.logs[p.leader];
      rows.push({
        topic,
        partition: p.partition,
        committedOffset,
        highWatermark: p.highWatermark,
        logEndOffset: leaderLog?.logEndOffset ?? p.highWatermark,
        lag: committedOffset === null ? null : Math.max(0, p.highWatermark - committedOffset),
        owner: memberId === null ? null : (group!.members[memberId]?.consumer ?? null),
        memberId,
      });
    }
  }
  return rows;
}

export function groupLagTotals(state: EngineState, groupId: string): GroupLagTotals {
  const rows = groupLag(state, groupId);
  let totalLag = 0;
  let maxLag = 0;
  let uncommitted = 0;
  for (const r of rows) {
    if (r.lag === null) uncommitted++;
    else {
      totalLag += r.lag;
      maxLag = Math.max(maxLag, r.lag);
    }
  }
  return { group: groupId, totalLag, partitions: rows.length, uncommitted, maxLag };
}

/** Every group's totals, by group id. */
export function allGroupLag(state: EngineState): GroupLagTotals[] {
  const ids = new Set([
    ...Object.keys(state.groups.groups),
    ...Object.values(state.groups.consumers).map((c) => c.group),
  ]);
  return [...ids].sort().map((id) => groupLagTotals(state, id));
}

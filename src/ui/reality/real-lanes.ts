/**
 * Which offsets a real topic's lanes show. A real log can hold millions of records; the bridge sends each
 * partition's newest ones. When every partition's newest records fit one window, the lanes share it (the
 * same offset at the same x, as in the simulation); when they do not (one partition far ahead), each lane
 * shows its own newest records ending at its high watermark, and says from which offset.
 */
import type { RealPartition, RealRecord } from '../../reality/protocol';
import type { OffsetWindow } from '../views/log-window';

/** The most slots a lane has room for with labels that read (the simulated lanes show 10 to 12). */
export const MAX_SLOTS = 12;
const MIN_SLOTS = 8;

export interface RealLanes {
  readonly window: OffsetWindow;
  /** Per partition: the records drawn, and the slot offset each lane's offsets are shifted by. */
  readonly lanes: ReadonlyMap<number, { records: RealRecord[]; shift: number; firstShown: number }>;
  /** Whether the lanes share one window of offsets. */
  readonly aligned: boolean;
}

export function realLanes(partitions: readonly RealPartition[]): RealLanes {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const p of partitions) {
    first = Math.min(first, p.newest[0]?.offset ?? p.highWatermark);
    last = Math.max(last, p.highWatermark);
  }
  if (!Number.isFinite(first)) first = 0;
  // One slot past the newest record: where the next one goes, at the high watermark.
  const aligned = last - first + 1 <= MAX_SLOTS;
  const lanes = new Map<number, { records: RealRecord[]; shift: number; firstShown: number }>();
  if (aligned) {
    for (const p of partitions)
      lanes.set(p.partition, {
        records: p.newest,
        shift: 0,
        firstShown: p.newest[0]?.offset ?? p.highWatermark,
      });
    return { window: { first, slots: Math.max(MIN_SLOTS, last - first + 1) }, lanes, aligned };
  }
  for (const p of partitions) {
    const records = p.newest.slice(-(MAX_SLOTS - 1));
    const laneFirst = p.highWatermark - (MAX_SLOTS - 1);
    lanes.set(p.partition, {
      records,
      shift: -laneFirst,
      firstShown: records[0]?.offset ?? p.highWatermark,
    });
  }
  return { window: { first: 0, slots: MAX_SLOTS }, lanes, aligned };
}

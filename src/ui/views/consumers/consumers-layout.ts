/**
 * Geometry of the consumers view (a 1200 x 520 viewBox, like the topic view, so 20px text stays above 18px
 * at 1280x720): partition lanes on the left, the groups' consumers in columns on the right, and above them
 * each group's coordinator. d3 scales for bands and offsets; pure functions of what is shown.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { TopicState } from '../../../engine/types';

export const WIDTH = 1200;
export const HEIGHT = 520;
export const LANE_LEFT = 10;
export const LANE_RIGHT = 612;
const RECORDS_LEFT = 70;
const RECORDS_RIGHT = 500;
/** Where each group's lag is written, right of the records. */
export const LAG_X = 508;
const RIGHT_LEFT = 668;
const RIGHT_RIGHT = 1190;
const COLUMN_GAP = 16;
/** Slots a lane shows before records shrink to fit. */
const MIN_SLOTS = 6;
/** Below this height a consumer's box puts its name and its partitions on one line. */
export const ONE_LINE_BELOW = 60;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface LanesLayout {
  readonly laneY: (partition: number) => number;
  readonly laneHeight: number;
  /** Left edge of the slot holding an offset; an offset boundary (position, commit) sits just before it. */
  readonly slotX: (offset: number) => number;
  readonly slotWidth: number;
}

export function lanesLayout(topic: TopicState): LanesLayout {
  const band = scaleBand<number>()
    .domain(topic.partitions.map((p) => p.partition))
    .range([44, HEIGHT - 6])
    .paddingInner(0.2);
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const p of topic.partitions) {
    const log = p.leader !== null ? p.logs[p.leader] : Object.values(p.logs)[0];
    first = Math.min(first, log?.logStartOffset ?? 0);
    last = Math.max(last, log?.logEndOffset ?? 0);
  }
  if (!Number.isFinite(first)) first = 0;
  const slots = Math.max(MIN_SLOTS, last - first + 1);
  const x = scaleLinear()
    .domain([first, first + slots])
    .range([RECORDS_LEFT, RECORDS_RIGHT]);
  return {
    laneY: (p) => band(p) ?? 0,
    laneHeight: band.bandwidth(),
    slotX: (o) => x(o),
    slotWidth: x(first + 1) - x(first),
  };
}

export interface GroupColumn {
  readonly group: string;
  readonly index: number;
  /** The coordinator's box for this group, when the scene shows it. */
  readonly coordinator: Box | null;
  /** Where the group's name is written. */
  readonly header: { readonly x: number; readonly y: number; readonly w: number };
}

export interface RightLayout {
  readonly columns: readonly GroupColumn[];
  readonly boxes: ReadonlyMap<string, Box>;
}

/** Consumers, per group in the order given, each group in its own column; boxes shrink to fit. */
export function rightLayout(
  groups: readonly string[],
  consumersOf: (group: string) => readonly string[],
  showCoordinator: boolean,
): RightLayout {
  const n = Math.max(1, groups.length);
  const colW = (RIGHT_RIGHT - RIGHT_LEFT - COLUMN_GAP * (n - 1)) / n;
  const headerY = showCoordinator ? 118 : 24;
  const top = headerY + 14;
  const boxes = new Map<string, Box>();
  const columns = groups.map((group, i): GroupColumn => {
    const x = RIGHT_LEFT + i * (colW + COLUMN_GAP);
    const ids = consumersOf(group);
    const slot = Math.min(84, (HEIGHT - 4 - top) / Math.max(1, ids.length));
    ids.forEach((id, k) => {
      boxes.set(id, { x, y: top + k * slot, w: colW, h: slot - 8 });
    });
    return {
      group,
      index: i,
      coordinator: showCoordinator ? { x, y: 6, w: colW, h: 86 } : null,
      header: { x, y: headerY, w: colW },
    };
  });
  return { columns, boxes };
}

/** The middle of a box's left edge, where lanes' lines and fetched records arrive. */
export const leftMiddle = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });

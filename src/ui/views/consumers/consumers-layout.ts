/**
 * Geometry of the consumers view (a 1200 x 520 viewBox, like the topic view, so 20px text stays above 18px
 * at 1280x720): partition lanes on the left, and on the right each group's coordinator and consumers. d3 scales for bands and offsets; pure functions of what is shown.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { TopicState } from '../../../engine';
import { offsetWindow } from '../log-window';

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
/**
 * The lag-over-time chart, at the foot of the right column: the lanes need the left column's full height
 * for their records and marks, and the groups' boxes shrink to fit above it.
 */
export const LAG_CHART: Box = { x: RIGHT_LEFT, y: HEIGHT - 132, w: RIGHT_RIGHT - RIGHT_LEFT, h: 128 };
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
  const { first, slots } = offsetWindow(topic, MIN_SLOTS);
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

const COORDINATOR_H = 86;
const HEADER_H = 34;
const MAX_SLOT = 84;

/**
 * Groups stacked top to bottom in the order given, each with its coordinator (when shown), its name and its
 * consumers; boxes shrink to fit above `bottom`. One column, so no line from a lane crosses another group's
 * boxes.
 */
export function rightLayout(
  groups: readonly string[],
  consumersOf: (group: string) => readonly string[],
  showCoordinator: boolean,
  bottom = HEIGHT - 4,
): RightLayout {
  const w = RIGHT_RIGHT - RIGHT_LEFT;
  const fixed = groups.length * (HEADER_H + (showCoordinator ? COORDINATOR_H + 10 : 0));
  const total = groups.reduce((n, g) => n + consumersOf(g).length, 0);
  const slot = Math.min(MAX_SLOT, (bottom - 4 - fixed) / Math.max(1, total));
  const boxes = new Map<string, Box>();
  let y = 4;
  const columns = groups.map((group, index): GroupColumn => {
    const coordinator = showCoordinator ? { x: RIGHT_LEFT, y, w, h: COORDINATOR_H } : null;
    if (coordinator) y += COORDINATOR_H + 10;
    const header = { x: RIGHT_LEFT, y: y + HEADER_H / 2, w };
    y += HEADER_H;
    for (const id of consumersOf(group)) {
      boxes.set(id, { x: RIGHT_LEFT, y, w, h: slot - 8 });
      y += slot;
    }
    return { group, index, coordinator, header };
  });
  return { columns, boxes };
}

/** The middle of a box's left edge, where lanes' lines and fetched records arrive. */
export const leftMiddle = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });

/**
 * Geometry of the consumers view (a 1200 x 520 viewBox, like the topic view, so 20px text stays above 18px
 * at 1280x720): partition lanes on the left, each with one band per group (the first group's above the
 * records, the second's below), and on the right each group's coordinator (or, in the sandbox, the brokers)
 * and consumers. d3 scales for bands and offsets; pure functions of what is shown.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { TopicState } from '../../../engine';
import type { Box } from '../box';
import { offsetWindow } from '../log-window';

export const WIDTH = 1200;
export const HEIGHT = 520;
export const LANE_LEFT = 10;
export const LANE_RIGHT = 620;
const RECORDS_LEFT = 80;
const RECORDS_RIGHT = 424;
/** Where each group's figures (read to, committed) are written, right of the records. */
export const FIGURE_X = 436;
/** The gap between lanes and boxes holds one vertical channel per consumer for the links. */
export const RIGHT_LEFT = 708;
const RIGHT_RIGHT = 1190;
/**
 * The lag-over-time chart, at the foot of the right column: the lanes need the left column's full height
 * for their records and marks, and the groups' boxes fit above it.
 */
export const LAG_CHART: Box = { x: RIGHT_LEFT, y: HEIGHT - 124, w: RIGHT_RIGHT - RIGHT_LEFT, h: 120 };
/** Slots a lane shows before records shrink to fit. */
const MIN_SLOTS = 6;
/** Below this height a consumer's box puts its name and its partitions on one line. */
export const ONE_LINE_BELOW = 60;
/** Height of one group's band above or below a lane's records: its ▼ position and △ commit sit in it. */
export const BAND_H = 17;

export type { Box };

export interface LanesLayout {
  readonly laneY: (partition: number) => number;
  readonly laneHeight: number;
  /** Left edge of the slot holding an offset; an offset boundary (position, commit) sits just before it. */
  readonly slotX: (offset: number) => number;
  readonly slotWidth: number;
  /** The lowest offset the lanes show, at their left end (the lowest log start offset). */
  readonly first: number;
  /** The records' row inside a lane, between the bands. */
  readonly recordTop: number;
  readonly recordHeight: number;
  /** A group's band inside a lane: its top, relative to the lane, and its height. */
  readonly band: (groupIndex: number) => { readonly top: number; readonly h: number };
}

/**
 * Bands above the records hold groups 0, 2, 4...; below, 1, 3, 5... A side with one group gives it the
 * whole band; a side shared by live-added groups splits it into thinner rows.
 */
function bands(groups: number, laneHeight: number) {
  const above = Math.ceil(groups / 2);
  const below = Math.floor(groups / 2);
  const rowH = (rows: number) => (rows <= 1 ? BAND_H : 10);
  const sideH = (rows: number) => (rows === 0 ? 4 : rows * rowH(rows));
  const recordTop = sideH(above) + 2;
  const recordHeight = laneHeight - recordTop - sideH(below) - 2;
  return {
    recordTop,
    recordHeight,
    band: (g: number) => {
      const row = Math.floor(g / 2);
      if (g % 2 === 0) return { top: row * rowH(above), h: rowH(above) };
      return { top: laneHeight - sideH(below) + row * rowH(below), h: rowH(below) };
    },
  };
}

export function lanesLayout(topic: TopicState, groups = 1, top = 44): LanesLayout {
  const band = scaleBand<number>()
    .domain(topic.partitions.map((p) => p.partition))
    .range([top, HEIGHT - 6])
    .paddingInner(0.16);
  const { first, slots } = offsetWindow(topic, MIN_SLOTS);
  const x = scaleLinear()
    .domain([first, first + slots])
    .range([RECORDS_LEFT, RECORDS_RIGHT]);
  const laneHeight = band.bandwidth();
  return {
    laneY: (p) => band(p) ?? 0,
    laneHeight,
    slotX: (o) => x(o),
    slotWidth: x(first + 1) - x(first),
    first,
    ...bands(Math.max(1, groups), laneHeight),
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
  /** The broker strip at the top of the right column, when the scene shows brokers. */
  readonly brokers: Box | null;
}

const COORDINATOR_H = 86;
const BROKERS_H = 78;
const HEADER_H = 32;
const MAX_SLOT = 84;

/**
 * Groups stacked top to bottom in the order given, each with its coordinator (when shown), its name and its
 * consumers; boxes shrink to fit above `bottom`. One column, so no line from a lane crosses another group's
 * boxes. The consumers given are every consumer the scene will have, so boxes keep their place from step
 * to step.
 */
export function rightLayout(
  groups: readonly string[],
  consumersOf: (group: string) => readonly string[],
  top: 'coordinator' | 'brokers' | 'none',
  bottom = HEIGHT - 4,
): RightLayout {
  const w = RIGHT_RIGHT - RIGHT_LEFT;
  const brokers = top === 'brokers' ? { x: RIGHT_LEFT, y: 4, w, h: BROKERS_H } : null;
  let y = brokers ? 4 + BROKERS_H + 8 : 4;
  const perGroup = top === 'coordinator' ? COORDINATOR_H + 10 : 0;
  const fixed = y + groups.length * (HEADER_H + perGroup);
  const total = groups.reduce((n, g) => n + consumersOf(g).length, 0);
  const slot = Math.min(MAX_SLOT, (bottom - 4 - fixed) / Math.max(1, total));
  const boxes = new Map<string, Box>();
  const columns = groups.map((group, index): GroupColumn => {
    const coordinator = top === 'coordinator' ? { x: RIGHT_LEFT, y, w, h: COORDINATOR_H } : null;
    if (coordinator) y += COORDINATOR_H + 10;
    const header = { x: RIGHT_LEFT, y: y + HEADER_H / 2, w };
    y += HEADER_H;
    for (const id of consumersOf(group)) {
      boxes.set(id, { x: RIGHT_LEFT, y, w, h: slot - 8 });
      y += slot;
    }
    return { group, index, coordinator, header };
  });
  return { columns, boxes, brokers };
}

/** The middle of a box's left edge, where lanes' lines and fetched records arrive. */
export const leftMiddle = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });

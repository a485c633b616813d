/**
 * Geometry of the topic view: producers in a column on the left, each with room below it for its partitioner's
 * computation; lanes are bands, offsets are linear along a lane. The scene fixes how many lanes, slots and
 * producers the picture has room for, so no box moves or shrinks between its steps (a topic that grows from 4
 * to 6 partitions fills lanes that were already laid out).
 *
 * This is the one view in the initial download, so it does its two lines of arithmetic itself: importing any
 * of d3-scale or d3-interpolate here would put the whole of each (with d3-format and d3-color, ~9 KB gzipped)
 * in the initial chunk, since a bundled module cannot be split between the entry and the lazy views that use
 * the rest of it. The lazy views take their scales and interpolators from d3.
 */
import type { TopicState } from '../../engine';
import { type OffsetWindow, offsetWindow } from './log-window';

export const STAGE_WIDTH = 1200;
export const STAGE_HEIGHT = 520;
/** The topic's title sits above the lanes, clear of P0. */
export const TITLE_Y = 26;
const LANES_TOP = 46;
const LANES_BOTTOM = STAGE_HEIGHT - 6;
export const PRODUCER_BOX = { x: 8, width: 292, height: 100 };
/** The computation lines under a producer's box. */
export const CALLOUT_LINE_HEIGHT = 26;
/** Where the arrows from the producers' column start. */
export const ARROW_START_X = PRODUCER_BOX.x + PRODUCER_BOX.width + 10;
export const LANE_X = 372;
export const LANE_WIDTH = STAGE_WIDTH - LANE_X - 8;
/** Room at a lane's left end for its name, P0..P5. */
const LANE_LABEL_WIDTH = 58;
/** Where a record's label and offset are centred, as fractions of its box's height: apart even on six lanes. */
export const LABEL_AT = 0.3;
export const OFFSET_AT = 0.78;
/** Slots a lane shows when the scene does not say. */
const MIN_SLOTS = 10;

/** What the scene's picture must have room for, on every one of its steps. */
export interface TopicLayoutSpec {
  /** Lanes laid out from the start: the most partitions the topic has in the scene. */
  readonly lanes?: number;
  /** Offsets a lane has room for: more than the longest log of the scene (the next offset has a slot too). */
  readonly slots?: number;
  /** Producers the scene shows, each in a fixed place, drawn once it exists. */
  readonly producers: number;
}

export interface TopicLayout {
  laneY: (partition: number) => number;
  laneHeight: number;
  /** Left edge of the slot holding an offset. */
  slotX: (offset: number) => number;
  slotWidth: number;
  /** Top of the box of the producer in this place of the column. */
  producerY: (index: number) => number;
}

export function topicLayout(topic: TopicState, spec: TopicLayoutSpec): TopicLayout {
  const lanes = Math.max(spec.lanes ?? 0, topic.partitions.length);
  return laneLayout(lanes, offsetWindow(topic, spec.slots ?? MIN_SLOTS), spec.producers);
}

/**
 * The geometry of `lanes` lanes spanning a window of offsets, with a column for `producerCount` producers:
 * what the simulated topic (topicLayout) and a real cluster's topic (src/ui/reality) both draw on.
 */
export function laneLayout(lanes: number, window: OffsetWindow, producerCount: number): TopicLayout {
  const band = bands(lanes, LANES_TOP, LANES_BOTTOM, 0.16);
  const { first, slots } = window;
  const recordsX = LANE_X + LANE_LABEL_WIDTH;
  const x = (offset: number) => lerp(recordsX, LANE_X + LANE_WIDTH - 4, (offset - first) / slots);
  const slotWidth = x(first + 1) - x(first);
  const producers = Math.max(1, producerCount);
  const producerStep = (LANES_BOTTOM - LANES_TOP) / producers;
  return {
    laneY: (p) => band.start + band.step * p,
    laneHeight: band.width,
    slotX: (o) => x(o),
    slotWidth,
    producerY: (i) => LANES_TOP + producerStep * i,
  };
}

/** The number `t` of the way from `a` to `b`, as d3's interpolateNumber gives it. */
export function lerp(a: number, b: number, t: number): number {
  return a * (1 - t) + b * t;
}

/** n bands over [start, stop] with inner padding as a fraction of a step, as d3's scaleBand lays them out. */
function bands(n: number, start: number, stop: number, paddingInner: number) {
  const step = (stop - start) / Math.max(1, n - paddingInner);
  return { start, step, width: step * (1 - paddingInner) };
}

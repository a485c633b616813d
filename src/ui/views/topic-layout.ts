/**
 * Geometry of the topic view: lanes are bands, offsets are linear along a lane. Pure functions of the engine
 * state, shared by the lanes and the records in flight.
 *
 * This is the one view in the initial download, so it does its two lines of arithmetic itself: importing any
 * of d3-scale or d3-interpolate here would put the whole of each (with d3-format and d3-color, ~9 KB gzipped)
 * in the initial chunk, since a bundled module cannot be split between the entry and the lazy views that use
 * the rest of it. The lazy views take their scales and interpolators from d3.
 */
import type { TopicState } from '../../engine';
import { offsetWindow } from './log-window';

export const STAGE_WIDTH = 1200;
export const STAGE_HEIGHT = 520;
export const PRODUCER_BOX = { x: 10, y: 0, width: 250, height: 112 };
export const LANE_X = 290;
export const LANE_WIDTH = STAGE_WIDTH - LANE_X - 30;
/** Slots a lane shows before records shrink to fit. */
const MIN_SLOTS = 10;

export interface TopicLayout {
  laneY: (partition: number) => number;
  laneHeight: number;
  /** Left edge of the slot holding an offset. */
  slotX: (offset: number) => number;
  slotWidth: number;
  producerY: (index: number, count: number) => number;
}

export function topicLayout(topic: TopicState): TopicLayout {
  const band = bands(topic.partitions.length, 24, STAGE_HEIGHT - 10, 0.28);
  const { first, slots } = offsetWindow(topic, MIN_SLOTS);
  const x = (offset: number) => lerp(LANE_X + 70, LANE_X + LANE_WIDTH, (offset - first) / slots);
  const slotWidth = x(first + 1) - x(first);
  return {
    laneY: (p) => band.start + band.step * p,
    laneHeight: band.width,
    slotX: (o) => x(o),
    slotWidth,
    producerY: (i, n) => (STAGE_HEIGHT * (i + 1)) / (n + 1) - PRODUCER_BOX.height / 2,
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

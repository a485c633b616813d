/**
 * Geometry of the topic view, from d3 scales: lanes are bands, offsets are a linear scale along a lane.
 * Pure functions of the engine state, shared by the lanes and the records in flight.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { TopicState } from '../../engine/types';

export const STAGE_WIDTH = 1200;
export const STAGE_HEIGHT = 520;
export const PRODUCER_BOX = { x: 10, y: 0, width: 250, height: 112 };
export const LANE_X = 290;
export const LANE_WIDTH = STAGE_WIDTH - LANE_X - 30;
export const RECORD_GAP = 6;
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
  const partitions = topic.partitions.map((p) => p.partition);
  const band = scaleBand<number>()
    .domain(partitions)
    .range([24, STAGE_HEIGHT - 10])
    .paddingInner(0.28);
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
    .range([LANE_X + 70, LANE_X + LANE_WIDTH]);
  const slotWidth = x(first + 1) - x(first);
  return {
    laneY: (p) => band(p) ?? 0,
    laneHeight: band.bandwidth(),
    slotX: (o) => x(o),
    slotWidth,
    producerY: (i, n) => (STAGE_HEIGHT * (i + 1)) / (n + 1) - PRODUCER_BOX.height / 2,
  };
}

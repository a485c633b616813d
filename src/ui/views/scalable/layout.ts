/**
 * Where everything sits in the scalable-architecture view: the readout across the top, producers left,
 * brokers (each leading its partitions) in the middle, the consumer group right with the capacity chart
 * under it. Pure geometry. Every box has a fixed place from the first step: consumers fill slots of a grid
 * sized for the most consumers the scene will have, so nothing shrinks or moves as the group grows.
 */
import { scaleBand } from 'd3-scale';
import type { Box } from '../box';

export const W = 1200;
export const H = 500;
export const READOUT = { x: 20, y: 4, w: 1160, h: 50 };
export const PRODUCER_X = 20;
export const PRODUCER_W = 90;
export const CAPTION_Y = 80;
export const BROKER_AREA = { x: 126, y: 90, w: 546, h: 406 };
export const CONSUMER_AREA = { x: 694, y: 90, w: 490, h: 186 };
export const CHART = { x: 760, y: 332, w: 330, h: 120 };
/** Consumer slots drawn from the start: the most the scene adds (a live action may add more). */
export const CONSUMER_SLOTS = 60;
const CONSUMER_COLS = 10;

export type { Box };

export function producerBoxes(ids: readonly string[]): Map<string, Box> {
  const band = scaleBand<string>()
    .domain(ids)
    .range([BROKER_AREA.y, BROKER_AREA.y + BROKER_AREA.h])
    .paddingInner(0.3);
  return new Map(
    ids.map((id) => [id, { x: PRODUCER_X, y: band(id) ?? 0, w: PRODUCER_W, h: band.bandwidth() }]),
  );
}

export function brokerBoxes(ids: readonly number[]): Map<number, Box> {
  const cols = 3;
  const rows = Math.ceil(ids.length / cols);
  const w = BROKER_AREA.w / cols;
  const h = BROKER_AREA.h / Math.max(1, rows);
  return new Map(
    ids.map((id, i) => [
      id,
      {
        x: BROKER_AREA.x + (i % cols) * w + 5,
        y: BROKER_AREA.y + Math.floor(i / cols) * h + 5,
        w: w - 10,
        h: h - 10,
      },
    ]),
  );
}

/** Where a broker's partition bars sit: below its name, so records in flight land on the bars, not the name. */
export function barArea(b: Box): Box {
  return { x: b.x + 8, y: b.y + 32, w: b.w - 16, h: b.h - 38 };
}

/**
 * One fixed tile per consumer, in the order they joined: ten to a row, as many rows as CONSUMER_SLOTS (or
 * more consumers, if a live action added them) need. A tile keeps its place and size as the group grows.
 */
export function consumerBoxes(ids: readonly string[]): Map<string, Box> {
  const rows = Math.ceil(Math.max(CONSUMER_SLOTS, ids.length) / CONSUMER_COLS);
  const w = CONSUMER_AREA.w / CONSUMER_COLS;
  const h = CONSUMER_AREA.h / rows;
  return new Map(
    ids.map((id, i) => [
      id,
      {
        x: CONSUMER_AREA.x + (i % CONSUMER_COLS) * w,
        y: CONSUMER_AREA.y + Math.floor(i / CONSUMER_COLS) * h,
        w: w - 5,
        h: h - 5,
      },
    ]),
  );
}

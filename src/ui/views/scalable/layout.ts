/**
 * Where everything sits in the scalable-architecture view: producers left, brokers (each leading its
 * partitions) in the middle, the consumer group right, the throughput chart bottom right. Pure geometry.
 */
import { scaleBand } from 'd3-scale';

export const W = 1200;
export const H = 520;
export const PRODUCER_X = 20;
export const PRODUCER_W = 120;
export const BROKER_AREA = { x: 190, y: 30, w: 560, h: 470 };
export const CONSUMER_AREA = { x: 790, y: 30, w: 390, h: 250 };
export const CHART = { x: 840, y: 320, w: 330, h: 160 };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function producerBoxes(ids: readonly string[]): Map<string, Box> {
  const band = scaleBand<string>()
    .domain(ids)
    .range([40, H - 20])
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
        x: BROKER_AREA.x + (i % cols) * w + 6,
        y: BROKER_AREA.y + Math.floor(i / cols) * h + 6,
        w: w - 12,
        h: h - 12,
      },
    ]),
  );
}

export function consumerBoxes(ids: readonly string[]): Map<string, Box> {
  const cols = Math.max(1, Math.ceil(Math.sqrt(ids.length * 1.6)));
  const rows = Math.max(1, Math.ceil(ids.length / cols));
  const w = Math.min(90, CONSUMER_AREA.w / cols);
  const h = Math.min(60, CONSUMER_AREA.h / rows);
  return new Map(
    ids.map((id, i) => [
      id,
      {
        x: CONSUMER_AREA.x + (i % cols) * w,
        y: CONSUMER_AREA.y + Math.floor(i / cols) * h,
        w: w - 4,
        h: h - 4,
      },
    ]),
  );
}

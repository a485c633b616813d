/**
 * The capacity chart's geometry, pure: log-log scales (one consumer's few dozen records/s and forty-eight
 * consumers' few thousand must both be readable beside a demand of a few hundred), their ticks, and the capacity
 * curve sampled at every whole number of consumers so its corner at the partition count shows.
 */
import { scaleLog } from 'd3-scale';
import { CHART } from './layout';

export const X_TICKS = [1, 2, 4, 8, 16, 32, 64] as const;
export const Y_TICKS = [100, 300, 1_000, 3_000] as const;
const Y_MIN = 40;
const Y_MAX = 6_000;

export function chartScales() {
  const x = scaleLog()
    .base(2)
    .domain([1, X_TICKS[X_TICKS.length - 1]!])
    .range([CHART.x, CHART.x + CHART.w])
    .clamp(true);
  const y = scaleLog()
    .domain([Y_MIN, Y_MAX])
    .range([CHART.y + CHART.h, CHART.y])
    .clamp(true);
  return { x, y };
}

export function tickLabel(v: number): string {
  return v >= 1_000 ? `${v / 1_000}k` : String(v);
}

/** The capacity curve from one consumer to `consumers`, one point per whole consumer. */
export function capacityCurve(
  consumers: number,
  capacityAt: (n: number) => number,
): { consumers: number; perSec: number }[] {
  const out: { consumers: number; perSec: number }[] = [];
  for (let n = 1; n <= consumers; n++) out.push({ consumers: n, perSec: capacityAt(n) });
  return out;
}

import { describe, expect, it } from 'vitest';
import { capacityCurve, chartScales, tickLabel } from './capacity-chart';
import { CHART, CONSUMER_AREA, consumerBoxes, H, W } from './layout';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);

describe('the scalable layout', () => {
  it('keeps each consumer tile where it was and as large as it was when the group grows', () => {
    const small = consumerBoxes(ids(4));
    const large = consumerBoxes(ids(60));
    for (const [id, box] of small) expect(large.get(id)).toEqual(box);
  });

  it('fits sixty consumer tiles inside the consumer area without overlap', () => {
    const boxes = [...consumerBoxes(ids(60)).values()];
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(CONSUMER_AREA.x);
      expect(b.x + b.w).toBeLessThanOrEqual(CONSUMER_AREA.x + CONSUMER_AREA.w);
      expect(b.y + b.h).toBeLessThanOrEqual(CONSUMER_AREA.y + CONSUMER_AREA.h);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart).toBe(true);
      }
  });

  // The axis label's baseline sits 42 below the chart, and its descenders a few more.
  it('keeps the chart and its tick labels inside the picture', () => {
    expect(CHART.x + CHART.w).toBeLessThan(W);
    expect(CHART.y + CHART.h + 46).toBeLessThanOrEqual(H);
  });
});

describe('the capacity chart', () => {
  it('puts more capacity higher and more consumers further right', () => {
    const { x, y } = chartScales();
    expect(x(8)).toBeGreaterThan(x(4));
    expect(y(1_600)).toBeLessThan(y(800));
  });

  it('samples the capacity curve at every consumer, so its corner at the partition count is drawn', () => {
    const curve = capacityCurve(60, (n) => Math.min(n, 48) * 200);
    expect(curve).toHaveLength(60);
    expect(curve[47]).toEqual({ consumers: 48, perSec: 9_600 });
    expect(curve[59]).toEqual({ consumers: 60, perSec: 9_600 });
  });

  it('writes tick values as a room reads them', () => {
    expect([100, 300, 1_000, 3_000, 10_000].map(tickLabel)).toEqual(['100', '300', '1k', '3k', '10k']);
  });
});

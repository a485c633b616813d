import { describe, expect, it } from 'vitest';
import { H, panelLayout, timeWindow, W, WINDOW_MS, xOf } from './protocol-layout';

describe('consumer-protocol layout', () => {
  it('puts the two panels side by side inside the picture, each table under its timeline', () => {
    const left = panelLayout(0, 6);
    const right = panelLayout(1, 6);
    expect(left.panel.x + left.panel.w).toBeLessThan(right.panel.x);
    expect(right.panel.x + right.panel.w).toBeLessThanOrEqual(W);
    for (const p of [left, right]) {
      expect(p.table.y).toBeGreaterThan(p.timeline.y + p.timeline.h);
      expect(p.table.y + p.table.h).toBeLessThanOrEqual(H);
    }
  });

  it('shows the first minute, then slides to keep now at the right edge', () => {
    expect(timeWindow(10_000)).toEqual([0, WINDOW_MS]);
    expect(timeWindow(85_000)).toEqual([25_000, 85_000]);
    const box = panelLayout(0, 6).timeline;
    expect(xOf(box, [0, WINDOW_MS], WINDOW_MS)).toBe(box.x + box.w);
    expect(xOf(box, [25_000, 85_000], 0)).toBe(box.x);
  });
});

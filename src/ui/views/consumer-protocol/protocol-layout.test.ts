import { describe, expect, it } from 'vitest';
import { H, MIN_WINDOW_MS, panelLayout, timeWindow, W, WINDOW_MS, xOf } from './protocol-layout';

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

  it('shows the step’s own stretch, never less than 12 s nor more than a minute, ending at the step’s end', () => {
    expect(timeWindow(53_000, 68_000)).toEqual([53_000, 68_000]);
    expect(timeWindow(68_000, 68_300)).toEqual([68_300 - MIN_WINDOW_MS, 68_300]);
    expect(timeWindow(0, 5000)).toEqual([0, MIN_WINDOW_MS]);
    expect(timeWindow(0, 90_000)).toEqual([90_000 - WINDOW_MS, 90_000]);
    const box = panelLayout(0, 6).timeline;
    expect(xOf(box, [0, WINDOW_MS], WINDOW_MS)).toBe(box.x + box.w);
    expect(xOf(box, [25_000, 85_000], 0)).toBe(box.x);
  });
});

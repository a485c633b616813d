import { describe, expect, it } from 'vitest';
import { axisX, H, panelLayout, timeWindow } from './rebalance-layout';

describe('the rebalance comparison layout', () => {
  it('puts the two panels side by side without overlap, everything inside the picture', () => {
    const left = panelLayout(0, 4);
    const right = panelLayout(1, 4);
    expect(left.panel.x + left.panel.w).toBeLessThan(right.panel.x);
    expect(left.row(3).y + left.row(3).h).toBeLessThan(left.track.y);
    expect(left.listTop + 2 * 26).toBeLessThan(left.counter.y);
    expect(left.counter.y + left.counter.h).toBeLessThanOrEqual(H);
  });

  it('lines the strips up with the rounds track, inside their row', () => {
    const l = panelLayout(1, 4);
    expect(l.strip(2).x).toBe(l.track.x);
    expect(l.strip(2).w).toBe(l.track.w);
    expect(l.strip(2).y).toBeGreaterThan(l.row(2).y);
    expect(l.strip(2).y + l.strip(2).h).toBeLessThan(l.row(2).y + l.row(2).h);
  });

  it('maps model time onto an axis, clamped to its ends', () => {
    const { track } = panelLayout(1, 4);
    expect(axisX(track, 1000, 2000, 1500)).toBe(track.x + track.w / 2);
    expect(axisX(track, 1000, 2000, 5000)).toBe(track.x + track.w);
    expect(axisX(track, 1000, 2000, 0)).toBe(track.x);
  });

  it("shows a step's own stretch, or the last seconds for a step without time of its own", () => {
    expect(timeWindow(9000, 23000, 23000)).toEqual([9000, 23000]);
    expect(timeWindow(23000, 23000, 23000)).toEqual([7000, 23000]);
  });
});

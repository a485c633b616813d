import { describe, expect, it } from 'vitest';
import { H, panelLayout, trackX } from './rebalance-layout';

describe('the rebalance comparison layout', () => {
  it('puts the two panels side by side without overlap, everything inside the picture', () => {
    const left = panelLayout(0, 4);
    const right = panelLayout(1, 4);
    expect(left.panel.x + left.panel.w).toBeLessThan(right.panel.x);
    expect(left.row(3).y + left.row(3).h).toBeLessThan(left.track.y);
    expect(left.listTop).toBeLessThan(left.counter.y);
    expect(left.counter.y + left.counter.h).toBeLessThanOrEqual(H);
  });

  it('maps model time onto the track, clamped to its ends', () => {
    const { track } = panelLayout(1, 4);
    expect(trackX(track, 1000, 500)).toBe(track.x + track.w / 2);
    expect(trackX(track, 1000, 5000)).toBe(track.x + track.w);
    expect(trackX(track, 1000, -1)).toBe(track.x);
  });
});

import { describe, expect, it } from 'vitest';
import { edgeX, segmentBox, slotBox, W } from './compaction-layout';

describe('the compaction view’s layout', () => {
  it('keeps every slot of the row inside the picture, side by side without overlap', () => {
    const slots = 11;
    for (let o = 0; o < slots; o++) {
      const a = slotBox(o, slots);
      expect(a.x).toBeGreaterThan(0);
      expect(a.x + a.w).toBeLessThan(W);
      if (o > 0) expect(a.x).toBeGreaterThan(slotBox(o - 1, slots).x + slotBox(o - 1, slots).w);
    }
  });

  it('draws a segment from its base offset to its end, an empty active segment one slot wide', () => {
    const s = segmentBox(3, 6, 10);
    expect(s.x).toBeCloseTo(edgeX(3, 10) + 2);
    expect(s.x + s.w).toBeCloseTo(edgeX(6, 10) - 2);
    expect(segmentBox(4, 4, 10).w).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { memberBox, RIGHT, slotWidth, slotX } from './share-layout';

describe('the share view layout', () => {
  it('keeps twelve slots in the row however few records there are, and never runs past the row', () => {
    expect(slotWidth(3)).toBe(slotWidth(12));
    expect(slotX(11, 12) + slotWidth(12)).toBeCloseTo(RIGHT);
    expect(slotX(15, 16) + slotWidth(16)).toBeCloseTo(RIGHT);
  });

  it('puts three member cards side by side within the row', () => {
    const boxes = [0, 1, 2].map((i) => memberBox(i, 3));
    for (let i = 1; i < 3; i++) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x + boxes[i - 1]!.width);
    expect(boxes[2]!.x + boxes[2]!.width).toBeCloseTo(RIGHT);
  });
});

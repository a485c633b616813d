/** Where the compaction view puts things, in its viewBox units: pure arithmetic, tested beside it. */
import type { Box } from '../box';

export const W = 1200;
export const H = 470;
const LEFT = 12;
const RIGHT = W - 12;
export const RECORD_TOP = 124;
export const RECORD_H = 96;
export const OFFSET_Y = RECORD_TOP + RECORD_H + 18;
export const SEGMENT_TOP = OFFSET_Y + 16;
export const SEGMENT_H = 30;
export const GROUPS_TOP = SEGMENT_TOP + SEGMENT_H + 26;
export const GROUP_ROW_H = 30;
export const TABLE_TOP = 356;

/** The slot of an offset along the row, `slots` offsets wide. */
export function slotBox(offset: number, slots: number): Box {
  const w = (RIGHT - LEFT) / slots;
  return { x: LEFT + offset * w + 4, y: RECORD_TOP, w: w - 8, h: RECORD_H };
}

/** Left edge of an offset's slot (the boundary before it). */
export function edgeX(offset: number, slots: number): number {
  return LEFT + (offset * (RIGHT - LEFT)) / slots;
}

/** A segment's bracket: from its base offset's slot to the slot before its end. */
export function segmentBox(baseOffset: number, endOffset: number, slots: number): Box {
  const x = edgeX(baseOffset, slots) + 2;
  return {
    x,
    y: SEGMENT_TOP,
    w: Math.max(edgeX(Math.max(endOffset, baseOffset + 1), slots) - 2 - x, 0),
    h: SEGMENT_H,
  };
}

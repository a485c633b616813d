/**
 * Where the share view puts things: one slot per offset of the partition row (enough for the scene's
 * largest log), the members' cards under it, the consumer group's panel at the bottom.
 */
export const W = 1200;
export const H = 490;
const ROW_X = 60;
const ROW_W = 1110;
export const ROW_Y = 76;
export const ROW_H = 112;

/** At least 12 slots, so records keep their size as the log grows during the scene. */
export function slotWidth(slots: number): number {
  return ROW_W / Math.max(12, slots);
}

export function slotX(offset: number, slots: number): number {
  return ROW_X + offset * slotWidth(slots);
}

/** The members' cards: side by side, as wide as the row allows. */
export function memberBox(index: number, count: number) {
  const gap = 20;
  const width = (ROW_W - gap * (Math.max(count, 1) - 1)) / Math.max(count, 1);
  return { x: ROW_X + index * (width + gap), y: 282, width, height: 86 };
}

export const CLASSIC_Y = 404;
export const MEMBERS_TITLE_Y = 268;
export const LEFT = ROW_X;
export const RIGHT = ROW_X + ROW_W;

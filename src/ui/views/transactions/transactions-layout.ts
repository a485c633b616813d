/**
 * Where the exactly-once picture puts things, in its 1200 x 470 viewBox (wide, as the stage is): the
 * producers' and coordinator's cards down the left, the partition lanes to their right, the consumers
 * under the lanes.
 */
export const W = 1200;
export const H = 470;
export const CARD_X = 8;
export const CARD_W = 300;
export const CARD_LINE_H = 27;
/** The partition lanes start right of the cards. */
export const LANE_X = 362;
export const SLOT_W = 139;
export const RECORD_W = 131;
export const RECORD_H = 68;
const LANE_TOP = 84;
const LANE_STEP = 130;
/** The consumers' cards: their top, height, and how many records one row of a card lists. */
export const CONSUMER_Y = 314;
export const CONSUMER_H = 150;
export const READ_PER_ROW = 3;
export const READ_W = 126;

export const laneY = (partition: number) => LANE_TOP + partition * LANE_STEP;
/** The left edge of the record at this offset. */
export const slotX = (offset: number) => LANE_X + offset * SLOT_W + (SLOT_W - RECORD_W) / 2;
/** Where the HW or LSO mark stands: just before the slot of that offset. */
export const markX = (offset: number) => LANE_X + offset * SLOT_W;

/** The legend's swatches, left to right, each after the previous label (about 10 px a character at 18 px). */
export function legendXs(labels: readonly string[], startX: number): number[] {
  const xs: number[] = [];
  let x = startX;
  for (const l of labels) {
    xs.push(x);
    x += 24 + l.length * 9 + 22;
  }
  return xs;
}

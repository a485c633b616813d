/** Where the exactly-once picture puts things, in its 1200 x 660 viewBox. */
export const W = 1200;
export const H = 660;
/** The producers' and coordinator's cards down the left side. */
export const CARD_W = 330;
/** The partition lanes start right of the cards. */
export const LANE_X = 400;
export const SLOT_W = 128;
export const RECORD_W = 118;
export const RECORD_H = 66;
const LANE_TOP = 90;
const LANE_STEP = 150;

export const laneY = (partition: number) => LANE_TOP + partition * LANE_STEP;
/** The left edge of the record at this offset (the HW and LSO marks sit just before a slot). */
export const slotX = (offset: number) => LANE_X + offset * SLOT_W + (SLOT_W - RECORD_W) / 2;

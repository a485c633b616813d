/**
 * Where the rebalance comparison puts things: two panels side by side, each with a row per partition (its
 * reader now, and a strip of who read it over the window), the rebalance rounds on the same time axis, and
 * the count of records read while rebalancing.
 */
import type { Box } from '../box';

export const W = 1200;
export const H = 520;
const PANEL_W = 580;
const GAP = 40;
const ROW_H = 56;
const ROW_GAP = 8;
const ROWS_TOP = 84;
/** Where the strips start inside a row: after the partition label and its reader's name. */
const STRIP_LEFT = 236;

export interface PanelLayout {
  readonly panel: Box;
  readonly row: (i: number) => Box;
  /** The time axis of the strips and of the rounds track: the same x range in every row. */
  readonly strip: (i: number) => Box;
  readonly track: Box;
  readonly listTop: number;
  readonly counter: Box;
}

export function panelLayout(index: 0 | 1, partitions: number): PanelLayout {
  const x = index === 0 ? 0 : PANEL_W + GAP;
  const rowsEnd = ROWS_TOP + partitions * (ROW_H + ROW_GAP);
  const row = (i: number): Box => ({ x, y: ROWS_TOP + i * (ROW_H + ROW_GAP), w: PANEL_W, h: ROW_H });
  const stripX = x + STRIP_LEFT;
  const stripW = PANEL_W - STRIP_LEFT - 12;
  const track = { x: stripX, y: rowsEnd + 8, w: stripW, h: 26 };
  return {
    panel: { x, y: 0, w: PANEL_W, h: H },
    row,
    strip: (i) => ({ x: stripX, y: row(i).y + 14, w: stripW, h: ROW_H - 28 }),
    track,
    listTop: track.y + track.h + 26,
    counter: { x, y: H - 66, w: PANEL_W, h: 60 },
  };
}

/** A time on an axis box, for a window of model time [fromMs, toMs], clamped to the box. */
export function axisX(box: Box, fromMs: number, toMs: number, atMs: number): number {
  const span = toMs - fromMs;
  const clamped = Math.max(fromMs, Math.min(atMs, toMs));
  return box.x + (span <= 0 ? 0 : ((clamped - fromMs) / span) * box.w);
}

/** The stretch of model time the strips show: the step's own if it lasts, else the last WINDOW_MS. */
export const WINDOW_MS = 16_000;
export function timeWindow(fromMs: number, toMs: number, nowMs: number): readonly [number, number] {
  if (toMs - fromMs >= 2000) return [fromMs, toMs];
  return [Math.max(0, nowMs - WINDOW_MS), Math.max(nowMs, 1)];
}

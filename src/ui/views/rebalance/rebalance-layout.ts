/** Where the rebalance comparison puts things: two panels side by side, each with its rows, timeline and count. */
import type { Box } from '../box';

export const W = 1200;
export const H = 600;
const PANEL_W = 580;
const GAP = 40;
export const ROW_H = 56;
const ROW_GAP = 8;
const ROWS_TOP = 84;

export interface PanelLayout {
  readonly panel: Box;
  readonly row: (i: number) => Box;
  readonly track: Box;
  readonly listTop: number;
  readonly counter: Box;
}

export function panelLayout(index: 0 | 1, partitions: number): PanelLayout {
  const x = index === 0 ? 0 : PANEL_W + GAP;
  const rowsEnd = ROWS_TOP + partitions * (ROW_H + ROW_GAP);
  const track = { x, y: rowsEnd + 30, w: PANEL_W, h: 28 };
  return {
    panel: { x, y: 0, w: PANEL_W, h: H },
    row: (i) => ({ x, y: ROWS_TOP + i * (ROW_H + ROW_GAP), w: PANEL_W, h: ROW_H }),
    track,
    listTop: track.y + track.h + 28,
    counter: { x, y: H - 70, w: PANEL_W, h: 64 },
  };
}

/** A time on the track, for a span of model time [0, spanMs]. */
export function trackX(track: Box, spanMs: number, atMs: number): number {
  const clamped = Math.max(0, Math.min(atMs, spanMs));
  return track.x + (spanMs <= 0 ? 0 : (clamped / spanMs) * track.w);
}

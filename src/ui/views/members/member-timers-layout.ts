/** Where the member-timers picture puts things: a column per group, a card per member, the generations below. */
import type { Box } from '../box';

export const W = 1200;
export const H = 520;
const COLUMN_W = 580;
const GAP = 40;
const CARDS_TOP = 80;
const CARD_H = 156;
const CARD_GAP = 12;
/** The heartbeats are drawn over the last this-many ms before the playhead. */
export const HEARTBEAT_WINDOW_MS = 10_000;

export interface CardLayout {
  readonly card: Box;
  /** The poll timer's bar and the heartbeats' strip: the same x range. */
  readonly pollBar: Box;
  readonly beats: Box;
  readonly line: (n: 1 | 2 | 3 | 4) => number;
}

export function columnX(index: 0 | 1): number {
  return index === 0 ? 0 : COLUMN_W + GAP;
}

export const COLUMN_WIDTH = COLUMN_W;

export function cardLayout(index: 0 | 1, i: number): CardLayout {
  const x = columnX(index);
  const y = CARDS_TOP + i * (CARD_H + CARD_GAP);
  const lineY = (n: 1 | 2 | 3 | 4) => y + [0, 30, 64, 100, 136][n]!;
  const barX = x + 150;
  const barW = 250;
  return {
    card: { x, y, w: COLUMN_W, h: CARD_H },
    pollBar: { x: barX, y: lineY(3) - 11, w: barW, h: 22 },
    beats: { x: barX, y: lineY(4) - 11, w: barW, h: 22 },
    line: lineY,
  };
}

/** Where the list of generations starts, below the cards of the column with the most members. */
export function roundsTop(members: number): number {
  return CARDS_TOP + members * (CARD_H + CARD_GAP) + 24;
}

/** The poll timer's fill: the share of max.poll.interval.ms used, capped at the bar's end. */
export function pollFill(bar: Box, sinceMs: number, maxMs: number): number {
  return bar.w * Math.min(1, Math.max(0, sinceMs / maxMs));
}

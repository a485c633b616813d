/**
 * Where the consumer-protocol view puts things, in viewBox units: two timelines side by side (who read
 * each partition when, classic on the left, the consumer protocol on the right), and under each the
 * members' table. Pure arithmetic, tested beside it.
 */
import type { Box } from '../box';

export const W = 1200;
export const H = 480;
/** The most model time a timeline shows: a crash and the session timeout (45 s) fit in it. */
export const WINDOW_MS = 60_000;
/** The least: a step of a few hundred ms still shows the seconds before it. */
export const MIN_WINDOW_MS = 12_000;

const PANEL_W = 590;
const GAP = 20;
const LABEL_W = 44;
const TIMELINE_TOP = 56;
const AXIS_H = 28;

export interface PanelLayout {
  readonly panel: Box;
  readonly timeline: Box;
  readonly rowHeight: number;
  readonly table: Box;
}

/** The two panels (0 classic, 1 consumer protocol) for a topic of `partitions` partitions. */
export function panelLayout(side: 0 | 1, partitions: number): PanelLayout {
  const x = side === 0 ? 0 : PANEL_W + GAP;
  const rowHeight = Math.max(24, Math.min(30, Math.floor(180 / Math.max(1, partitions))));
  const timeline = { x: x + LABEL_W, y: TIMELINE_TOP, w: PANEL_W - LABEL_W, h: rowHeight * partitions };
  const tableY = timeline.y + timeline.h + AXIS_H + 4;
  return {
    panel: { x, y: 0, w: PANEL_W, h: H },
    timeline,
    rowHeight,
    table: { x, y: tableY, w: PANEL_W, h: H - tableY },
  };
}

/**
 * The window of model time shown: the step's own stretch, so a rebalance of a few seconds is wide enough
 * to see, widened to MIN_WINDOW_MS and narrowed to WINDOW_MS, ending at the step's end.
 */
export function timeWindow(stepFromMs: number, stepToMs: number): readonly [number, number] {
  const span = Math.min(WINDOW_MS, Math.max(MIN_WINDOW_MS, stepToMs - stepFromMs));
  const from = Math.max(0, stepToMs - span);
  return [from, from + span];
}

/** The x of model time `ms` in a timeline box, clamped to it. */
export function xOf(box: Box, window: readonly [number, number], ms: number): number {
  const [from, to] = window;
  const t = Math.max(from, Math.min(to, ms));
  return box.x + ((t - from) / (to - from)) * box.w;
}

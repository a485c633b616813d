/**
 * Where everything of the coordinator scene sits, in a 1280 x 520 viewBox (the stage is wide and short):
 * the FindCoordinator formula on top, the strip of brokers, the coordinator's desk under the middle of the
 * strip (the join-phase timer, the leader's plan) with the step's callout to its right (the left stays free
 * for FindCoordinator's way to any broker), and the members along the bottom. Positions depend only on the
 * brokers and members that exist at the end of the step, so nothing moves while a step plays, and for a
 * scene's fixed cast nothing moves between steps.
 */
import type { Box } from '../box';

export const WIDTH = 1280;
export const HEIGHT = 520;
const MARGIN = 20;
const GAP = 20;

export type { Box };

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const FORMULA_Y = [16, 44] as const;
export const BROKER_Y = 62;
export const BROKER_H = 110;
/** The coordinator's desk: fixed in the middle, whichever broker coordinates, joined to it by a line. */
export const DESK: Box = { x: 430, y: BROKER_Y + BROKER_H + 12, w: 420, h: 92 };
/** The step's callout, beside the desk on the right, above the members' links. */
export const CALLOUT: Box = {
  x: DESK.x + DESK.w + 24,
  y: DESK.y,
  w: WIDTH - MARGIN - (DESK.x + DESK.w + 24),
  h: DESK.h,
};
export const MEMBER_Y = 370;
export const MEMBER_H = HEIGHT - MEMBER_Y - 4;
/** Each member box lists at most this many exchanges of the step. */
export const LOG_LINES = 3;

/** n boxes side by side across the stage between the margins. */
function row(n: number, y: number, h: number, maxW: number): Box[] {
  const w = Math.min(maxW, (WIDTH - 2 * MARGIN - (n - 1) * GAP) / Math.max(1, n));
  const total = n * w + (n - 1) * GAP;
  const left = (WIDTH - total) / 2;
  return Array.from({ length: n }, (_, i) => ({ x: left + i * (w + GAP), y, w, h }));
}

export function brokerBoxes(brokerIds: readonly number[]): Map<number, Box> {
  const boxes = row(brokerIds.length, BROKER_Y, BROKER_H, 400);
  return new Map(brokerIds.map((id, i) => [id, boxes[i]!]));
}

export function memberBoxes(consumers: readonly string[]): Map<string, Box> {
  const boxes = row(consumers.length, MEMBER_Y, MEMBER_H, 400);
  return new Map(consumers.map((c, i) => [c, boxes[i]!]));
}

/** The small squares of the offsets partitions a broker leads, one row inside its box. */
export function tileRow(
  box: Box,
  count: number,
): { x: (i: number) => number; y: number; w: number; h: number } {
  const inner = box.w - 28;
  const step = Math.min(21, inner / Math.max(1, count));
  return { x: (i) => box.x + 14 + i * step, y: box.y + 64, w: step - 3, h: 12 };
}

/**
 * The two arrows between a member and the desk: requests go up on the left one, answers come down on the
 * right one. Member i of n meets the desk's bottom edge at its own point, so links never cross.
 */
export function memberLink(
  member: Box,
  index: number,
  count: number,
): { up: [Point, Point]; down: [Point, Point] } {
  const cx = member.x + member.w / 2;
  const dx = DESK.x + 40 + ((DESK.w - 80) * (index + 0.5)) / Math.max(1, count);
  const top = member.y;
  const bottom = DESK.y + DESK.h;
  return {
    up: [
      { x: cx - 12, y: top },
      { x: dx - 12, y: bottom },
    ],
    down: [
      { x: dx + 12, y: bottom },
      { x: cx + 12, y: top },
    ],
  };
}

/** Where FindCoordinator's paths run sideways: just above the members, below the parked JoinGroups. */
export const FIND_Y = MEMBER_Y - 22;

/**
 * A FindCoordinator's path, to the broker it asked (any broker will do): up from the member, along the
 * bottom of the link area, then up to the broker beside the desk, so the pill never crosses the desk's or
 * the callout's text.
 */
export function findPath(member: Box, broker: Box): Point[] {
  const x = member.x + 40;
  const centre = broker.x + broker.w / 2;
  const lane =
    centre < DESK.x
      ? Math.min(centre, DESK.x - 100)
      : centre > DESK.x + DESK.w
        ? Math.max(centre, CALLOUT.x + 100)
        : centre;
  return [
    { x, y: member.y },
    { x, y: FIND_Y },
    { x: lane, y: FIND_Y },
    { x: lane, y: broker.y + broker.h },
  ];
}

/** The point a share t of the way along a path of straight segments. */
export function along(path: readonly Point[], t: number): Point {
  const lengths = path.slice(1).map((b, i) => Math.hypot(b.x - path[i]!.x, b.y - path[i]!.y));
  let left = Math.max(0, Math.min(1, t)) * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lengths.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    if (left <= lengths[i]! || i === lengths.length - 1) {
      const k = lengths[i]! === 0 ? 1 : Math.min(1, left / lengths[i]!);
      return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
    }
    left -= lengths[i]!;
  }
  return path[0]!;
}

/** Whether two boxes share area (touching edges do not count). */
export const overlaps = (a: Box, b: Box) =>
  Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);

/** A session or join-phase ring: the arc of the share still left, from twelve o'clock clockwise. */
export function ringArc(cx: number, cy: number, r: number, share: number): string {
  const s = Math.max(0, Math.min(1, share));
  if (s >= 0.9999) return `M ${cx} ${cy - r} A ${r} ${r} 0 1 1 ${cx - 0.01} ${cy - r}`;
  if (s <= 0) return '';
  const angle = s * 2 * Math.PI;
  const x = cx + r * Math.sin(angle);
  const y = cy - r * Math.cos(angle);
  return `M ${cx} ${cy - r} A ${r} ${r} 0 ${s > 0.5 ? 1 : 0} 1 ${x} ${y}`;
}

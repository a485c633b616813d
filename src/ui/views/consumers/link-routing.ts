/**
 * The partition -> consumer links, routed as a circuit diagram rather than as straight lines: each link
 * leaves its lane at its group's band, runs to its consumer's own vertical channel in the gap between the
 * lanes and the boxes, and enters the box at its middle. Links then meet only at right angles, never along
 * each other, and the order of the channels is chosen so that as few links cross as possible, a crossing
 * inside one group counting far more than one between two groups (two groups reading every partition must
 * cross somewhere: no drawing of lanes left and boxes right avoids it). Pure: a function of what is shown.
 */

export interface LinkWanted {
  readonly consumer: string;
  readonly group: number;
  readonly partition: number;
  /** Where it leaves the lane (the lane's right edge at its group's band). */
  readonly fromY: number;
  /** Where it enters the consumer's box (the middle of its left edge). */
  readonly toY: number;
}

export interface RoutedLink extends LinkWanted {
  /** The polyline: lane edge, channel at the lane's height, channel at the box's height, box edge. */
  readonly points: readonly (readonly [number, number])[];
}

interface Segment {
  readonly consumer: string;
  readonly group: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Search every channel order up to this many consumers; beyond, keep the boxes' order. */
const EXHAUSTIVE_UP_TO = 6;
const SAME_GROUP_WEIGHT = 100;

function segmentsOf(link: RoutedLink): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < link.points.length; i++) {
    const [x1, y1] = link.points[i - 1]!;
    const [x2, y2] = link.points[i]!;
    if (x1 === x2 && y1 === y2) continue;
    out.push({ consumer: link.consumer, group: link.group, x1, y1, x2, y2 });
  }
  return out;
}

const span = (a: number, b: number) => [Math.min(a, b), Math.max(a, b)] as const;

/** Whether two axis-aligned segments touch: crossing, or running along each other. */
function touch(a: Segment, b: Segment): boolean {
  const [ax1, ax2] = span(a.x1, a.x2);
  const [ay1, ay2] = span(a.y1, a.y2);
  const [bx1, bx2] = span(b.x1, b.x2);
  const [by1, by2] = span(b.y1, b.y2);
  return ax1 <= bx2 && bx1 <= ax2 && ay1 <= by2 && by1 <= ay2;
}

/**
 * Pairs of links of different consumers that touch, as (same group, other group) counts. Two links of one
 * consumer share its channel and its entry on purpose, and are not counted.
 */
export function crossings(links: readonly RoutedLink[]): { sameGroup: number; otherGroups: number } {
  const segs = links.map(segmentsOf);
  let sameGroup = 0;
  let otherGroups = 0;
  for (let i = 0; i < links.length; i++)
    for (let j = i + 1; j < links.length; j++) {
      if (links[i]!.consumer === links[j]!.consumer) continue;
      if (!segs[i]!.some((a) => segs[j]!.some((b) => touch(a, b)))) continue;
      if (links[i]!.group === links[j]!.group) sameGroup++;
      else otherGroups++;
    }
  return { sameGroup, otherGroups };
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function route(links: readonly LinkWanted[], order: readonly string[], left: number, right: number) {
  const step = (right - left) / (order.length + 1);
  const channel = new Map(order.map((c, i) => [c, left + step * (i + 1)]));
  return links.map((l): RoutedLink => {
    const x = channel.get(l.consumer)!;
    return {
      ...l,
      points: [
        [left, l.fromY],
        [x, l.fromY],
        [x, l.toY],
        [right, l.toY],
      ],
    };
  });
}

/**
 * Routes the links between x = left (the lanes' right edge) and x = right (the boxes' left edge).
 * `consumers` is the boxes' order, top to bottom: the fallback channel order, and the tie-break.
 */
export function routeLinks(
  links: readonly LinkWanted[],
  consumers: readonly string[],
  left: number,
  right: number,
): RoutedLink[] {
  const linked = consumers.filter((c) => links.some((l) => l.consumer === c));
  const orders = linked.length <= EXHAUSTIVE_UP_TO ? permutations(linked) : [linked];
  let best: RoutedLink[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const order of orders) {
    const routed = route(links, order, left, right);
    const { sameGroup, otherGroups } = crossings(routed);
    const score = sameGroup * SAME_GROUP_WEIGHT + otherGroups;
    if (score < bestScore) [best, bestScore] = [routed, score];
    if (score === 0) break;
  }
  return best;
}

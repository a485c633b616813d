/**
 * Geometry of the brokers view, from d3 scales: brokers are bands down the stage, each broker's replicas
 * are bands inside it (one lane per partition), and offsets are one linear scale shared by every lane, so
 * the same offset sits at the same x on every broker and a copy travels straight up or down. Between the
 * producers and the brokers runs the replication rail (leader -> followers); under the brokers, a strip
 * holds the colour legend and the ghosts of acknowledged records that were lost.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { BrokerId } from '../../../engine';
import type { ClusterPicture } from './replica-picture';

export const STAGE_WIDTH = 1200;
/** The picture's width with the metrics panel beside it: narrower lanes, the same type size. */
export const STAGE_WIDTH_BESIDE_METRICS = 860;
export const STAGE_HEIGHT = 500;
export const PRODUCER_BOX = { x: 4, width: 236, height: 208 };
export const BROKER_X = 296;
/** The replication rail: arrows from the leader's box to each follower's, in the gap left of the brokers. */
export const RAIL_X = 268;
export const BROKER_WIDTH = STAGE_WIDTH - BROKER_X - 8;
/** The header band of a broker box: its name, leader badge, ISR membership. */
export const BROKER_HEADER = 46;
export const LANE_X = BROKER_X + 16;
/** Room at the lane's left end for its label (P0). */
const LANE_LABEL = 60;
/** Room at the lane's right end for its log end offset and the high watermark. */
const LANE_INFO = 104;
export const LANE_WIDTH = BROKER_WIDTH - 32 - LANE_INFO;
export const LANE_INFO_X = LANE_X + LANE_WIDTH + 10;
const TOP = 40;
/** The strip under the brokers: the legend of the record colours and the lost records' ghosts. */
export const STRIP_HEIGHT = 40;
export const STRIP_Y = STAGE_HEIGHT - STRIP_HEIGHT;
/** Slots a lane shows before records shrink to fit. */
const MIN_SLOTS = 7;
/** The narrowest slot a record's label reads in (€10 at 22px with its margins). */
const MIN_SLOT_WIDTH = 56;

export interface BrokersLayout {
  /** The picture's width (the viewBox), and the broker boxes', lanes' and lane labels' that follow from it. */
  width: number;
  brokerWidth: number;
  laneWidth: number;
  laneInfoX: number;
  brokerY: (broker: BrokerId) => number;
  brokerHeight: number;
  laneY: (broker: BrokerId, partition: number) => number;
  laneHeight: number;
  /** Left edge of the slot holding an offset, the same on every lane. */
  slotX: (offset: number) => number;
  slotWidth: number;
  producerY: (index: number, count: number) => number;
  producerHeight: (count: number) => number;
}

/**
 * `scene` is what the whole scene needs, so that nothing moves or shrinks from one step to the next: the
 * offsets its run ever reaches (its highest log end offset).
 */
export function brokersLayout(
  brokers: readonly BrokerId[],
  pic: ClusterPicture,
  width = STAGE_WIDTH,
  scene: { logEndOffset: number } = { logEndOffset: 0 },
): BrokersLayout {
  const brokerWidth = width - BROKER_X - 8;
  const laneWidth = brokerWidth - 32 - LANE_INFO;
  const rows = scaleBand<BrokerId>()
    .domain(brokers)
    .range([TOP, STRIP_Y - 4])
    .paddingInner(0.08);
  const partitions = pic.partitions.map((p) => p.partition);
  const lanes = scaleBand<number>()
    .domain(partitions)
    .range([BROKER_HEADER, rows.bandwidth() - 8])
    .paddingInner(0.15);
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const p of pic.partitions) {
    for (const r of p.replicas) {
      first = Math.min(first, r.records[0]?.offset ?? r.logEndOffset);
      last = Math.max(last, r.logEndOffset, ...r.lost.map((x) => x.offset + 1));
    }
  }
  if (!Number.isFinite(first)) first = 0;
  // A narrower lane (the metrics panel beside it) shows fewer empty slots, so records keep a readable size.
  const minSlots = Math.max(
    4,
    Math.round((MIN_SLOTS * laneWidth) / (STAGE_WIDTH - BROKER_X - 8 - 32 - LANE_INFO)),
  );
  const range = laneWidth - 4 - LANE_LABEL;
  // Room from the first step for every record the scene will write, so nothing shrinks or moves from one
  // step to the next; a long run (the sandbox) that would make records unreadable grows step by step instead.
  const reserved = Math.min(scene.logEndOffset - first, Math.floor(range / MIN_SLOT_WIDTH));
  const slots = Math.max(minSlots, last - first, reserved);
  const x = scaleLinear()
    .domain([first, first + slots])
    .range([LANE_X + LANE_LABEL, LANE_X + laneWidth - 4]);
  const producerHeight = (n: number) =>
    Math.min(PRODUCER_BOX.height, (STRIP_Y - TOP - 8 * Math.max(0, n - 1)) / Math.max(1, n));
  return {
    width,
    brokerWidth,
    laneWidth,
    laneInfoX: LANE_X + laneWidth + 10,
    brokerY: (b) => rows(b) ?? 0,
    brokerHeight: rows.bandwidth(),
    laneY: (b, p) => (rows(b) ?? 0) + (lanes(p) ?? 0),
    laneHeight: lanes.bandwidth(),
    slotX: (o) => x(o),
    slotWidth: x(first + 1) - x(first),
    producerY: (i, n) => {
      const h = producerHeight(n);
      const gap = n > 1 ? (STRIP_Y - TOP - n * h) / (n - 1) : 0;
      return n > 1 ? TOP + i * (h + gap) : (TOP + STRIP_Y - h) / 2;
    },
    producerHeight,
  };
}

/** Brokers are lettered as the slide does: 0, 1, 2 -> A, B, C. */
export function brokerName(id: BrokerId): string {
  return `Broker ${id < 26 ? String.fromCharCode(65 + id) : id}`;
}

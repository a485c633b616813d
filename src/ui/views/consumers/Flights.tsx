/**
 * Messages in flight: the group protocol (JoinGroup, SyncGroup, heartbeats, commits) between consumers and
 * their coordinator, and fetched records from the lanes to the consumers. A message is drawn at
 * (playheadMs - sentAtMs) / duration, like every message on stage; a step spans seconds of model time
 * while a request takes a few ms, so the drawn duration is at least MIN_FLIGHT_SHARE of the step, or no
 * eye could catch it (yet no longer than to the step's end). It is still a function of the playhead, so
 * scrubbing and stepping back just work.
 */
import { interpolateNumber } from 'd3-interpolate';
import type { ReactElement } from 'react';
import type { Message } from '../../../engine';
import type { Frame } from '../../store/frames';
import { KEYLESS_COLOUR } from '../palette';
import { type Box, LANE_RIGHT, type LanesLayout, leftMiddle } from './consumers-layout';

export const MIN_FLIGHT_SHARE = 0.07;

interface Fetched {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly { readonly offset: number }[];
}

/** Group-protocol requests by their Kafka names; an answer is drawn only when it says something. */
function label(m: Message): string | null {
  const error = m.payload.error as string | undefined;
  switch (m.kind) {
    case 'joinGroup':
      return 'JoinGroup';
    case 'joinGroupResponse':
      return error === 'MEMBER_ID_REQUIRED' ? 'your member id' : error && error !== 'NONE' ? error : 'joined';
    case 'syncGroup':
      return m.payload.assignments ? 'SyncGroup + plan' : 'SyncGroup';
    case 'syncGroupResponse':
      return 'your partitions';
    case 'heartbeat':
      return '♥';
    case 'heartbeatResponse':
      return error === 'REBALANCE_IN_PROGRESS' ? 'rejoin!' : null;
    case 'offsetCommit':
      return 'commit';
    case 'offsetFetch':
      return 'OffsetFetch';
    case 'leaveGroup':
      return 'LeaveGroup';
    default:
      return null;
  }
}

const consumerOf = (node: string) => (node.startsWith('consumer:') ? node.slice('consumer:'.length) : null);

function Pill({ x, y, text, className }: { x: number; y: number; text: string; className: string }) {
  const w = Math.max(34, text.length * 11 + 18);
  return (
    <g className={className} transform={`translate(${x},${y})`}>
      <rect x={-w / 2} y={-15} width={w} height={30} rx={15} />
      <text x={0} y={0} textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}

export function Flights({
  frame,
  playheadMs,
  topic,
  boxes,
  coordinatorOf,
  trackOf,
  lanes,
}: {
  frame: Frame;
  playheadMs: number;
  topic: string;
  boxes: ReadonlyMap<string, Box>;
  /** The coordinator box of a consumer's group, or null when the scene does not show it. */
  coordinatorOf: (consumer: string) => Box | null;
  /** A consumer's place among its group's consumers. */
  trackOf: (consumer: string) => { index: number; count: number };
  lanes: LanesLayout;
}) {
  // The final picture (and reduced motion) shows what the step left, not pills caught mid-flight over boxes.
  if (playheadMs >= frame.toMs) return null;
  const minMs = MIN_FLIGHT_SHARE * Math.max(0, frame.toMs - frame.fromMs);
  const pills: ReactElement[] = [];
  for (const e of frame.events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    // Stretched, but never past the end of the step: at the step's end only what is really in flight shows.
    const real = m.arrivesAtMs - m.sentAtMs;
    const shown = Math.max(real, Math.min(minMs, frame.toMs - m.sentAtMs), 1);
    const p = (playheadMs - m.sentAtMs) / shown;
    if (p < 0 || p >= 1) continue;
    const outbound = consumerOf(m.from);
    const consumer = outbound ?? consumerOf(m.to);
    const box = consumer === null ? undefined : boxes.get(consumer);
    if (!box || consumer === null) continue;
    if (m.kind === 'fetchResponse') {
      for (const f of (m.payload.partitions as Fetched[] | undefined) ?? []) {
        if (f.topic !== topic || f.records.length === 0) continue;
        const to = leftMiddle(box);
        const fromY = lanes.laneY(f.partition) + lanes.laneHeight / 2;
        const x = interpolateNumber(LANE_RIGHT, to.x)(p);
        const y = interpolateNumber(fromY, to.y)(p);
        const first = f.records[0]!.offset;
        const last = f.records.at(-1)!.offset;
        pills.push(
          <Pill
            key={`${m.id}-${f.partition}`}
            x={x}
            y={y}
            className="flying-fetch"
            text={first === last ? `P${f.partition}:${first}` : `P${f.partition}:${first}–${last}`}
          />,
        );
      }
      continue;
    }
    const text = label(m);
    const coordinator = coordinatorOf(consumer);
    if (text === null || !coordinator) continue;
    // Each consumer has its own vertical track to the coordinator, so a rebalance's burst stays legible.
    const track = trackOf(consumer);
    const cx = box.x + box.w * (0.3 + (0.62 * (track.index + 0.5)) / track.count);
    const cy = box.y + 4;
    const ky = coordinator.y + coordinator.h;
    const [x0, y0, x1, y1] = outbound ? [cx, cy, cx, ky] : [cx, ky, cx, cy];
    pills.push(
      <Pill
        key={m.id}
        x={interpolateNumber(x0, x1)(p)}
        y={interpolateNumber(y0, y1)(p)}
        text={text}
        className={`flying-protocol ${m.kind}`}
      />,
    );
  }
  return (
    <g className="flights" aria-hidden="true" style={{ ['--keyless' as string]: KEYLESS_COLOUR }}>
      {pills}
    </g>
  );
}

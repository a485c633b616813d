/**
 * Messages in flight at the playhead, each drawn at (playhead - sentAtMs) / (arrivesAtMs - sentAtMs) of its
 * way: produce requests and their ✓/✗ between producers and the leader, follower fetches and the records
 * (or the high watermark) that answer them between brokers. A message the engine will lose on the way (its
 * receiver is down) is drawn dashed in red.
 */
import { interpolateNumber } from 'd3-interpolate';
import type { FetchedPartition, FetchPartition, Message, PendingRecord } from '../../../engine';
import { brokerIdOf } from '../../../engine';
import type { Frame } from '../../store/frames';
import { KEYLESS_COLOUR } from '../palette';
import { BROKER_X, type BrokersLayout, PRODUCER_BOX, RAIL_X } from './brokers-layout';
import { COPIES_COLOUR, copiesClass } from './copies';
import type { ClusterPicture } from './replica-picture';

interface Props {
  frame: Frame;
  playheadMs: number;
  layout: BrokersLayout;
  pic: ClusterPicture;
  topic: string;
  producerIndex: (id: string) => number;
  producerCount: number;
  /** Copies of each record so far: a copy in flight has its record's colour (none yet: neutral). */
  copies: ReadonlyMap<string, number>;
  replicationFactor: number;
}

const PILL_HEIGHT = 34;

function Pill({ x, y, text, doomed }: { x: number; y: number; text: string; doomed: boolean }) {
  const w = 22 + text.length * 12;
  return (
    <g className={doomed ? 'flying-pill doomed' : 'flying-pill'} transform={`translate(${x - w / 2},${y})`}>
      <rect x={0} y={-PILL_HEIGHT / 2} width={w} height={PILL_HEIGHT} rx={PILL_HEIGHT / 2} />
      <text x={w / 2} y={0} textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}

/**
 * A fetch request or an empty fetch answer travels on the replication rail, left of the broker boxes, so it
 * never covers a broker's name or badge: a small dot, with the arrowhead pointing the way it goes.
 */
function RailDot({ y, up, doomed }: { y: number; up: boolean; doomed: boolean }) {
  const d = up ? 'M-7,5 L0,-7 L7,5 z' : 'M-7,-5 L0,7 L7,-5 z';
  return (
    <g className={doomed ? 'rail-dot doomed' : 'rail-dot'} transform={`translate(${RAIL_X},${y})`}>
      <circle r={11} />
      <path d={d} />
    </g>
  );
}

interface Shown {
  readonly id: string;
  readonly value: string;
}

function Token({
  x,
  y,
  w,
  r,
  doomed,
  fill,
}: {
  x: number;
  y: number;
  w: number;
  r: Shown;
  doomed: boolean;
  fill: string;
}) {
  return (
    <g className={doomed ? 'flying-record doomed' : 'flying-record'} transform={`translate(${x},${y})`}>
      <rect x={0} y={-22} width={w} height={44} rx={8} fill={fill} />
      <text x={w / 2} y={0} textAnchor="middle" dominantBaseline="central">
        {r.value.slice(0, 5)}
      </text>
    </g>
  );
}

export function Traffic({
  frame,
  playheadMs,
  layout,
  pic,
  topic,
  producerIndex,
  producerCount,
  copies,
  replicationFactor,
}: Props) {
  const fillOf = (id: string) => {
    const n = copies.get(id) ?? 0;
    return n === 0 ? KEYLESS_COLOUR : COPIES_COLOUR[copiesClass(n, replicationFactor)];
  };
  const landing = new Map<string, number>();
  const lost = new Set<string>();
  for (const e of frame.events) {
    if (e.type === 'recordAppended') landing.set(e.recordId, e.offset);
    if (e.type === 'messageLost') lost.add(e.message.id);
  }
  const laneMid = (broker: number, partition: number) =>
    layout.laneY(broker, partition) + layout.laneHeight / 2;
  const slotMid = (offset: number) => layout.slotX(offset) + layout.slotWidth / 2;
  const producerAnchor = (id: string) => ({
    x: PRODUCER_BOX.x + PRODUCER_BOX.width,
    y: layout.producerY(producerIndex(id), producerCount) + PRODUCER_BOX.height / 2,
  });
  const tokenW = layout.slotWidth - 6;

  const draw = (m: Message, t: number) => {
    const doomed = lost.has(m.id);
    const along = (a: number, b: number) => interpolateNumber(a, b)(t);
    if (m.kind === 'produceRequest' || m.kind === 'produceResponse') {
      if (m.payload.topic !== topic) return null;
      const partition = Number(m.payload.partition);
      const broker = brokerIdOf(m.kind === 'produceRequest' ? m.to : m.from);
      const from = producerAnchor(String(m.payload.producer));
      const ly = laneMid(broker, partition);
      if (m.kind === 'produceResponse') {
        const error = m.payload.error !== undefined;
        return (
          <text
            key={m.id}
            className={error ? 'flying-nack' : 'flying-ack'}
            x={along(BROKER_X, from.x + 24)}
            y={along(ly, from.y)}
            textAnchor="middle"
            dominantBaseline="central"
          >
            {error ? '✗' : '✓'}
          </text>
        );
      }
      const leo = pic.partitions[partition]?.replicas.find((r) => r.broker === broker)?.logEndOffset ?? 0;
      return (m.payload.records as PendingRecord[]).map((r, i) => (
        <Token
          key={`${m.id}-${r.id}`}
          x={along(from.x, layout.slotX(landing.get(r.id) ?? leo + i))}
          y={along(from.y, ly) + i * 6}
          w={tokenW}
          r={r}
          doomed={doomed}
          fill={fillOf(r.id)}
        />
      ));
    }
    if (m.kind !== 'replicaFetch' && m.kind !== 'replicaFetchResponse') return null;
    const src = brokerIdOf(m.from);
    const dst = brokerIdOf(m.to);
    // Traffic between brokers two rows apart is shifted aside so it does not hide the row it crosses.
    const rows = Object.keys(pic.alive).map(Number);
    const dx = (Math.abs(rows.indexOf(src) - rows.indexOf(dst)) - 1) * 30;
    if (m.kind === 'replicaFetch') {
      const parts = (m.payload.partitions as readonly FetchPartition[]).filter((p) => p.topic === topic);
      return parts.map((p) => {
        const [a, b] = [laneMid(src, p.partition), laneMid(dst, p.partition)];
        return <RailDot key={`${m.id}-${p.partition}`} y={along(a, b)} up={b < a} doomed={doomed} />;
      });
    }
    const parts = (m.payload.partitions as readonly FetchedPartition[]).filter((p) => p.topic === topic);
    return parts.map((p) => {
      const y = along(laneMid(src, p.partition), laneMid(dst, p.partition));
      if (p.records.length === 0) {
        // The diverging epoch is the point of a returning leader's truncation (KIP-320): named where it lands.
        if (p.divergingEpoch) {
          const text = `epoch ${p.divergingEpoch.epoch} ended at ${p.divergingEpoch.endOffset}`;
          return (
            <Pill
              key={`${m.id}-${p.partition}`}
              x={slotMid(p.divergingEpoch.endOffset) + dx}
              y={y}
              text={text}
              doomed={doomed}
            />
          );
        }
        const [a, b] = [laneMid(src, p.partition), laneMid(dst, p.partition)];
        return <RailDot key={`${m.id}-${p.partition}`} y={y} up={b < a} doomed={doomed} />;
      }
      return p.records.map((r) => (
        <Token
          key={`${m.id}-${r.id}`}
          x={layout.slotX(r.offset) + dx}
          y={y}
          w={tokenW}
          r={r}
          doomed={doomed}
          fill={fillOf(r.id)}
        />
      ));
    });
  };

  const flying: { m: Message; t: number }[] = [];
  for (const e of frame.events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    if (m.sentAtMs <= playheadMs && playheadMs < m.arrivesAtMs)
      flying.push({ m, t: (playheadMs - m.sentAtMs) / (m.arrivesAtMs - m.sentAtMs) });
  }
  return (
    <g className="flights" aria-hidden="true">
      {flying.map(({ m, t }) => draw(m, t))}
    </g>
  );
}

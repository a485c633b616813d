/**
 * The topic on stage: producers on the left, one lane per partition with numbered offsets, records drawn
 * in their key colour, and the records in flight between them. A pure function of (engine frame, playhead).
 */
import { memo, useMemo } from 'react';
import type {
  EngineEvent,
  LogRecord,
  Message,
  PendingRecord,
  ProducerConfig,
  TopicState,
} from '../../engine';
import type { Frame } from '../store/frames';
import { visibleRecords } from './log-window';
import { keyColour } from './palette';
import { RecordBox } from './RecordBox';
import {
  LANE_WIDTH,
  LANE_X,
  lerp,
  PRODUCER_BOX,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  type TopicLayout,
  topicLayout,
} from './topic-layout';

interface Props {
  frame: Frame;
  /** Model time the picture shows. */
  playheadMs: number;
  topic: string;
  producers: readonly string[];
}

interface LaneProps {
  topic: TopicState;
  partition: number;
  layout: TopicLayout;
  /** The records of the partition the playhead has reached. */
  records: LogRecord[];
}

function LaneDrawing({ topic, partition, layout, records }: LaneProps) {
  const y = layout.laneY(partition);
  const logEnd = (records.at(-1)?.offset ?? -1) + 1;
  return (
    <g
      data-testid={`partition-${topic.name}-${partition}`}
      role={records.length > 0 ? 'list' : 'group'}
      aria-label={`Partition P${partition} of ${topic.name}, log end offset ${logEnd}`}
    >
      <rect className="lane" x={LANE_X} y={y} width={LANE_WIDTH} height={layout.laneHeight} rx={10} />
      <text className="lane-label" x={LANE_X + 14} y={y + layout.laneHeight / 2} dominantBaseline="central">
        P{partition}
      </text>
      {records.map((r) => (
        <RecordBox
          key={r.id}
          record={r}
          partition={partition}
          box={{
            x: layout.slotX(r.offset),
            y: y + 4,
            width: layout.slotWidth - 6,
            height: layout.laneHeight - 8,
          }}
          // A keyed record is known by its key (that is what decided its partition); a keyless one by its value.
          label={r.key ?? r.value}
          charWidth={13}
        />
      ))}
      <HighWatermark topic={topic} partition={partition} layout={layout} y={y} logEnd={logEnd} />
    </g>
  );
}

/**
 * A lane draws again only when a record lands on it, not on every frame of an animation: a key press then
 * costs the lanes that changed. Within one topic state the records shown are those appended by the playhead,
 * and those sets only grow as the playhead moves, so two of them with the same length are the same records.
 */
const Lane = memo(
  LaneDrawing,
  (a, b) =>
    a.topic === b.topic &&
    a.partition === b.partition &&
    a.layout === b.layout &&
    a.records.length === b.records.length,
);

/**
 * The log end offset (where the next record goes) and the high watermark (what consumers may read),
 * both as the engine has them; with one replica they coincide.
 */
function HighWatermark({
  topic,
  partition,
  layout,
  y,
  logEnd,
}: {
  topic: TopicState;
  partition: number;
  layout: TopicLayout;
  y: number;
  logEnd: number;
}) {
  const hw = Math.min(topic.partitions[partition]!.highWatermark, logEnd);
  const hwX = layout.slotX(hw) - 3;
  return (
    <g aria-hidden="true">
      <line className="hw-line" x1={hwX} x2={hwX} y1={y + 2} y2={y + layout.laneHeight - 2} />
      <text
        className="leo"
        x={layout.slotX(logEnd) + 6}
        y={y + layout.laneHeight / 2}
        dominantBaseline="central"
      >
        {hw === logEnd ? `LEO = HW ${logEnd}` : `HW ${hw} · LEO ${logEnd}`}
      </text>
    </g>
  );
}

/** Where each record of this step ended up, from the engine's recordAppended events. */
function landingOffsets(events: readonly EngineEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) if (e.type === 'recordAppended') m.set(e.recordId, e.offset);
  return m;
}

function Flights({
  frame,
  playheadMs,
  layout,
  producerIndex,
}: {
  frame: Frame;
  playheadMs: number;
  layout: TopicLayout;
  producerIndex: (id: string) => number;
}) {
  const landing = landingOffsets(frame.events);
  const flying: { m: Message; p: number }[] = [];
  for (const e of frame.events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    if (m.sentAtMs <= playheadMs && playheadMs < m.arrivesAtMs)
      flying.push({ m, p: (playheadMs - m.sentAtMs) / (m.arrivesAtMs - m.sentAtMs) });
  }
  const n = Math.max(1, frame.state.producers ? Object.keys(frame.state.producers).length : 1);
  return (
    <g className="flights" aria-hidden="true">
      {flying.map(({ m, p }) => {
        const producer = String(m.payload.producer);
        const partition = Number(m.payload.partition);
        const py = layout.producerY(producerIndex(producer), n) + PRODUCER_BOX.height / 2;
        const ly = layout.laneY(partition) + layout.laneHeight / 2;
        if (m.kind === 'produceRequest') {
          const records = m.payload.records as PendingRecord[];
          return records.map((r, i) => {
            const targetX = layout.slotX(landing.get(r.id) ?? 0);
            const x = lerp(PRODUCER_BOX.x + PRODUCER_BOX.width, targetX, p);
            const y = lerp(py, ly, p) + i * 4;
            return (
              <g key={`${m.id}-${r.id}`} className="flying-record" transform={`translate(${x},${y})`}>
                <rect x={0} y={-20} width={layout.slotWidth - 6} height={40} rx={8} fill={keyColour(r.key)} />
                <text x={(layout.slotWidth - 6) / 2} y={0} textAnchor="middle" dominantBaseline="central">
                  {(r.key ?? r.value).slice(0, 5)}
                </text>
              </g>
            );
          });
        }
        if (m.kind === 'produceResponse') {
          const x = lerp(LANE_X, PRODUCER_BOX.x + PRODUCER_BOX.width, p);
          const y = lerp(ly, py, p);
          return (
            <text
              key={m.id}
              className={m.payload.error ? 'flying-nack' : 'flying-ack'}
              x={x}
              y={y}
              textAnchor="middle"
              dominantBaseline="central"
            >
              {m.payload.error ? '✗' : '✓'}
            </text>
          );
        }
        return null;
      })}
    </g>
  );
}

function keylessLabel(c: ProducerConfig): string {
  if (c.client === 'librdkafka') return 'no key: random';
  return c.keyless === 'round-robin' ? 'no key: round robin' : 'no key: sticky';
}

export function TopicView({ frame, playheadMs, topic: topicName, producers }: Props) {
  const topic = frame.state.topics[topicName];
  const layout = useMemo(() => (topic ? topicLayout(topic) : null), [topic]);
  if (!topic || !layout) return <p className="stage-empty">Topic {topicName} does not exist yet.</p>;
  const shown = producers.filter((id) => frame.state.producers[id]);
  const producerIndex = (id: string) => Math.max(0, shown.indexOf(id));
  return (
    <svg
      className="stage-svg"
      viewBox={`0 0 ${STAGE_WIDTH} ${STAGE_HEIGHT}`}
      role="img"
      aria-label={`Topic ${topicName} with ${topic.partitions.length} partitions`}
    >
      {shown.map((id, i) => {
        const y = layout.producerY(i, shown.length);
        const p = frame.state.producers[id]!;
        return (
          <g key={id} data-testid={`producer-${id}`} aria-label={`Producer ${id}`}>
            <rect
              className="producer"
              x={PRODUCER_BOX.x}
              y={y}
              width={PRODUCER_BOX.width}
              height={PRODUCER_BOX.height}
              rx={12}
            />
            <text className="node-title" x={PRODUCER_BOX.x + 14} y={y + 32}>
              {id}
            </text>
            <text className="node-detail" x={PRODUCER_BOX.x + 14} y={y + 66}>
              {p.config.client === 'librdkafka' ? 'librdkafka client' : 'Java client'}
            </text>
            <text className="node-detail" x={PRODUCER_BOX.x + 14} y={y + 96}>
              {keylessLabel(p.config)}
            </text>
          </g>
        );
      })}
      <text className="topic-title" x={LANE_X} y={22}>
        topic “{topicName}”
      </text>
      {topic.partitions.map((p) => (
        <Lane
          key={p.partition}
          topic={topic}
          partition={p.partition}
          layout={layout}
          records={visibleRecords(topic, p.partition, playheadMs)}
        />
      ))}
      <Flights frame={frame} playheadMs={playheadMs} layout={layout} producerIndex={producerIndex} />
    </svg>
  );
}

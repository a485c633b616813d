/**
 * The topic on stage: producers on the left, each with its partitioner's computation for the record it is
 * sending and an arrow to the partition it chose; one lane per partition with numbered offsets, records drawn
 * in their key colour, and the records in flight between them. What changed this step stays marked at its
 * end (new records outlined, new lanes and a metadata refresh called out), so the picture reads with reduced
 * motion. A pure function of (engine frame, playhead): every number comes from the engine's events.
 */
import { memo, useMemo } from 'react';
import {
  type EngineEvent,
  type LogRecord,
  type Message,
  type PendingRecord,
  producerMetadataStale,
  producerPartitionCount,
  type TopicState,
} from '../../engine';
import type { Frame } from '../store/frames';
import { visibleRecords } from './log-window';
import { keyColour } from './palette';
import { RecordBox } from './RecordBox';
import { Producer } from './TopicProducer';
import {
  LABEL_AT,
  LANE_WIDTH,
  LANE_X,
  lerp,
  OFFSET_AT,
  PRODUCER_BOX,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  TITLE_Y,
  type TopicLayout,
  topicLayout,
} from './topic-layout';

interface Props {
  frame: Frame;
  /** Model time the picture shows. */
  playheadMs: number;
  topic: string;
  producers: readonly string[];
  /** The most partitions the topic has in the scene: their lanes are laid out from the start. */
  lanes?: number;
  /** Offsets each lane has room for in the scene. */
  slots?: number;
  /** The scene's records carry keys: producers show their key hash, not their keyless strategy. */
  keyed?: boolean;
}

type Chosen = Extract<EngineEvent, { type: 'partitionChosen' }>;
type Refreshed = Extract<EngineEvent, { type: 'producerMetadataRefreshed' }>;

interface LaneProps {
  topic: TopicState;
  partition: number;
  layout: TopicLayout;
  /** The records of the partition the playhead has reached. */
  records: LogRecord[];
  /** How many of them were appended in this step: the newest ones, outlined. */
  fresh: number;
  /** Producers whose records get their own outline (another client, another hash). */
  otherClients: ReadonlySet<string>;
  keyed: boolean;
  /** The lane was added in this step. */
  added: boolean;
}

function LaneDrawing({ topic, partition, layout, records, fresh, otherClients, keyed, added }: LaneProps) {
  const y = layout.laneY(partition);
  const logEnd = (records.at(-1)?.offset ?? -1) + 1;
  const box = (offset: number) => ({
    x: layout.slotX(offset) + 3,
    y: y + 4,
    width: layout.slotWidth - 6,
    height: layout.laneHeight - 8,
  });
  return (
    <g
      data-testid={`partition-${topic.name}-${partition}`}
      role={records.length > 0 ? 'list' : 'group'}
      aria-label={`Partition P${partition} of ${topic.name}, next offset ${logEnd}`}
      {...(added ? { 'data-added': 'true' } : {})}
    >
      <rect
        className={added ? 'lane lane-added' : 'lane'}
        x={LANE_X}
        y={y}
        width={LANE_WIDTH}
        height={layout.laneHeight}
        rx={10}
      />
      <text className="lane-label" x={LANE_X + 12} y={y + layout.laneHeight / 2} dominantBaseline="central">
        P{partition}
      </text>
      {records.map((r, i) => {
        const b = box(r.offset);
        const marks = [
          ...(i >= records.length - fresh ? ['fresh'] : []),
          ...(otherClients.has(r.producerId) ? ['other-client'] : []),
        ];
        return (
          <RecordBox
            key={r.id}
            record={r}
            partition={partition}
            box={b}
            labelY={b.y + b.height * LABEL_AT}
            offsetY={b.y + b.height * OFFSET_AT}
            // Keyed: key and value, so one user's events can be followed in order; keyless: the value.
            label={keyed && r.key !== null ? `${r.key} · ${r.value}` : (r.key ?? r.value)}
            charWidth={keyed ? 10 : 13}
            {...(marks.length > 0 ? { marks: marks.join(' ') } : {})}
          />
        );
      })}
      <NextOffset box={box(logEnd)} logEnd={logEnd} />
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
    a.records.length === b.records.length &&
    a.fresh === b.fresh &&
    a.added === b.added &&
    a.keyed === b.keyed &&
    a.otherClients === b.otherClients,
);

/**
 * Where the next record of the partition goes: an empty slot at the log's end with its offset. "Next
 * offset", not LEO or high watermark: the produce scenes come long before replication teaches those.
 */
function NextOffset({
  box,
  logEnd,
}: {
  box: { x: number; y: number; width: number; height: number };
  logEnd: number;
}) {
  const cx = box.x + box.width / 2;
  return (
    <g className="next-offset" data-testid="next-offset" data-offset={logEnd} aria-hidden="true">
      <rect className="next-slot" x={box.x} y={box.y} width={box.width} height={box.height} rx={8} />
      <text
        className="next-label"
        x={cx}
        y={box.y + box.height * LABEL_AT}
        textAnchor="middle"
        dominantBaseline="central"
      >
        next
      </text>
      <text
        className="next-label"
        x={cx}
        y={box.y + box.height * OFFSET_AT}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {logEnd}
      </text>
    </g>
  );
}

/** Ids of the records appended in this step by the playhead. */
function freshRecordIds(events: readonly EngineEvent[], playheadMs: number): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.type === 'recordAppended' && e.atMs <= playheadMs) ids.add(e.recordId);
  return ids;
}

/** Where each record of this step ended up, from the engine's recordAppended events. */
function landings(events: readonly EngineEvent[]): Map<string, { offset: number; value: string }> {
  const m = new Map<string, { offset: number; value: string }>();
  for (const e of events)
    if (e.type === 'recordAppended') m.set(e.recordId, { offset: e.offset, value: e.value });
  return m;
}

function Flights({
  frame,
  playheadMs,
  layout,
  producerIndex,
  keyed,
}: {
  frame: Frame;
  playheadMs: number;
  layout: TopicLayout;
  producerIndex: (id: string) => number;
  keyed: boolean;
}) {
  const landing = landings(frame.events);
  const flying: { m: Message; p: number }[] = [];
  for (const e of frame.events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    if (m.sentAtMs <= playheadMs && playheadMs < m.arrivesAtMs)
      flying.push({ m, p: (playheadMs - m.sentAtMs) / (m.arrivesAtMs - m.sentAtMs) });
  }
  const w = layout.slotWidth - 6;
  return (
    <g className="flights" aria-hidden="true">
      {flying.map(({ m, p }) => {
        const producer = String(m.payload.producer);
        const partition = Number(m.payload.partition);
        const py = layout.producerY(producerIndex(producer)) + PRODUCER_BOX.height / 2;
        const ly = layout.laneY(partition) + layout.laneHeight / 2;
        if (m.kind === 'produceRequest') {
          const records = m.payload.records as PendingRecord[];
          return records.map((r, i) => {
            const targetX = layout.slotX(landing.get(r.id)?.offset ?? 0) + 3;
            const x = lerp(PRODUCER_BOX.x + PRODUCER_BOX.width, targetX, p);
            const y = lerp(py, ly, p) + i * 4;
            const label = keyed && r.key !== null ? r.key : (r.key ?? r.value);
            return (
              <g key={`${m.id}-${r.id}`} className="flying-record" transform={`translate(${x},${y})`}>
                <rect x={0} y={-20} width={w} height={40} rx={8} fill={keyColour(r.key)} />
                <text x={w / 2} y={0} textAnchor="middle" dominantBaseline="central">
                  {label.slice(0, Math.max(1, Math.floor(w / 13)))}
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

export function TopicView({
  frame,
  playheadMs,
  topic: topicName,
  producers,
  lanes,
  slots,
  keyed = false,
}: Props) {
  const topic = frame.state.topics[topicName];
  const layout = useMemo(
    () => (topic ? topicLayout(topic, { lanes, slots, producers: producers.length }) : null),
    [topic, lanes, slots, producers.length],
  );
  const state = frame.state;
  const otherClients = useMemo(
    () => new Set(producers.filter((id) => state.producers[id]?.config.client === 'librdkafka')),
    [producers, state.producers],
  );
  if (!topic || !layout) return <p className="stage-empty">Topic {topicName} does not exist yet.</p>;
  const producerIndex = (id: string) => Math.max(0, producers.indexOf(id));
  const fresh = freshRecordIds(frame.events, playheadMs);
  const values = landings(frame.events);
  const upToNow = frame.events.filter((e) => e.atMs <= playheadMs);
  const added = upToNow.find(
    (e): e is Extract<EngineEvent, { type: 'partitionsAdded' }> =>
      e.type === 'partitionsAdded' && e.topic === topicName,
  );
  return (
    <svg
      className="stage-svg"
      viewBox={`0 0 ${STAGE_WIDTH} ${STAGE_HEIGHT}`}
      role="img"
      aria-label={`Topic ${topicName} with ${topic.partitions.length} partitions`}
    >
      <text className="topic-title" x={LANE_X} y={TITLE_Y}>
        topic “{topicName}”
      </text>
      {added && (
        <text
          className="topic-callout"
          data-testid="partitions-added"
          x={LANE_X + LANE_WIDTH}
          y={TITLE_Y}
          textAnchor="end"
        >
          new: {Array.from({ length: added.to - added.from }, (_, i) => `P${added.from + i}`).join(', ')}
        </text>
      )}
      {topic.partitions.map((p) => {
        const records = visibleRecords(topic, p.partition, playheadMs);
        return (
          <Lane
            key={p.partition}
            topic={topic}
            partition={p.partition}
            layout={layout}
            records={records}
            fresh={records.filter((r) => fresh.has(r.id)).length}
            otherClients={otherClients}
            keyed={keyed}
            added={added !== undefined && p.partition >= added.from}
          />
        );
      })}
      {producers.map((id, i) => {
        const p = state.producers[id];
        if (!p) return null;
        const chosen = upToNow.filter((e): e is Chosen => e.type === 'partitionChosen' && e.producer === id);
        const refreshed = upToNow
          .filter((e): e is Refreshed => e.type === 'producerMetadataRefreshed' && e.producer === id)
          .at(-1);
        return (
          <Producer
            key={id}
            id={id}
            config={p.config}
            y={layout.producerY(i)}
            layout={layout}
            chosen={chosen}
            refreshed={refreshed}
            knownPartitions={producerPartitionCount(p, topicName)}
            stale={producerMetadataStale(state, id, topicName)}
            lanesNow={topic.partitions.length}
            keyed={keyed}
            otherClient={otherClients.has(id)}
            values={values}
          />
        );
      })}
      <Flights
        frame={frame}
        playheadMs={playheadMs}
        layout={layout}
        producerIndex={producerIndex}
        keyed={keyed}
      />
    </svg>
  );
}

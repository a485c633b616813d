/**
 * Two groups through the same rebalances, side by side: which partitions each is reading at the playhead
 * (read, revoked, or held by a crashed member), its rebalance rounds on a timeline, and how many records its
 * members processed while they were rebalancing. Everything is read from the engine's state and events.
 */
import {
  type EngineEvent,
  type EngineState,
  groupProtocol,
  type PartitionReader,
  partitionReadersAt,
  processedWhileRebalancing,
  type RebalanceRound,
  rebalanceRounds,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { useRunEvents } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import { H, type PanelLayout, panelLayout, trackX, W } from './rebalance-layout';
import './rebalance.css';

type View = Extract<SceneView, { kind: 'rebalance-compare' }>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const READING_TEXT: Record<PartitionReader['reading'], (c: string | null) => string> = {
  read: (c) => `read by ${c}`,
  ownerDown: (c) => `${c} crashed: nobody reads`,
  revoked: () => 'revoked: nobody reads',
};

function Row({ layout, reader }: { layout: PanelLayout; reader: PartitionReader }) {
  const box = layout.row(reader.partition);
  return (
    <g
      data-box="partition row"
      data-testid="compare-partition"
      data-partition={reader.partition}
      data-reading={reader.reading}
      data-consumer={reader.consumer ?? ''}
    >
      <rect className={`row row-${reader.reading}`} x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <text className="row-label" x={box.x + 16} y={box.y + box.h / 2} dominantBaseline="central">
        P{reader.partition}
      </text>
      <text
        className={`row-text text-${reader.reading}`}
        x={box.x + 76}
        y={box.y + box.h / 2}
        dominantBaseline="central"
      >
        {READING_TEXT[reader.reading](reader.consumer)}
      </text>
    </g>
  );
}

function Rounds({
  layout,
  rounds,
  spanMs,
  playheadMs,
}: {
  layout: PanelLayout;
  rounds: readonly RebalanceRound[];
  spanMs: number;
  playheadMs: number;
}) {
  const { track } = layout;
  const shown = rounds.slice(-3);
  return (
    <g data-testid="compare-rounds" data-rounds={rounds.length}>
      <text className="track-title" x={track.x} y={track.y - 10}>
        Rebalance rounds (generations)
      </text>
      <rect className="track" x={track.x} y={track.y} width={track.w} height={track.h} rx={4} />
      {rounds.map((r) => {
        const x1 = trackX(track, spanMs, r.startMs);
        const x2 = trackX(track, spanMs, r.endMs ?? playheadMs);
        return (
          <rect
            key={r.startMs}
            className="round"
            x={x1}
            y={track.y + 3}
            width={Math.max(6, x2 - x1)}
            height={track.h - 6}
            rx={3}
          />
        );
      })}
      <line
        className="playhead"
        x1={trackX(track, spanMs, playheadMs)}
        x2={trackX(track, spanMs, playheadMs)}
        y1={track.y - 4}
        y2={track.y + track.h + 4}
      />
      {shown.map((r, i) => (
        <text
          key={r.startMs}
          className="round-text"
          data-testid="compare-round"
          data-generation={r.generationId}
          x={track.x}
          y={layout.listTop + i * 26}
        >
          {`gen ${r.generationId}: ${seconds(r.startMs)} → ${r.endMs === null ? 'now' : seconds(r.endMs)}`}
        </text>
      ))}
    </g>
  );
}

function Panel({
  index,
  group,
  topic,
  state,
  from,
  events,
  runEvents,
  playheadMs,
  atEnd,
}: {
  index: 0 | 1;
  group: string;
  topic: string;
  state: EngineState;
  from: EngineState;
  events: readonly EngineEvent[];
  runEvents: readonly EngineEvent[];
  playheadMs: number;
  atEnd: boolean;
}) {
  const readers = partitionReadersAt(from, events, playheadMs, group, topic);
  const layout = panelLayout(index, readers.length);
  const protocol = groupProtocol(state, group);
  const g = state.groups.groups[group];
  const count = processedWhileRebalancing(atEnd ? state : from, group);
  const reading = readers.filter((r) => r.reading === 'read').length;
  const { panel, counter } = layout;
  return (
    <g
      data-testid={`compare-group-${group}`}
      data-protocol={protocol ?? ''}
      data-generation={g?.generationId ?? ''}
      data-reading={reading}
      role="group"
      aria-label={`Group ${group}, ${protocol ?? 'no'} protocol: ${reading} of ${readers.length} partitions being read; ${count} records processed while rebalancing`}
    >
      <text className="panel-title" x={panel.x} y={32}>
        {group}
      </text>
      <text className="panel-sub" x={panel.x} y={62}>
        {protocol === 'cooperative'
          ? 'cooperative-sticky: only what moves is revoked'
          : 'range (eager): all revoked'}
      </text>
      <text className="panel-gen" x={panel.x + panel.w} y={32} textAnchor="end" data-testid="compare-state">
        {g ? `gen ${g.generationId} · ${g.state}` : ''}
      </text>
      {readers.map((r) => (
        <Row key={r.partition} layout={layout} reader={r} />
      ))}
      <Rounds
        layout={layout}
        rounds={rebalanceRounds(runEvents, group, playheadMs)}
        spanMs={Math.max(state.now, playheadMs)}
        playheadMs={playheadMs}
      />
      <g data-box="counter" data-testid="compare-counter" data-count={count}>
        <rect className="counter" x={counter.x} y={counter.y} width={counter.w} height={counter.h} rx={10} />
        <text
          className="counter-text"
          x={counter.x + 16}
          y={counter.y + counter.h / 2}
          dominantBaseline="central"
        >
          read while rebalancing:
        </text>
        <text
          className="counter-value"
          x={counter.x + counter.w - 20}
          y={counter.y + counter.h / 2}
          textAnchor="end"
          dominantBaseline="central"
        >
          {count}
        </text>
      </g>
    </g>
  );
}

export function RebalanceCompareView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const runEvents = useRunEvents(sceneIndex, step);
  const from = frame.fromState ?? frame.state;
  const atEnd = playheadMs >= frame.toMs || frame.fromState === undefined;
  return (
    <svg
      className="stage-svg rebalance-compare"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`Groups ${view.groups[0]} and ${view.groups[1]} through the same rebalances`}
    >
      {view.groups.map((group, i) => (
        <Panel
          key={group}
          index={i as 0 | 1}
          group={group}
          topic={view.topic}
          state={frame.state}
          from={from}
          events={frame.fromState ? frame.events : []}
          runEvents={runEvents}
          playheadMs={playheadMs}
          atEnd={atEnd}
        />
      ))}
    </svg>
  );
}

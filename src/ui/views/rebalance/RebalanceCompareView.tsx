/**
 * Two groups through the same rebalances, side by side: for each partition, who reads it at the playhead
 * and a strip of who read it over the step (gaps are time nobody read it), the rebalance rounds on the same
 * time axis, and how many records the members processed while they were rebalancing. Everything is read
 * from the engine's state and events.
 */
import {
  type EngineEvent,
  type EngineState,
  groupProtocol,
  partitionReadingSpans,
  processedWhileRebalancing,
  type ReadingSpan,
  type RebalanceRound,
  rebalanceRounds,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { useRunEvents } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import { axisX, H, type PanelLayout, panelLayout, timeWindow, W } from './rebalance-layout';
import './rebalance.css';

type View = Extract<SceneView, { kind: 'rebalance-compare' }>;
type Window = readonly [number, number];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const READER_TEXT: Record<ReadingSpan['reading'], (c: string | null) => string> = {
  read: (c) => c ?? '',
  ownerDown: (c) => `${c} down`,
  revoked: () => 'revoked',
};

function Row({
  layout,
  spans,
  window,
}: {
  layout: PanelLayout;
  spans: readonly ReadingSpan[];
  window: Window;
}) {
  const now = spans.at(-1)!;
  const box = layout.row(now.partition);
  const strip = layout.strip(now.partition);
  const gaps = spans.filter((s) => s.reading !== 'read' && s.endMs > s.startMs).length;
  return (
    <g
      data-box="partition row"
      data-testid="compare-partition"
      data-partition={now.partition}
      data-reading={now.reading}
      data-consumer={now.consumer ?? ''}
      data-gaps={gaps}
      role="img"
      aria-label={`P${now.partition}: ${now.reading === 'read' ? `read by ${now.consumer}` : READER_TEXT[now.reading](now.consumer)}; unread ${gaps} times in this stretch`}
    >
      <rect className={`row row-${now.reading}`} x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <text className="row-label" x={box.x + 14} y={box.y + box.h / 2} dominantBaseline="central">
        P{now.partition}
      </text>
      <text
        className={`row-text text-${now.reading}`}
        x={box.x + 62}
        y={box.y + box.h / 2}
        dominantBaseline="central"
      >
        {READER_TEXT[now.reading](now.consumer)}
      </text>
      <rect className="strip" x={strip.x} y={strip.y} width={strip.w} height={strip.h} rx={3} />
      {spans.map((s) => {
        const x1 = axisX(strip, window[0], window[1], s.startMs);
        const x2 = axisX(strip, window[0], window[1], s.endMs);
        if (x2 <= x1) return null;
        return (
          <rect
            key={s.startMs}
            className={`span span-${s.reading}`}
            x={x1}
            y={strip.y}
            width={x2 - x1}
            height={strip.h}
          />
        );
      })}
    </g>
  );
}

function Rounds({
  layout,
  rounds,
  window,
  playheadMs,
}: {
  layout: PanelLayout;
  rounds: readonly RebalanceRound[];
  window: Window;
  playheadMs: number;
}) {
  const { track } = layout;
  const shown = rounds.filter((r) => (r.endMs ?? playheadMs) >= window[0]).slice(-2);
  const x = (ms: number) => axisX(track, window[0], window[1], ms);
  return (
    <g data-testid="compare-rounds" data-rounds={rounds.length}>
      <text className="track-title" x={layout.panel.x} y={track.y + track.h / 2} dominantBaseline="central">
        rebalancing
      </text>
      <rect className="track" x={track.x} y={track.y} width={track.w} height={track.h} rx={4} />
      {rounds.map((r) => {
        const x1 = x(r.startMs);
        const x2 = x(r.endMs ?? playheadMs);
        if (x2 < track.x || x1 > track.x + track.w || (r.endMs ?? playheadMs) < window[0]) return null;
        return (
          <rect
            key={r.startMs}
            className="round"
            x={x1}
            y={track.y + 3}
            width={Math.max(4, x2 - x1)}
            height={track.h - 6}
            rx={2}
          />
        );
      })}
      <line
        className="playhead"
        x1={x(playheadMs)}
        x2={x(playheadMs)}
        y1={layout.row(0).y}
        y2={track.y + track.h + 4}
      />
      {shown.map((r, i) => (
        <text
          key={r.startMs}
          className="round-text"
          data-testid="compare-round"
          data-generation={r.generationId}
          x={layout.panel.x}
          y={layout.listTop + i * 26}
        >
          {`generation ${r.generationId}: ${seconds(r.startMs)} → ${r.endMs === null ? '…' : seconds(r.endMs)}`}
        </text>
      ))}
    </g>
  );
}

interface PanelProps {
  readonly index: 0 | 1;
  readonly group: string;
  readonly topic: string;
  readonly state: EngineState;
  readonly counted: EngineState;
  readonly runEvents: readonly EngineEvent[];
  readonly playheadMs: number;
  readonly window: Window;
}

function Panel({ index, group, topic, state, counted, runEvents, playheadMs, window }: PanelProps) {
  const partitions = state.topics[topic]?.partitions.length ?? 0;
  const layout = panelLayout(index, partitions);
  const spans = partitionReadingSpans(runEvents, group, topic, partitions, window[0], playheadMs);
  const protocol = groupProtocol(state, group);
  const g = state.groups.groups[group];
  const count = processedWhileRebalancing(counted, group);
  const reading = spans.filter((s) => s.at(-1)?.reading === 'read').length;
  const { panel, counter } = layout;
  return (
    <g
      data-testid={`compare-group-${group}`}
      data-protocol={protocol ?? ''}
      data-generation={g?.generationId ?? ''}
      data-reading={reading}
      role="group"
      aria-label={`Group ${group}, ${protocol ?? 'no'} protocol: ${reading} of ${partitions} partitions being read; ${count} records read while rebalancing`}
    >
      <text className="panel-title" x={panel.x} y={32}>
        {group}
      </text>
      <text className="panel-sub" x={panel.x} y={62}>
        {protocol === 'cooperative'
          ? 'cooperative-sticky: only what moves is revoked'
          : 'range, eager: everything is revoked'}
      </text>
      <text className="panel-gen" x={panel.x + panel.w} y={32} textAnchor="end" data-testid="compare-state">
        {g ? `generation ${g.generationId} · ${g.state}` : ''}
      </text>
      {spans.map((s, p) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one row per partition number, which never changes
        <Row key={p} layout={layout} spans={s} window={window} />
      ))}
      <Rounds
        layout={layout}
        rounds={rebalanceRounds(runEvents, group, playheadMs)}
        window={window}
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
          records read while rebalancing
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
  const window = timeWindow(frame.fromMs, frame.toMs, frame.state.now);
  // The engine counts at the step's end; until the playhead gets there the count is the step's start one.
  const counted = playheadMs >= frame.toMs || !frame.fromState ? frame.state : frame.fromState;
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
          counted={counted}
          runEvents={runEvents}
          playheadMs={Math.min(playheadMs, frame.state.now)}
          window={window}
        />
      ))}
    </svg>
  );
}

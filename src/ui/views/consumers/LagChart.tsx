/**
 * Each group's total lag over the model time of the scene so far, one line per group in the group's colour.
 * The values are samples of the engine's lag selector (src/ui/store/lag-history.ts); this only draws them,
 * as steps (lag holds between two states), up to the playhead. No transition: it is a function of the
 * playhead, so reduced motion (the player jumping to the end of the step) shows the final picture at once.
 */
import { scaleLinear } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import type { LagHistory, LagSample } from '../../store/lag-history';
import { type Box, LAG_CHART } from './consumers-layout';

/** The y axis reaches at least this many records, so a lag of 1 does not fill the chart. */
const MIN_LAG_AXIS = 4;
const LEGEND_W = 176;
const ROW_H = 24;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

interface Point {
  readonly atMs: number;
  readonly lag: number | null;
}

/** The samples a playhead shows: all of them once the step's animation is over. */
export function samplesUpTo(history: LagHistory, playheadMs: number, atEnd: boolean): readonly LagSample[] {
  return atEnd ? history.samples : history.samples.filter((s) => s.atMs <= playheadMs);
}

function spokenLag(group: string, points: readonly Point[], startMs: number): string {
  const now = points.at(-1)?.lag ?? null;
  let peak: Point | null = null;
  for (const p of points) if (p.lag !== null && (peak === null || p.lag > peak.lag!)) peak = p;
  const head = `lag of group ${group} over time, now ${now ?? 'unknown (nothing committed yet)'}`;
  return peak && peak.lag! > 0 ? `${head}, highest ${peak.lag} at ${seconds(peak.atMs - startMs)}` : head;
}

export function LagChart({
  history,
  groups,
  playheadMs,
  atEnd,
  box = LAG_CHART,
}: {
  history: LagHistory;
  /** The groups on stage, in colour order. */
  groups: readonly string[];
  playheadMs: number;
  /** The step's animation is over (or there is none): show every sample of the step. */
  atEnd: boolean;
  box?: Box;
}) {
  const shown = samplesUpTo(history, playheadMs, atEnd);
  const nowMs = atEnd ? history.endMs : Math.min(history.endMs, Math.max(history.startMs, playheadMs));
  const highest = Math.max(MIN_LAG_AXIS, ...history.samples.flatMap((s) => groups.map((g) => s.lag[g] ?? 0)));
  const plot = {
    left: box.x + 40,
    right: box.x + box.w - LEGEND_W,
    // Below the title's line, so the top tick's value never touches the title.
    top: box.y + 44,
    bottom: box.y + box.h - 30,
  };
  const x = scaleLinear()
    .domain([history.startMs, Math.max(history.startMs + 1, history.endMs)])
    .range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, highest]).range([plot.bottom, plot.top]).nice();
  const top = y.domain()[1]!;
  const known = (p: Point) => p.lag !== null;
  const path = line<Point>()
    .defined(known)
    .x((p) => x(p.atMs))
    .y((p) => y(p.lag ?? 0))
    .curve(curveStepAfter);
  const fill = area<Point>()
    .defined(known)
    .x((p) => x(p.atMs))
    .y0(plot.bottom)
    .y1((p) => y(p.lag ?? 0))
    .curve(curveStepAfter);
  const rows = Math.max(1, Math.floor((box.h - 10) / ROW_H));
  return (
    <g
      className="lag-chart"
      data-testid="lag-chart"
      data-box="lag chart"
      role="group"
      aria-label="Consumer lag over time"
    >
      <rect className="lag-chart-frame" x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text className="lag-chart-title" x={box.x + 12} y={box.y + 17} dominantBaseline="central">
        lag (log end − committed)
      </text>
      <g aria-hidden="true">
        <line className="lag-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <line className="lag-axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
        <text className="lag-tick" x={plot.left - 6} y={plot.top} textAnchor="end" dominantBaseline="central">
          {top}
        </text>
        <text
          className="lag-tick"
          x={plot.left - 6}
          y={plot.bottom}
          textAnchor="end"
          dominantBaseline="central"
        >
          0
        </text>
        <text className="lag-tick" x={plot.left} y={plot.bottom + 16} dominantBaseline="central">
          {seconds(0)}
        </text>
        <text
          className="lag-tick"
          x={plot.right}
          y={plot.bottom + 16}
          textAnchor="end"
          dominantBaseline="central"
        >
          {seconds(history.endMs - history.startMs)}
        </text>
        <line className="lag-now" x1={x(nowMs)} x2={x(nowMs)} y1={plot.top} y2={plot.bottom} />
      </g>
      {groups.map((group, index) => {
        const points: Point[] = shown.map((s) => ({ atMs: s.atMs, lag: s.lag[group] ?? null }));
        // The line runs on to the playhead: the lag holds until the next state says otherwise.
        const last = points.at(-1);
        if (last) points.push({ atMs: nowMs, lag: last.lag });
        const now = last?.lag ?? null;
        const rowY = box.y + 17 + (index % rows) * ROW_H;
        return (
          <g
            key={group}
            className={`group-${index % 4}`}
            data-testid={`lag-chart-${group}`}
            data-lag={now ?? '-'}
            role="img"
            aria-label={spokenLag(group, points, history.startMs)}
          >
            <path className="lag-area" d={fill(points) ?? ''} />
            <path className="lag-line" d={path(points) ?? ''} />
            {index < rows && (
              <text
                className="lag-legend"
                x={box.x + box.w - 12}
                y={rowY}
                textAnchor="end"
                dominantBaseline="central"
              >
                {group} {now ?? '–'}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

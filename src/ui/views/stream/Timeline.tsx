/**
 * The input stream on a timeline: epoch-aligned windows as bands, one dot per attempt the query has read,
 * one row per card once GROUP BY splits them, the count per card and window as a growing bar, and the
 * HAVING threshold as a dashed line across every bar. Drawn at the playhead: a dot appears when the query
 * reads its record.
 */
import { interpolateNumber } from 'd3-interpolate';
import { scaleLinear } from 'd3-scale';
import type { ReactElement } from 'react';
import type { StreamFocus } from '../../../scenarios/types';
import { keyColour } from '../palette';
import { beeswarm } from './beeswarm';
import { CLAUSE } from './clauses';
import { cellKey, type StreamDot, type StreamModel } from './stream-model';
import { clock, maskedCard } from './time-format';

export const TIMELINE_WIDTH = 860;
export const TIMELINE_HEIGHT = 460;
const LABEL_W = 150;
const AXIS_Y = 26;
const TOP = 44;
const BOTTOM = TIMELINE_HEIGHT - 6;
const DOT_R = 7;
/** Stacked dots sit this far apart, centre to centre: their boxes never touch. */
const DOT_GAP = 2 * DOT_R + 1;
/** Levels of stacked dots in a card's row (above its count bars) and in the single lane before GROUP BY. */
const ROW_LEVELS = 2;
const LANE_LEVELS = 7;
/** Counts up to this fill a window's bar. */
const BAR_MAX_COUNT = 8;

interface Props {
  model: StreamModel;
  clauses: number;
  /** Clauses shown at the previous step: the rows split from one lane while GROUP BY arrives. */
  previousClauses: number;
  /** 0..1 through the step's animation. */
  progress: number;
  spanMs: readonly [number, number];
  playheadMs: number;
  /** Model time the step started at: attempts read after it are this step's, outlined. */
  stepFromMs?: number;
  /** Card rows to make room for from the start, so rows keep their place as cards appear. */
  cardRows?: number;
  /** What this step points at. */
  focus?: StreamFocus | null;
}

interface Band {
  start: number;
  end: number;
  label: boolean;
}

function bands(model: StreamModel, from: number, to: number): Band[] {
  const w = model.shape?.window;
  if (!w || w.type === 'SESSION') return [];
  const out: Band[] = [];
  const step = w.advanceMs;
  for (let s = Math.ceil(from / step) * step; s < to; s += step)
    out.push({ start: s, end: s + step, label: s % w.sizeMs === 0 });
  return out;
}

function Dot({ dot, x, y, fresh }: { dot: StreamDot; x: number; y: number; fresh: boolean }) {
  return (
    <g
      data-testid="stream-record"
      data-card={dot.card}
      data-window-start={dot.windowStart ?? ''}
      data-late={dot.late ? 'true' : undefined}
      data-new={fresh ? 'true' : undefined}
    >
      <title>{`Attempt by card ${maskedCard(dot.card)} at ${clock(dot.ts)}${dot.late ? ', late: dropped' : ''}`}</title>
      <circle
        className={`stream-dot${dot.late ? ' late' : ''}${fresh ? ' new' : ''}`}
        cx={x}
        cy={y}
        r={DOT_R}
        fill={dot.late ? 'none' : keyColour(dot.card)}
      />
      {dot.late && (
        <path
          className="stream-late-mark"
          d={`M${x - 6},${y - 6}L${x + 6},${y + 6}M${x + 6},${y - 6}L${x - 6},${y + 6}`}
        />
      )}
    </g>
  );
}

export function Timeline({
  model,
  clauses,
  previousClauses,
  progress,
  spanMs,
  playheadMs,
  stepFromMs = Number.POSITIVE_INFINITY,
  cardRows = 0,
  focus = null,
}: Props) {
  const [from, to] = spanMs;
  const x = scaleLinear()
    .domain([from, to])
    .range([LABEL_W + 8, TIMELINE_WIDTH - 14])
    .clamp(true);
  const grouped = clauses >= CLAUSE.GROUP_BY;
  const splitting = grouped && previousClauses < CLAUSE.GROUP_BY;
  const n = Math.max(1, model.cards.length, cardRows);
  const rowH = Math.min(64, (BOTTOM - TOP) / n);
  const rowTop = (i: number) => TOP + i * rowH;
  const laneH = Math.min(120, BOTTOM - TOP);
  const laneTop = TOP + (BOTTOM - TOP - laneH) / 2;
  const index = new Map(model.cards.map((c, i) => [c, i]));
  const laneAt = placeInLane(model.dots, x, laneTop + laneH / 2);
  const rowAt = placeInRows(model.dots, x, (card) => rowTop(index.get(card) ?? 0));
  const dotAt = (d: StreamDot) => {
    const lane = laneAt.get(d.id)!;
    if (!grouped) return lane;
    const row = rowAt.get(d.id)!;
    if (!splitting) return row;
    return { x: interpolateNumber(lane.x, row.x)(progress), y: interpolateNumber(lane.y, row.y)(progress) };
  };
  const windowBands = clauses >= CLAUSE.WINDOW ? bands(model, from, to) : [];
  const tumbling = model.shape?.window?.type === 'TUMBLING';
  const threshold = clauses >= CLAUSE.HAVING ? (model.shape?.having?.value ?? null) : null;
  const late = model.dots.filter((d) => d.late).length;
  const ticks =
    windowBands.length > 0
      ? windowBands.filter((b) => b.label).map((b) => b.start)
      : fiveMinuteTicks(from, to);
  return (
    <svg
      className="stage-svg stream-timeline"
      viewBox={`0 0 ${TIMELINE_WIDTH} ${TIMELINE_HEIGHT}`}
      role="img"
      aria-label={`The input stream from ${clock(from)} to ${clock(to)}: ${model.dots.length} attempts read${grouped ? `, ${model.cards.length} cards` : ''}${late > 0 ? `, ${late} late and dropped` : ''}`}
    >
      {windowBands.map((b, i) => (
        <rect
          key={b.start}
          className={i % 2 === 0 ? 'stream-band' : 'stream-band alt'}
          x={x(b.start)}
          y={TOP - 4}
          width={Math.max(0, x(b.end) - x(b.start))}
          height={BOTTOM - TOP + 4}
        />
      ))}
      {ticks.map((t) => (
        <g key={t}>
          <line className="stream-tick" x1={x(t)} x2={x(t)} y1={AXIS_Y + 6} y2={BOTTOM} />
          <text className="stream-axis-label" x={x(t) + 4} y={AXIS_Y}>
            {clock(t)}
          </text>
        </g>
      ))}
      {grouped ? (
        model.cards.map((card, i) => (
          <g key={card}>
            <line
              className="stream-row-rule"
              x1={8}
              x2={TIMELINE_WIDTH - 8}
              y1={rowTop(i) + rowH}
              y2={rowTop(i) + rowH}
            />
            <text
              className="stream-row-label"
              x={12}
              y={rowTop(i) + Math.min(rowH / 2, 22)}
              dominantBaseline="central"
            >
              {maskedCard(card)}
            </text>
          </g>
        ))
      ) : (
        <text className="stream-row-label" x={12} y={laneTop + laneH / 2} dominantBaseline="central">
          attempts
        </text>
      )}
      {grouped && focus && index.has(focus.card) && (
        <Focus focus={focus} model={model} x={x} top={rowTop(index.get(focus.card)!)} rowH={rowH} />
      )}
      {clauses >= CLAUSE.COUNT && tumbling && grouped && (
        <Counts model={model} x={x} rowTop={rowTop} rowH={rowH} threshold={threshold} focus={focus} />
      )}
      {clauses >= CLAUSE.HAVING && !tumbling && grouped && (
        <FlaggedWindows model={model} x={x} rowTop={rowTop} rowH={rowH} focus={focus} />
      )}
      {model.dots.map((d) => {
        const at = dotAt(d);
        return <Dot key={d.id} dot={d} x={at.x} y={at.y} fresh={d.processedAtMs > stepFromMs} />;
      })}
      {playheadMs > from && playheadMs < to && (
        <line className="stream-now" x1={x(playheadMs)} x2={x(playheadMs)} y1={TOP - 6} y2={BOTTOM} />
      )}
    </svg>
  );
}

function fiveMinuteTicks(from: number, to: number): number[] {
  const five = 5 * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / five) * five; t < to; t += five) out.push(t);
  return out;
}

type At = { x: number; y: number };

/** Before GROUP BY: every attempt in one lane, stacked where they would cover each other. */
function placeInLane(dots: readonly StreamDot[], x: (t: number) => number, middle: number): Map<string, At> {
  // Levels alternate around the middle: 0, above, below, further above...
  const offset = (level: number) => (level % 2 === 1 ? -1 : 1) * Math.ceil(level / 2) * DOT_GAP;
  const placed = beeswarm(
    dots.map((d) => x(d.ts)),
    DOT_GAP,
    LANE_LEVELS,
  );
  return new Map(dots.map((d, i) => [d.id, { x: placed[i]!.x, y: middle + offset(placed[i]!.level) }]));
}

/** After GROUP BY: each card's attempts in its row, stacked upwards above its count bars. */
function placeInRows(
  dots: readonly StreamDot[],
  x: (t: number) => number,
  top: (card: string) => number,
): Map<string, At> {
  const out = new Map<string, At>();
  const byCard = new Map<string, StreamDot[]>();
  for (const d of dots) byCard.set(d.card, [...(byCard.get(d.card) ?? []), d]);
  for (const [card, own] of byCard) {
    const placed = beeswarm(
      own.map((d) => x(d.ts)),
      DOT_GAP,
      ROW_LEVELS,
    );
    own.forEach((d, i) => {
      out.set(d.id, {
        x: placed[i]!.x,
        y: top(card) + DOT_R + 3 + (ROW_LEVELS - 1 - placed[i]!.level) * DOT_GAP,
      });
    });
  }
  return out;
}

/**
 * The row the step talks about, outlined. A question gets a question mark; an answer gets the window edge
 * drawn thick across the row, with the counts of the windows on either side and what they mean.
 */
function Focus({
  focus,
  model,
  x,
  top,
  rowH,
}: {
  focus: StreamFocus;
  model: StreamModel;
  x: (t: number) => number;
  top: number;
  rowH: number;
}) {
  const size = model.shape?.window?.sizeMs ?? 0;
  const threshold = model.shape?.having?.value ?? null;
  const edge = focus.edgeMs;
  const before = edge === undefined ? 0 : (model.counts.get(cellKey(focus.card, edge - size)) ?? 0);
  const after = edge === undefined ? 0 : (model.counts.get(cellKey(focus.card, edge)) ?? 0);
  const calloutX = edge === undefined ? TIMELINE_WIDTH - 20 : x(edge + size) + 12;
  return (
    <g data-testid="stream-focus" data-card={focus.card}>
      <rect
        className="stream-focus-row"
        x={4}
        y={top + 1}
        width={TIMELINE_WIDTH - 8}
        height={rowH - 2}
        rx={6}
      />
      {focus.question && (
        <text
          className="stream-focus-callout"
          data-testid="stream-question"
          x={calloutX}
          y={top + rowH / 2}
          textAnchor="end"
          dominantBaseline="central"
        >
          flagged?
        </text>
      )}
      {edge !== undefined && (
        <g data-testid="stream-answer" data-before={before} data-after={after}>
          <line className="stream-focus-edge" x1={x(edge)} x2={x(edge)} y1={top - 2} y2={top + rowH + 2} />
          <text className="stream-focus-callout" x={calloutX} y={top + rowH / 2} dominantBaseline="central">
            {`${before} + ${after}: ${threshold !== null && Math.max(before, after) <= threshold ? `no window > ${threshold}` : 'flagged'}`}
          </text>
        </g>
      )}
    </g>
  );
}

interface CellProps {
  model: StreamModel;
  x: (t: number) => number;
  rowTop: (i: number) => number;
  rowH: number;
  focus: StreamFocus | null;
}

/** Per card and window: a bar growing with count(*), the count, and the HAVING line across the bar. */
function Counts({ model, x, rowTop, rowH, threshold, focus }: CellProps & { threshold: number | null }) {
  const size = model.shape?.window?.sizeMs ?? 0;
  const cells: ReactElement[] = [];
  model.cards.forEach((card, i) => {
    const seenStarts = new Set<number>();
    for (const d of model.dots) {
      if (d.card !== card || d.windowStart === null || seenStarts.has(d.windowStart)) continue;
      seenStarts.add(d.windowStart);
      const count = model.counts.get(cellKey(card, d.windowStart)) ?? 0;
      const x0 = x(d.windowStart) + 6;
      const x1 = x(d.windowStart + size) - 6;
      const unit = Math.max(1, (x1 - x0 - 26) / BAR_MAX_COUNT);
      const y = rowTop(i) + rowH - 14;
      const hot = model.flagged.has(cellKey(card, d.windowStart));
      const focused = focus?.card === card && focus.windowStart === d.windowStart;
      const barEnd = x0 + Math.min(BAR_MAX_COUNT, count) * unit;
      // The count stands clear of the HAVING tick, so the tick never runs through its digits.
      const textX = Math.max(barEnd, threshold === null ? barEnd : x0 + threshold * unit) + 6;
      cells.push(
        <g
          key={`${card}|${d.windowStart}`}
          className={`stream-cell${hot ? ' flagged' : ''}${focused ? ' focus' : ''}`}
          data-testid="stream-count"
          data-card={card}
          data-window-start={d.windowStart}
          data-count={count}
        >
          <rect
            className="stream-bar"
            x={x0}
            y={y - 5}
            width={Math.min(BAR_MAX_COUNT, count) * unit}
            height={10}
            rx={3}
          />
          <text className="stream-count" x={textX} y={y} dominantBaseline="central">
            {count}
          </text>
          {threshold !== null && (
            <line
              className="stream-threshold"
              x1={x0 + threshold * unit}
              x2={x0 + threshold * unit}
              y1={y - 11}
              y2={y + 11}
            />
          )}
        </g>,
      );
    }
  });
  return <g aria-hidden="true">{cells}</g>;
}

/** Hopping and session windows overlap: only the windows HAVING kept are outlined. */
function FlaggedWindows({ model, x, rowTop, rowH, focus }: CellProps) {
  const boxes: ReactElement[] = [];
  const seen = new Set<string>();
  for (const row of model.output) {
    const k = cellKey(row.card, row.windowStart);
    if (seen.has(k) || !model.flagged.has(k) || row.windowStart === null || row.windowEnd === null) continue;
    seen.add(k);
    const i = model.cards.indexOf(row.card);
    if (i < 0) continue;
    boxes.push(
      <rect
        key={k}
        className={
          focus?.card === row.card && focus.windowStart === row.windowStart
            ? 'stream-flagged-window focus'
            : 'stream-flagged-window'
        }
        data-testid={
          focus?.card === row.card && focus.windowStart === row.windowStart
            ? 'stream-focus-window'
            : undefined
        }
        x={x(row.windowStart)}
        y={rowTop(i) + 3}
        width={Math.max(2, x(row.windowEnd) - x(row.windowStart))}
        height={rowH - 6}
        rx={6}
      />,
    );
  }
  // The window the step talks about is drawn last, over the others.
  const focused = focus?.windowStart === undefined ? '' : cellKey(focus.card, focus.windowStart);
  return (
    <g aria-hidden="true">
      {[...boxes.filter((b) => b.key !== focused), ...boxes.filter((b) => b.key === focused)]}
    </g>
  );
}

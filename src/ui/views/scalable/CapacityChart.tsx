/**
 * What the group can take against what the producers send, on log-log axes with their values: capacity
 * (consumers that own a partition x what one consumer was measured to take) rises with every consumer
 * until each partition has one, then stays flat; demand is the producers' rate this step. Drawn only up to
 * the group's size so far, so the predict step does not give its answer away.
 */
import { line } from 'd3-shape';
import { capacityCurve, chartScales, tickLabel, X_TICKS, Y_TICKS } from './capacity-chart';
import { CHART, W } from './layout';

export interface CapacityPoint {
  readonly consumers: number;
  readonly capacityPerSec: number;
}

interface Props {
  /** One point per step so far that changed the group, in step order. */
  readonly points: readonly CapacityPoint[];
  readonly demandPerSec: number;
  readonly partitions: number;
  readonly perConsumerPerSec: number;
  readonly capacityAt: (consumers: number) => number;
  /** The group's size at the start of this step: the stretch of curve added this step is outlined. */
  readonly consumersBefore: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

export function CapacityChart({
  points,
  demandPerSec,
  partitions,
  perConsumerPerSec,
  capacityAt,
  consumersBefore,
}: Props) {
  const { x, y } = chartScales();
  const last = points[points.length - 1];
  const curve = capacityCurve(last?.consumers ?? 0, capacityAt);
  const path = line<{ consumers: number; perSec: number }>()
    .x((p) => x(p.consumers))
    .y((p) => y(p.perSec));
  const added = curve.filter((p) => p.consumers >= Math.max(1, consumersBefore));
  const bottom = CHART.y + CHART.h;
  return (
    <g
      className="capacity"
      data-testid="capacity-chart"
      aria-label={`Capacity against consumers: ${last ? `${last.consumers} consumers can take ${fmt(last.capacityPerSec)} records/s` : 'no consumers yet'}; producers send ${fmt(demandPerSec)} records/s`}
    >
      <text className="chart-title" x={CHART.x - 50} y={CHART.y - 14}>
        {perConsumerPerSec > 0 ? `records/s · one consumer ≈ ${perConsumerPerSec}/s` : 'records/s'}
      </text>
      {Y_TICKS.map((v) => (
        <g key={v}>
          <line className="grid" x1={CHART.x} x2={CHART.x + CHART.w} y1={y(v)} y2={y(v)} />
          <text className="tick-label" x={CHART.x - 6} y={y(v)} textAnchor="end" dominantBaseline="central">
            {tickLabel(v)}
          </text>
        </g>
      ))}
      {X_TICKS.map((v) => (
        <text key={v} className="tick-label" x={x(v)} y={bottom + 20} textAnchor="middle">
          {v}
        </text>
      ))}
      <text className="chart-label" x={CHART.x + CHART.w / 2} y={bottom + 42} textAnchor="middle">
        consumers in the group
      </text>
      <line className="axis" x1={CHART.x} x2={CHART.x + CHART.w} y1={bottom} y2={bottom} />
      <line className="axis" x1={CHART.x} x2={CHART.x} y1={CHART.y} y2={bottom} />
      <line
        className="partition-line"
        data-testid="partition-line"
        x1={x(partitions)}
        x2={x(partitions)}
        y1={CHART.y}
        y2={bottom}
      />
      <text className="partition-label" x={W - 6} y={CHART.y - 14} textAnchor="end">
        {partitions} partitions
      </text>
      {demandPerSec > 0 && (
        <g data-testid="demand-line" data-rate={Math.round(demandPerSec)}>
          <line
            className="demand-line"
            x1={CHART.x}
            x2={CHART.x + CHART.w}
            y1={y(demandPerSec)}
            y2={y(demandPerSec)}
          />
          <text className="demand-label" x={CHART.x + CHART.w + 8} y={y(demandPerSec)}>
            <tspan x={CHART.x + CHART.w + 8} dy="-0.25em">
              producers
            </tspan>
            <tspan x={CHART.x + CHART.w + 8} dy="1.1em">
              {fmt(demandPerSec)}/s
            </tspan>
          </text>
        </g>
      )}
      {curve.length > 1 && <path className="capacity-line" d={path(curve) ?? ''} />}
      {added.length > 1 && consumersBefore > 0 && (
        <path className="capacity-line changed" data-testid="capacity-changed" d={path(added) ?? ''} />
      )}
      {last && last.consumers > partitions && (
        <text className="ceiling-callout" data-testid="ceiling-callout" x={CHART.x + 10} y={CHART.y + 18}>
          <tspan x={CHART.x + 10}>past {partitions} consumers:</tspan>
          <tspan x={CHART.x + 10} dy="1.1em">
            no more capacity
          </tspan>
        </text>
      )}
      {points.map((p, i) => (
        <circle
          key={p.consumers}
          className={i === points.length - 1 ? 'capacity-dot current' : 'capacity-dot'}
          data-testid="capacity-point"
          cx={x(p.consumers)}
          cy={y(Math.max(1, p.capacityPerSec))}
          r={i === points.length - 1 ? 8 : 5}
          data-consumers={p.consumers}
          data-rate={Math.round(p.capacityPerSec)}
        />
      ))}
    </g>
  );
}

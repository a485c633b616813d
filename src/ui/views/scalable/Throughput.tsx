/**
 * Throughput against consumers, one point per step so far: records the group committed per second of model
 * time. It rises with each consumer until every partition has one, then stays flat.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { CHART } from './layout';

export interface ThroughputPoint {
  consumers: number;
  recordsPerSecond: number;
}

export function Throughput({
  points,
  partitions,
}: {
  points: readonly ThroughputPoint[];
  partitions: number;
}) {
  const maxC = Math.max(partitions + 12, ...points.map((p) => p.consumers));
  const maxT = Math.max(100, ...points.map((p) => p.recordsPerSecond));
  const x = scaleLinear()
    .domain([0, maxC])
    .range([CHART.x, CHART.x + CHART.w]);
  const y = scaleLinear()
    .domain([0, maxT * 1.1])
    .range([CHART.y + CHART.h, CHART.y]);
  const path = line<ThroughputPoint>()
    .x((p) => x(p.consumers))
    .y((p) => y(p.recordsPerSecond))(points);
  return (
    <g
      className="throughput"
      data-testid="throughput"
      aria-label="Throughput against the number of consumers"
    >
      <line
        className="axis"
        x1={CHART.x}
        x2={CHART.x + CHART.w}
        y1={CHART.y + CHART.h}
        y2={CHART.y + CHART.h}
      />
      <line className="axis" x1={CHART.x} x2={CHART.x} y1={CHART.y} y2={CHART.y + CHART.h} />
      <line
        className="partition-line"
        x1={x(partitions)}
        x2={x(partitions)}
        y1={CHART.y}
        y2={CHART.y + CHART.h}
      />
      <text className="chart-label" x={x(partitions)} y={CHART.y - 6} textAnchor="middle">
        {partitions} partitions
      </text>
      <text className="chart-label" x={CHART.x + CHART.w / 2} y={CHART.y + CHART.h + 28} textAnchor="middle">
        consumers →
      </text>
      <text className="chart-label" x={CHART.x - 8} y={CHART.y + 10} textAnchor="end">
        rec/s
      </text>
      <text className="chart-label" x={CHART.x + 8} y={CHART.y + 10}>
        committed per second
      </text>
      {path && <path className="throughput-line" d={path} />}
      {points.map((p) => (
        <circle
          key={p.consumers}
          className="throughput-dot"
          cx={x(p.consumers)}
          cy={y(p.recordsPerSecond)}
          r={6}
          data-consumers={p.consumers}
          data-rate={Math.round(p.recordsPerSecond)}
        />
      ))}
    </g>
  );
}

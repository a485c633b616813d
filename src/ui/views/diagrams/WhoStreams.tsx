/** Slide 54 as a d3 chart: user population against coding sophistication, revealed group by group. */
import { scaleLinear } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import { WHO_STREAMS } from './data';

const W = 1200;
const H = 520;
const M = { left: 120, right: 40, top: 30, bottom: 60 };

export function WhoStreams({ reveal }: { reveal: number }) {
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([H - M.bottom, M.top]);
  const points = [...WHO_STREAMS].sort((a, b) => a.sophistication - b.sophistication);
  const path = line<(typeof points)[number]>()
    .x((d) => x(d.sophistication))
    .y((d) => y(d.population))
    .curve(curveMonotoneX)(points);
  const shown = WHO_STREAMS.slice(0, reveal);
  return (
    <svg
      className="stage-svg diagram"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="User population against coding sophistication"
    >
      <line className="axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      <text className="axis-label" x={(M.left + W - M.right) / 2} y={H - 14} textAnchor="middle">
        Coding sophistication →
      </text>
      <text
        className="axis-label"
        transform={`translate(40,${(H - M.bottom + M.top) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        User population →
      </text>
      {reveal >= WHO_STREAMS.length && path && <path className="trend" d={path} />}
      {shown.map((d, i) => {
        // The curve falls to the right, so a label above-right of a left-hand dot, or below-left of a
        // right-hand one, stays clear of it.
        const right = d.sophistication > 0.5;
        const lx = x(d.sophistication) + (right ? -26 : 26);
        const ly = y(d.population) + (right ? 44 : -46);
        const anchor = right ? 'end' : 'start';
        return (
          <g key={d.label} data-testid="who-streams-group" data-new={i === shown.length - 1}>
            <circle
              className={`${d.tool === 'Kafka Streams' ? 'dot streams' : 'dot ksql'}${i === shown.length - 1 ? ' new' : ''}`}
              cx={x(d.sophistication)}
              cy={y(d.population)}
              r={16}
            />
            <text className="dot-label" x={lx} y={ly} textAnchor={anchor}>
              {d.label}
            </text>
            <text className="dot-tool" x={lx} y={ly + 28} textAnchor={anchor}>
              {d.tool}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

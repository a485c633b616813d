/** Slide 50: event streaming platform → continuous computation → serving layer, with events flowing. */
import { scaleBand } from 'd3-scale';
import { ORIGINS } from './data';

const W = 1200;
const H = 520;
/** Dots in flight along the pipeline; their phase follows the playhead so stepping back needs no special case. */
const DOT_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

export function Origins({ reveal, phase }: { reveal: number; phase: number }) {
  const x = scaleBand<string>()
    .domain(ORIGINS.map((o) => o.label))
    .range([20, W - 20])
    .paddingInner(0.12);
  const shown = ORIGINS.slice(0, reveal);
  const flowEnd = (x(shown.at(-1)?.label ?? '') ?? 0) + x.bandwidth() / 2;
  return (
    <svg
      className="stage-svg diagram"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Origins of stream processing"
    >
      {shown.length > 1 &&
        DOT_IDS.map((id, i) => {
          const t = (i / DOT_IDS.length + phase) % 1;
          const start = (x(ORIGINS[0].label) ?? 0) + x.bandwidth() / 2;
          return (
            <circle
              key={id}
              className="flow-dot"
              cx={start + t * (flowEnd - start)}
              cy={320}
              r={10}
              aria-hidden="true"
            />
          );
        })}
      {shown.map((o) => (
        <g key={o.label} data-testid="origins-layer">
          <rect className="layer" x={x(o.label)} y={60} width={x.bandwidth()} height={220} rx={14} />
          <text className="layer-title" x={(x(o.label) ?? 0) + x.bandwidth() / 2} y={110} textAnchor="middle">
            {o.label}
          </text>
          <foreignObject x={(x(o.label) ?? 0) + 16} y={135} width={x.bandwidth() - 32} height={140}>
            <p className="layer-detail-html">{o.detail}</p>
          </foreignObject>
        </g>
      ))}
    </svg>
  );
}

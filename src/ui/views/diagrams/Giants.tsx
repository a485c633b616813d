/** Slide 55: the stack of streaming tools, each powered by the one below, with its trade-off axis. */
import { scaleBand } from 'd3-scale';
import { GIANTS } from './data';

const W = 1200;
const H = 520;

export function Giants({ reveal }: { reveal: number }) {
  const layers = [...GIANTS].reverse();
  const y = scaleBand<string>()
    .domain(layers.map((l) => l.label))
    .range([20, H - 20])
    .paddingInner(0.18);
  return (
    <svg
      className="stage-svg diagram"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Producer and consumer APIs, Kafka Streams, ksqlDB, UDFs"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="5"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
        </marker>
      </defs>
      <line className="axis" x1={70} x2={70} y1={H - 30} y2={30} markerEnd="url(#arrow)" />
      <text className="axis-label" transform={`translate(40,${H / 2}) rotate(-90)`} textAnchor="middle">
        Ease of use ↑ · Flexibility ↓
      </text>
      {layers.map((l) => {
        const index = GIANTS.findIndex((g) => g.label === l.label);
        if (index >= reveal) return null;
        const top = y(l.label) ?? 0;
        return (
          <g key={l.label} data-testid="giants-layer">
            <rect className="layer" x={120} y={top} width={W - 160} height={y.bandwidth()} rx={12} />
            <text className="layer-title" x={150} y={top + y.bandwidth() / 2 - 14} dominantBaseline="central">
              {l.label}
            </text>
            <text
              className="layer-detail"
              x={150}
              y={top + y.bandwidth() / 2 + 22}
              dominantBaseline="central"
            >
              {l.detail}
            </text>
            {'poweredBy' in l && (
              <text
                className="layer-detail"
                x={W - 64}
                y={top + y.bandwidth() / 2 - 14}
                textAnchor="end"
                dominantBaseline="central"
              >
                powered by {l.poweredBy} ↓
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

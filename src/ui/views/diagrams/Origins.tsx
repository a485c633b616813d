/**
 * Slide 50 as layers, bottom to top: event sources feed a high-throughput streaming platform (Kafka's log),
 * apps compute over it continuously (scaled out by API-based clustering), a serving layer answers with the
 * results. Arrows carry events up; each step adds one layer, outlined and called out beside it.
 */
import { Arrowhead } from './Arrowhead';
import { EVENT_SOURCES, ORIGINS } from './data';
import { LayerBox } from './LayerBox';

const W = 1200;
const H = 520;
const STACK = { x: 20, w: 840 };
/** Layer boxes by step (platform, computation, serving): fixed, so nothing moves as layers appear. */
const LAYER_Y = [
  { y: 290, h: 96 },
  { y: 150, h: 100 },
  { y: 10, h: 96 },
] as const;
const SOURCES = { y: 436, h: 64 };
const CALLOUT = { x: 900, w: 290, h: 84 };
/** Offsets drawn in the log, and app instances drawn in the computation layer. */
const LOG_OFFSETS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const APPS = ['app-1', 'app-2', 'app-3'];
/** Where the arrows between two layers stand, across the stack. */
const ARROW_X = [170, 440, 710];

function Arrow({ x, from, to }: { x: number; from: number; to: number }) {
  return (
    <g data-testid="origins-arrow">
      <line className="flow" x1={x} x2={x} y1={from - 4} y2={to + 10} markerEnd="url(#arrow)" />
      <rect
        className="flow-dot"
        x={x - 9}
        y={(from + to) / 2 - 5}
        width={18}
        height={18}
        rx={3}
        aria-hidden="true"
      />
    </g>
  );
}

function LogStrip({ top }: { top: number }) {
  const cell = 28;
  const x0 = STACK.x + STACK.w - 24 - LOG_OFFSETS.length * cell;
  return (
    <g data-testid="origins-log">
      {LOG_OFFSETS.map((offset) => (
        <g key={offset}>
          <rect
            className="log-cell"
            x={x0 + offset * cell}
            y={top + 28}
            width={cell - 4}
            height={40}
            rx={4}
          />
          <text
            className="log-offset"
            x={x0 + offset * cell + (cell - 4) / 2}
            y={top + 55}
            textAnchor="middle"
          >
            {offset}
          </text>
        </g>
      ))}
    </g>
  );
}

function Apps({ top }: { top: number }) {
  const w = 70;
  const gap = 12;
  const x0 = STACK.x + STACK.w - 24 - APPS.length * w - (APPS.length - 1) * gap;
  const mid = x0 + (APPS.length * w + (APPS.length - 1) * gap) / 2;
  return (
    <g>
      {APPS.map((id, i) => (
        <g key={id} data-box>
          <rect className="app" x={x0 + i * (w + gap)} y={top + 12} width={w} height={40} rx={6} />
          <text className="app-label" x={x0 + i * (w + gap) + w / 2} y={top + 39} textAnchor="middle">
            app
          </text>
        </g>
      ))}
      <text className="layer-detail small" x={mid} y={top + 82} textAnchor="middle">
        API-based clustering
      </text>
    </g>
  );
}

export function Origins({ reveal }: { reveal: number }) {
  const shown = ORIGINS.slice(0, reveal);
  const current = shown.length - 1;
  const sourceW = (STACK.w - 3 * 20) / EVENT_SOURCES.length;
  return (
    <svg
      className="stage-svg diagram origins"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Origins of stream processing: ${shown.map((o) => o.label).join(', then ')}`}
    >
      <Arrowhead />
      {EVENT_SOURCES.map((s, i) => {
        const x = STACK.x + i * (sourceW + 20);
        return (
          <g key={s}>
            <g data-box data-testid="origins-source">
              <rect className="source" x={x} y={SOURCES.y} width={sourceW} height={SOURCES.h} rx={32} />
              <text className="source-label" x={x + sourceW / 2} y={SOURCES.y + 41} textAnchor="middle">
                {s}
              </text>
            </g>
            <Arrow x={x + sourceW / 2} from={SOURCES.y} to={LAYER_Y[0].y + LAYER_Y[0].h} />
          </g>
        );
      })}
      {shown.map((o, i) => {
        const { y, h } = LAYER_Y[i]!;
        const below = LAYER_Y[i - 1];
        return (
          <g key={o.label} data-testid="origins-layer" data-new={i === current}>
            {below && ARROW_X.map((x) => <Arrow key={x} x={x} from={below.y} to={y + h} />)}
            <LayerBox
              x={STACK.x}
              y={y}
              w={STACK.w}
              h={h}
              rx={14}
              isNew={i === current}
              title={o.label}
              detail={o.detail}
              titleDy={40}
              detailDy={76}
            />
            {i === 0 && <LogStrip top={y} />}
            {i === 1 && <Apps top={y} />}
          </g>
        );
      })}
      {current >= 0 && (
        <g data-testid="origins-callout">
          <line
            className="callout-line"
            x1={STACK.x + STACK.w + 4}
            x2={CALLOUT.x}
            y1={LAYER_Y[current]!.y + LAYER_Y[current]!.h / 2}
            y2={LAYER_Y[current]!.y + LAYER_Y[current]!.h / 2}
          />
          <g data-box>
            <rect
              className="callout"
              x={CALLOUT.x}
              y={LAYER_Y[current]!.y + (LAYER_Y[current]!.h - CALLOUT.h) / 2}
              width={CALLOUT.w}
              height={CALLOUT.h}
              rx={10}
            />
            {ORIGINS[current]!.added.map((line, k) => (
              <text
                key={line}
                className="callout-text"
                x={CALLOUT.x + 16}
                y={LAYER_Y[current]!.y + (LAYER_Y[current]!.h - CALLOUT.h) / 2 + 34 + k * 30}
              >
                {line}
              </text>
            ))}
          </g>
        </g>
      )}
    </svg>
  );
}

/**
 * Slide 55: producer and consumer APIs, Kafka Streams and ksqlDB stacked, each powered by the one below,
 * against the slide's two axes (ease of use up, flexibility down). ksqlDB UDFs plug into ksqlDB from the side:
 * Java where SQL runs out, so they sit at ksqlDB's height, not above it as the easiest layer.
 */
import { Arrowhead } from './Arrowhead';
import { GIANTS, UDFS } from './data';
import { LayerBox } from './LayerBox';

const W = 1200;
const H = 520;
const AXIS_X = 90;
const STACK = { x: 190, w: 620, top: 44, bottom: 478, gap: 46 };
const BAND = (STACK.bottom - STACK.top - 2 * STACK.gap) / GIANTS.length;
const SIDE = { x: 880, w: 300 };

/** Top of layer i, counted from the bottom of the stack. */
const layerTop = (i: number) => STACK.bottom - (i + 1) * BAND - i * STACK.gap;

export function Giants({ reveal }: { reveal: number }) {
  const current = reveal - 1;
  const ksqlTop = layerTop(GIANTS.length - 1);
  return (
    <svg
      className="stage-svg diagram giants"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Producer and consumer APIs power Kafka Streams, which powers ksqlDB; UDFs plug into ksqlDB. Higher is easier to use, lower is more flexible."
    >
      <Arrowhead />
      <g data-testid="giants-axis">
        <line
          className="axis"
          x1={AXIS_X}
          x2={AXIS_X}
          y1={STACK.bottom - 20}
          y2={STACK.top + 20}
          markerStart="url(#arrow)"
          markerEnd="url(#arrow)"
        />
        <text className="axis-label" x={AXIS_X} y={STACK.top - 12} textAnchor="middle">
          Ease of use
        </text>
        <text className="axis-label" x={AXIS_X} y={STACK.bottom + 34} textAnchor="middle">
          Flexibility
        </text>
      </g>
      {GIANTS.map((l, i) => {
        if (i >= reveal) return null;
        const top = layerTop(i);
        return (
          <g key={l.label} data-testid="giants-layer" data-new={i === current}>
            <LayerBox
              x={STACK.x}
              y={top}
              w={STACK.w}
              h={BAND}
              rx={12}
              isNew={i === current}
              title={l.label}
              detail={l.detail}
              titleDy={46}
              detailDy={84}
            />
            {i > 0 && (
              <g data-testid="giants-powered-by">
                <line
                  className="flow"
                  x1={STACK.x + 120}
                  x2={STACK.x + 120}
                  y1={top + BAND + 4}
                  y2={top + BAND + STACK.gap - 10}
                  markerEnd="url(#arrow)"
                />
                <text className="layer-detail" x={STACK.x + 146} y={top + BAND + STACK.gap / 2 + 8}>
                  powered by
                </text>
              </g>
            )}
          </g>
        );
      })}
      {reveal > GIANTS.length && (
        <g data-testid="giants-udfs" data-new="true">
          <line
            className="flow"
            x1={SIDE.x - 4}
            x2={STACK.x + STACK.w + 10}
            y1={ksqlTop + BAND / 2}
            y2={ksqlTop + BAND / 2}
            markerEnd="url(#arrow)"
          />
          <g data-box>
            <rect
              className="layer new"
              x={SIDE.x}
              y={ksqlTop - 20}
              width={SIDE.w}
              height={BAND + 40}
              rx={12}
            />
            <text className="layer-title" x={SIDE.x + 20} y={ksqlTop + 22}>
              {UDFS.label}
            </text>
            {UDFS.detail.map((line, k) => (
              <text key={line} className="layer-detail" x={SIDE.x + 20} y={ksqlTop + 62 + k * 30}>
                {line}
              </text>
            ))}
          </g>
          <text className="callout-text" x={SIDE.x + SIDE.w / 2} y={ksqlTop + BAND + 60} textAnchor="middle">
            plug into ksqlDB: more
          </text>
          <text className="callout-text" x={SIDE.x + SIDE.w / 2} y={ksqlTop + BAND + 88} textAnchor="middle">
            flexible, same layer
          </text>
        </g>
      )}
    </svg>
  );
}

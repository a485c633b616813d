/**
 * The three figures a room needs on slide 39, large, from the engine's groupFlow over the step: records
 * produced and consumed (committed) per second, and the group's lag, with how the lag moved this step so a
 * still picture says whether the group is falling behind or catching up.
 */
import type { GroupFlow } from '../../../engine';
import { READOUT } from './layout';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function trend(lag: number, lagBefore: number | null): { text: string; className: string } | null {
  if (lagBefore === null || lag === lagBefore) return null;
  const d = lag - lagBefore;
  return d > 0
    ? { text: `▲ +${fmt(d)} falling behind`, className: 'worse' }
    : { text: `▼ −${fmt(-d)} catching up`, className: 'better' };
}

/** Each figure's box: its left edge and width in the readout, and where its value starts. */
const BOXES = {
  produced: { x: 0, w: 340, valueAt: 136 },
  consumed: { x: 350, w: 340, valueAt: 144 },
  lag: { x: 700, w: 460, valueAt: 66 },
} as const;

export function Readout({ flow, lagBefore }: { flow: GroupFlow; lagBefore: number | null }) {
  const cy = READOUT.y + READOUT.h / 2;
  const t = trend(flow.lag, lagBefore);
  const figures = [
    { id: 'produced', value: `${fmt(flow.producedPerSec)}/s`, n: flow.producedPerSec },
    { id: 'consumed', value: `${fmt(flow.consumedPerSec)}/s`, n: flow.consumedPerSec },
    { id: 'lag', value: fmt(flow.lag), n: flow.lag },
  ] as const;
  return (
    <g
      className="readout"
      data-testid="readout"
      aria-label={`produced ${fmt(flow.producedPerSec)} records/s, consumed ${fmt(flow.consumedPerSec)} records/s, lag ${fmt(flow.lag)} records`}
    >
      {figures.map((f) => {
        const b = BOXES[f.id];
        return (
          <g key={f.id} data-testid={`readout-${f.id}`} data-box="readout" data-value={Math.round(f.n)}>
            <rect
              className={`readout-box ${f.id}`}
              x={READOUT.x + b.x}
              y={READOUT.y}
              width={b.w}
              height={READOUT.h}
              rx={10}
            />
            <text className="readout-label" x={READOUT.x + b.x + 16} y={cy} dominantBaseline="central">
              {f.id}
            </text>
            <text
              className={`readout-value ${f.id}`}
              x={READOUT.x + b.x + b.valueAt}
              y={cy}
              dominantBaseline="central"
            >
              {f.value}
            </text>
          </g>
        );
      })}
      {t && (
        <text
          className={`readout-trend ${t.className}`}
          data-testid="lag-trend"
          x={READOUT.x + READOUT.w - 16}
          y={cy}
          textAnchor="end"
          dominantBaseline="central"
        >
          {t.text}
        </text>
      )}
    </g>
  );
}

/**
 * The strip under the brokers: the legend of the record colours (copies, not keys) and, at each offset
 * where an acknowledged record was lost, its red ghost slot, which stays for the rest of the scene (issue
 * 15, point 7). The lost records come from the engine's replicationHistory.
 */
import type { AcknowledgedRecord } from '../../../engine';
import { type BrokersLayout, LANE_X, PRODUCER_BOX, STRIP_HEIGHT, STRIP_Y } from './brokers-layout';
import { COPIES_COLOUR, copiesLegend } from './copies';

interface Props {
  layout: BrokersLayout;
  lost: readonly AcknowledgedRecord[];
  replicationFactor: number;
  /** More than one partition: a ghost names its partition. */
  many: boolean;
}

const SWATCH = 34;

export function LostStrip({ layout, lost, replicationFactor, many }: Props) {
  const mid = STRIP_Y + STRIP_HEIGHT / 2;
  const legend = copiesLegend(replicationFactor);
  return (
    <g className="strip">
      <g
        className="copies-legend"
        role="img"
        aria-label={`Record colours: how many copies exist, ${legend.map((l) => l.label).join(', ')}`}
        data-testid="copies-legend"
      >
        <text
          className="legend-title"
          x={PRODUCER_BOX.x + 4}
          y={mid}
          dominantBaseline="central"
          aria-hidden="true"
        >
          copies:
        </text>
        {legend.map((l, i) => {
          const x = PRODUCER_BOX.x + 88 + i * (SWATCH + 14 + (l.label.length - 1) * 12);
          const w = SWATCH + (l.label.length - 1) * 12;
          return (
            <g key={l.cls} aria-hidden="true" data-box="legend swatch">
              <rect
                x={x}
                y={mid - 15}
                width={w}
                height={30}
                rx={6}
                fill={COPIES_COLOUR[l.cls]}
                className="swatch"
              />
              <text
                className="swatch-label"
                x={x + w / 2}
                y={mid}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {l.label}
              </text>
            </g>
          );
        })}
      </g>
      {lost.length > 0 && (
        <text className="lost-label" x={LANE_X} y={mid} dominantBaseline="central" aria-hidden="true">
          lost
        </text>
      )}
      {lost.map((r) => {
        const x = layout.slotX(r.offset);
        const w = layout.slotWidth - 6;
        return (
          <g
            key={r.recordId}
            className="ghost-slot"
            data-testid="ghost-slot"
            data-box="ghost slot"
            data-value={r.value}
            data-offset={r.offset}
            data-partition={r.partition}
            role="img"
            aria-label={`${r.value}, acknowledged to ${r.producer} at ${many ? `partition ${r.partition}, ` : ''}offset ${r.offset}, lost`}
          >
            <rect x={x} y={STRIP_Y + 3} width={w} height={STRIP_HEIGHT - 6} rx={7} />
            <text x={x + w / 2} y={mid} textAnchor="middle" dominantBaseline="central">
              {r.value}
            </text>
            <line x1={x + 5} x2={x + w - 5} y1={mid} y2={mid} />
          </g>
        );
      })}
    </g>
  );
}

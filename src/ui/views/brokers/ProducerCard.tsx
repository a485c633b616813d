/**
 * A producer on the brokers stage: its name, its acks setting and what it was told ✓ for, record by record,
 * so that a record lost after its ✓ reads as "€30 ✓ → LOST" on the card that trusted it (issue 15, point 7).
 * Its last refusal (NOT_ENOUGH_REPLICAS) stays on the card until a ✓ follows it. All from replicationHistory.
 */
import type { AcknowledgedRecord, ProducerConfig } from '../../../engine';
import { PRODUCER_BOX } from './brokers-layout';
import { COPIES_COLOUR, copiesClass } from './copies';

interface Props {
  id: string;
  config: ProducerConfig;
  y: number;
  height: number;
  acknowledged: readonly AcknowledgedRecord[];
  copies: ReadonlyMap<string, number>;
  replicationFactor: number;
  refusal: string | undefined;
}

/** Chips that fit the card's width; lost records are always among them. */
const CHIPS = 4;
const CHIP_W = 50;
const CHIP_GAP = 4;
/** A card this tall has room for the chips and two lines under them; a shorter one only says the count. */
const FULL_HEIGHT = 200;

function chipsOf(acknowledged: readonly AcknowledgedRecord[]): AcknowledgedRecord[] {
  const lost = acknowledged.filter((r) => r.lost);
  const keep = new Set([...lost, ...acknowledged.filter((r) => !r.lost).slice(-(CHIPS - lost.length))]);
  return acknowledged.filter((r) => keep.has(r)).slice(-CHIPS);
}

export function ProducerCard({
  id,
  config,
  y,
  height,
  acknowledged,
  copies,
  replicationFactor,
  refusal,
}: Props) {
  const x = PRODUCER_BOX.x + 12;
  const inner = PRODUCER_BOX.width - 24;
  const lost = acknowledged.filter((r) => r.lost);
  const full = height >= FULL_HEIGHT;
  const said = [
    `Producer ${id}, acks=${config.acks}, ${config.idempotent ? 'idempotent' : 'not idempotent'}`,
    `${acknowledged.length} records acknowledged${acknowledged.length ? `: ${acknowledged.map((r) => r.value).join(', ')}` : ''}`,
    ...lost.map((r) => `${r.value} was acknowledged at offset ${r.offset} and is lost`),
    ...(refusal ? [`last request refused: ${refusal}`] : []),
  ];
  const lines: { text: string; cls: string }[] = [
    ...lost.map((r) => ({ text: `${r.value} ✓ → LOST`, cls: 'producer-lost' })),
    ...(refusal ? [{ text: `✗ ${refusal}`, cls: 'producer-error' }] : []),
  ];
  return (
    <g data-testid={`producer-${id}`} data-box="producer" role="group" aria-label={said.join('; ')}>
      <rect
        className="producer"
        x={PRODUCER_BOX.x}
        y={y}
        width={PRODUCER_BOX.width}
        height={height}
        rx={12}
      />
      <g aria-hidden="true">
        <text className="node-title" x={x} y={y + 32}>
          {id}
        </text>
        <text className="producer-acks" x={x} y={y + 64}>
          acks={config.acks}
        </text>
        <text className="producer-acked" x={x} y={y + 94}>
          ✓ {acknowledged.length} acknowledged
        </text>
        {full &&
          chipsOf(acknowledged).map((r, i) => {
            const cx = x + i * (CHIP_W + CHIP_GAP);
            const n = copies.get(r.recordId) ?? 0;
            return (
              <g
                key={r.recordId}
                className={r.lost ? 'acked-chip lost' : 'acked-chip'}
                data-testid="acked-record"
                data-box="acknowledged record"
                data-value={r.value}
                data-offset={r.offset}
                data-lost={String(r.lost)}
              >
                <rect
                  x={cx}
                  y={y + 106}
                  width={CHIP_W}
                  height={32}
                  rx={6}
                  fill={r.lost ? 'none' : COPIES_COLOUR[copiesClass(n, replicationFactor)]}
                />
                <text x={cx + CHIP_W / 2} y={y + 123} textAnchor="middle" dominantBaseline="central">
                  {r.value}
                </text>
                {r.lost && <line x1={cx + 4} x2={cx + CHIP_W - 4} y1={y + 123} y2={y + 123} />}
              </g>
            );
          })}
        {(full ? lines : lines.slice(-1)).slice(0, 2).map((l, i) => (
          <text
            key={l.text}
            className={l.cls}
            x={x}
            y={y + (full ? 166 + i * 28 : height - 14)}
            // Kafka's error codes are long: squeeze the longest into the card rather than shrink the type.
            {...(l.text.length > 17 ? { textLength: inner, lengthAdjust: 'spacingAndGlyphs' } : {})}
          >
            {l.text}
          </text>
        ))}
      </g>
    </g>
  );
}

/**
 * One record in a partition's log, as the topic, consumers and brokers views draw it: a box in its key's
 * colour, a label over its offset. Its test id, data attributes and spoken name are the deck-wide contract
 * the e2e tests and screen readers read. Imports no d3: the topic view is in the initial download.
 */
import type { BrokerId } from '../../engine';
import { keyColour } from './palette';

export interface RecordBoxProps {
  readonly record: { readonly offset: number; readonly key: string | null; readonly value: string };
  readonly partition: number;
  /** The box, in the view's coordinates. */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Where the label and the offset are centred, vertically: by default a third and three quarters down. */
  readonly labelY?: number;
  readonly offsetY?: number;
  /** What the box says: a keyed record's key or its value, as the view chooses. */
  readonly label: string;
  /** Width of one character of the label in the view's font: a longer label is cut short with an ellipsis. */
  readonly charWidth: number;
  /** A follower's copy of a record is a `replica-record`; the record itself (the leader's) is a `record`. */
  readonly testId?: 'record' | 'replica-record';
  /** The broker holding this copy, on the brokers view. */
  readonly broker?: { readonly id: BrokerId; readonly name: string };
  /** A group processed this record a second time during the step. */
  readonly readAgain?: boolean;
  /** Extra classes of the box, space-separated: what the view outlines (a record new this step...). */
  readonly marks?: string;
  /** The box's colour when a view colours records by something other than their key (the brokers view: copies). */
  readonly fill?: string;
  /** More data attributes a view's tests read (the brokers view: how many copies exist). */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
}

export function RecordBox({
  record,
  partition,
  box,
  labelY = box.y + box.height * 0.36,
  offsetY = box.y + box.height * 0.76,
  label,
  charWidth,
  testId = 'record',
  broker,
  readAgain = false,
  marks,
  fill,
  data,
}: RecordBoxProps) {
  const cx = box.x + box.width / 2;
  const fits = Math.max(1, Math.floor(box.width / charWidth));
  const shown = label.length > fits ? `${label.slice(0, Math.max(1, fits - 1))}…` : label;
  /** The room inside the box's rounded edges. */
  const inner = box.width - 8;
  const digits = String(record.offset).length;
  const spoken = record.key === null ? record.value : `key ${record.key}, value ${record.value}`;
  const where = `at partition ${partition}, offset ${record.offset}${broker ? `, on ${broker.name}` : ''}`;
  return (
    <g
      data-testid={testId}
      data-partition={partition}
      data-offset={record.offset}
      {...(broker ? { 'data-broker': broker.id } : {})}
      data-value={record.value}
      {...(record.key !== null ? { 'data-key': record.key } : {})}
      {...(readAgain ? { 'data-read-again': 'true' } : {})}
      {...(marks ? { 'data-marks': marks } : {})}
      {...data}
      role="listitem"
      aria-label={`${spoken}, ${where}${readAgain ? ', read again' : ''}`}
    >
      <rect
        className={['record', ...(readAgain ? ['read-again'] : []), ...(marks ? [marks] : [])].join(' ')}
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={8}
        fill={fill ?? keyColour(record.key)}
      />
      <text
        className="record-value"
        x={cx}
        y={labelY}
        textAnchor="middle"
        dominantBaseline="central"
        // A label about as wide as its box (many records on a narrow lane) is squeezed into the box rather
        // than spilling over its neighbours: the estimate per character is only an estimate of the font.
        {...(shown.length * charWidth > inner ? { textLength: inner, lengthAdjust: 'spacingAndGlyphs' } : {})}
      >
        {shown}
      </text>
      {/* The offset too: squeezed into a thin card, left out of a sliver (the lane's offsets still count). */}
      {inner >= digits * 5 && (
        <text
          className="record-offset"
          x={cx}
          y={offsetY}
          textAnchor="middle"
          dominantBaseline="central"
          {...(digits * charWidth * 0.75 > inner
            ? { textLength: inner, lengthAdjust: 'spacingAndGlyphs' }
            : {})}
        >
          {record.offset}
        </text>
      )}
    </g>
  );
}

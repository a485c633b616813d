/**
 * One offset of the compacted partition: the record there (in its key's colour; a tombstone dark with its
 * delete horizon; struck through as the cleaner's sweep reaches it), or the dashed gap the cleaner left.
 */
import type { LogRecord } from '../../../engine';
import { keyColour } from '../palette';
import { seconds } from './compaction-frame';
import { slotBox } from './compaction-layout';

export function OffsetSlot({
  o,
  record,
  doomed,
  slots,
  horizon,
}: {
  o: number;
  /** Null where the cleaner removed the record: the offset stays a gap. */
  record: LogRecord | null;
  /** The sweep of a pass that removes this record has reached it. */
  doomed: boolean;
  slots: number;
  /** The tombstone's delete horizon, when the picture shows it. */
  horizon: number | undefined;
}) {
  const box = slotBox(o, slots);
  const cx = box.x + box.w / 2;
  if (!record) {
    return (
      <g
        data-box="gap"
        data-testid="gap"
        data-offset={o}
        role="listitem"
        aria-label={`offset ${o}: removed by the cleaner`}
      >
        <rect className="cmp-gap" x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
        <text
          className="cmp-gap-label"
          x={cx}
          y={box.y + box.h / 2}
          textAnchor="middle"
          dominantBaseline="central"
        >
          removed
        </text>
      </g>
    );
  }
  return (
    <g
      data-box="record"
      data-testid="record"
      data-offset={o}
      data-key={record.key ?? ''}
      data-value={record.tombstone ? 'null' : record.value}
      {...(doomed ? { 'data-doomed': 'true' } : {})}
      role="listitem"
      aria-label={`offset ${o}: key ${record.key}, ${record.tombstone ? 'tombstone (null value)' : `value ${record.value}`}`}
    >
      <rect
        className={`cmp-record${record.tombstone ? ' tombstone' : ''}${doomed ? ' doomed' : ''}`}
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={8}
        fill={record.tombstone ? undefined : keyColour(record.key)}
        style={record.tombstone ? { stroke: keyColour(record.key) } : undefined}
      />
      <text
        className={`cmp-key${record.tombstone ? ' on-dark' : ''}`}
        x={cx}
        y={box.y + (record.tombstone ? 20 : 28)}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {record.key}
      </text>
      <text
        className={`cmp-value${record.tombstone ? ' on-dark' : ''}`}
        x={cx}
        y={box.y + (record.tombstone ? 46 : 60)}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {record.tombstone ? 'null' : record.value}
      </text>
      {record.tombstone && horizon !== undefined && (
        <text
          className="cmp-horizon"
          x={cx}
          y={box.y + 75}
          textAnchor="middle"
          dominantBaseline="central"
          data-testid="horizon"
        >
          {`til ${seconds(horizon)}`}
        </text>
      )}
      {doomed && (
        <line
          className="cmp-strike"
          x1={box.x + 6}
          y1={box.y + box.h - 6}
          x2={box.x + box.w - 6}
          y2={box.y + 6}
        />
      )}
    </g>
  );
}

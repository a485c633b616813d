/**
 * Under the log: the table a reader from the beginning builds (ksqlDB's TABLE over the compacted topic, one
 * row per key with its newest value) once the scene shows it, and until then the legend of gaps and
 * tombstones.
 */
import type { tableOf } from '../../../engine';
import { keyColour } from '../palette';
import { H, TABLE_TOP, W } from './compaction-layout';

export function CompactedTable({ topic, table }: { topic: string; table: ReturnType<typeof tableOf> }) {
  return (
    <g data-box="table" data-testid="table">
      <rect className="cmp-table" x={12} y={TABLE_TOP} width={W - 24} height={H - TABLE_TOP - 8} rx={10} />
      <text className="cmp-table-title" x={30} y={TABLE_TOP + 30}>
        ksqlDB TABLE card_status
      </text>
      <text className="cmp-table-note" x={30} y={TABLE_TOP + 60}>
        reads topic {topic}: one row per key,
      </text>
      <text className="cmp-table-note" x={30} y={TABLE_TOP + 88}>
        the newest value; its changelog is compacted
      </text>
      {table.map((row, i) => (
        <g key={row.key} data-testid="table-row" data-key={row.key} data-value={row.value}>
          <rect x={560} y={TABLE_TOP + 18 + i * 32} width={22} height={22} rx={4} fill={keyColour(row.key)} />
          <text className="cmp-table-row" x={596} y={TABLE_TOP + 29 + i * 32} dominantBaseline="central">
            {`${row.key}  ${row.value}  (offset ${row.offset})`}
          </text>
        </g>
      ))}
    </g>
  );
}

export function CompactionLegend() {
  return (
    <g className="cmp-legend" aria-hidden="true">
      <rect className="cmp-gap" x={12} y={TABLE_TOP + 20} width={40} height={28} rx={6} />
      <text className="cmp-legend-text" x={62} y={TABLE_TOP + 34} dominantBaseline="central">
        removed by the cleaner: the offset stays a gap
      </text>
      <rect
        className="cmp-record tombstone legend"
        x={630}
        y={TABLE_TOP + 20}
        width={40}
        height={28}
        rx={6}
      />
      <text className="cmp-legend-text" x={680} y={TABLE_TOP + 34} dominantBaseline="central">
        tombstone: key with a null value
      </text>
    </g>
  );
}

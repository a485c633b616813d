/**
 * The topic's partition lanes as consumers see them: the records, and per group where its owner reads next
 * (a filled ▼ over the records), what the group has committed (a hollow ▲ under them) and its lag
 * (high watermark - committed offset, as kafka-consumer-groups --describe prints it).
 */
import { scaleLinear } from 'd3-scale';
import type { TopicState } from '../../../engine';
import { visibleRecords } from '../log-window';
import { RecordBox } from '../RecordBox';
import { LAG_X, LANE_LEFT, LANE_RIGHT, type LanesLayout } from './consumers-layout';
import type { Picture } from './consumers-model';

/** Lag bars reach their full width at this many records. */
const LAG_BAR_FULL = 8;
const lagBar = scaleLinear()
  .domain([0, LAG_BAR_FULL])
  .range([0, LANE_RIGHT - LAG_X - 12])
  .clamp(true);

export interface GroupMarks {
  readonly group: string;
  /** The shortest prefix of the group's name that tells it from the others on stage. */
  readonly short: string;
  /** Colour index of the group. */
  readonly index: number;
  readonly position: number | null;
  readonly committed: number | null;
}

/** Per group: the position of the live consumer that owns the partition, and the committed offset. */
export function marksFor(picture: Picture, partition: number, groups: readonly string[]): GroupMarks[] {
  return groups.map((group, index) => {
    let n = 1;
    while (n < group.length && groups.some((g) => g !== group && g.startsWith(group.slice(0, n)))) n++;
    const owner = picture.consumers.find((c) => c.group === group && c.alive && c.owned.includes(partition));
    return {
      group,
      short: group.slice(0, n),
      index,
      position: owner?.positions[partition] ?? null,
      committed: picture.groups.find((g) => g.id === group)?.committed[partition] ?? null,
    };
  });
}

export function Lane({
  topic,
  partition,
  layout,
  playheadMs,
  marks,
  readAgain,
}: {
  topic: TopicState;
  partition: number;
  layout: LanesLayout;
  playheadMs: number;
  marks: readonly GroupMarks[];
  /** Offsets some group processed a second time in this step. */
  readAgain: ReadonlySet<number>;
}) {
  const y = layout.laneY(partition);
  const h = layout.laneHeight;
  const records = visibleRecords(topic, partition, playheadMs);
  const logEnd = (records.at(-1)?.offset ?? -1) + 1;
  const hw = Math.min(topic.partitions[partition]?.highWatermark ?? 0, logEnd);
  const spoken = marks
    .map(
      (m) =>
        `group ${m.group}: committed ${m.committed ?? 'none'}, lag ${lagOf(hw, m.committed) ?? 'unknown'}`,
    )
    .join('; ');
  const again = [...readAgain].sort((a, b) => a - b);
  return (
    <g
      data-testid={`partition-${topic.name}-${partition}`}
      role={records.length > 0 ? 'list' : 'group'}
      aria-label={`Partition P${partition} of ${topic.name}, log end offset ${logEnd}; ${spoken}`}
    >
      <rect className="lane" x={LANE_LEFT} y={y} width={LANE_RIGHT - LANE_LEFT} height={h} rx={10} />
      <text
        className="lane-label"
        x={LANE_LEFT + 10}
        y={y + h / 2}
        dominantBaseline="central"
        aria-hidden="true"
      >
        P{partition}
      </text>
      {records.map((r) => (
        <RecordBox
          key={r.id}
          record={r}
          partition={partition}
          box={{ x: layout.slotX(r.offset), y: y + 14, width: layout.slotWidth - 6, height: 56 }}
          labelY={y + 14 + 19}
          offsetY={y + 14 + 42}
          label={r.key ?? r.value}
          charWidth={13}
          readAgain={readAgain.has(r.offset)}
        />
      ))}
      {again.length > 0 && (
        <g className="read-again-badge" aria-hidden="true">
          <rect x={layout.slotX(logEnd) + 14} y={y + 28} width={216} height={30} rx={15} />
          <text x={layout.slotX(logEnd) + 122} y={y + 43} textAnchor="middle" dominantBaseline="central">
            ↻ read again: {again[0] === again.at(-1) ? again[0] : `${again[0]}–${again.at(-1)}`}
          </text>
        </g>
      )}
      {marks.map((m) => (
        <Marks
          key={m.group}
          marks={m}
          count={marks.length}
          layout={layout}
          y={y}
          h={h}
          hw={hw}
          partition={partition}
        />
      ))}
    </g>
  );
}

const lagOf = (hw: number, committed: number | null) =>
  committed === null ? null : Math.max(0, hw - committed);

function Marks({
  marks,
  count,
  layout,
  y,
  h,
  hw,
  partition,
}: {
  marks: GroupMarks;
  count: number;
  layout: LanesLayout;
  y: number;
  h: number;
  hw: number;
  partition: number;
}) {
  const shift = (marks.index - (count - 1) / 2) * 8;
  const at = (offset: number) => layout.slotX(offset) - 3 + shift;
  const lag = lagOf(hw, marks.committed);
  const lagY = count === 1 ? y + h / 2 - 8 : y + 22 + marks.index * ((h - 30) / count);
  const colour = `group-${marks.index % 4}`;
  return (
    <g aria-hidden="true" className={colour}>
      {marks.position !== null && (
        <g
          className="position-marker"
          data-testid={`position-${marks.group}-${partition}`}
          data-offset={marks.position}
          transform={`translate(${at(marks.position)},${y})`}
        >
          <line x1={0} x2={0} y1={4} y2={h - 26} />
          <path d="M -9 -4 L 9 -4 L 0 10 Z" />
        </g>
      )}
      {marks.committed !== null && (
        <path
          className="committed-marker"
          data-testid={`committed-${marks.group}-${partition}`}
          data-offset={marks.committed}
          d={`M ${at(marks.committed)} ${y + h - 22} l 9 16 l -18 0 Z`}
        />
      )}
      <g data-testid={`lag-${marks.group}-${partition}`} data-lag={lag ?? '-'}>
        <text className="lag-text" x={LAG_X} y={lagY} dominantBaseline="central">
          {count > 1 ? `${marks.short}: ` : ''}lag {lag ?? '–'}
        </text>
        <rect className="lag-bar" x={LAG_X} y={lagY + 14} width={lagBar(lag ?? 0)} height={6} rx={3} />
      </g>
    </g>
  );
}

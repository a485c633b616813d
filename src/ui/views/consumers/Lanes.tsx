/**
 * The topic's partition lanes as consumers see them. Records every group has read are dimmed, unread ones
 * stay bright. Each group has its own band (the first above the records, the second below): a bar over
 * what it has read, solid where that is committed and hatched where it is read but not committed yet, a
 * filled ▼/▲ where its owner reads next and a hollow ○ at its committed offset. Right of the records each
 * group's figures are named for what they are ("read to 2", "committed 0", or "no commit yet" while the
 * group has no committed offset), because Kafka's lag (log end - committed, as kafka-consumer-groups
 * --describe prints it) stays up after a consumer has caught up, until the next auto-commit.
 */
import type { TopicState } from '../../../engine';
import { visibleRecords } from '../log-window';
import { RecordBox } from '../RecordBox';
import { FIGURE_X, LANE_LEFT, LANE_RIGHT, type LanesLayout } from './consumers-layout';
import type { Picture } from './consumers-model';

export interface GroupMarks {
  readonly group: string;
  /** The shortest prefix of the group's name that tells it from the others on stage. */
  readonly short: string;
  /** Colour (and band) index of the group. */
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

/** Kafka's lag: log end (the high watermark) minus the committed offset; none without a commit. */
export const lagOf = (hw: number, committed: number | null) =>
  committed === null ? null : Math.max(0, hw - committed);

/** Read by every group on stage: a group without a reader of this partition has read nothing of it. */
export const readByAll = (marks: readonly GroupMarks[], offset: number) =>
  marks.length > 0 && marks.every((m) => m.position !== null && offset < m.position);

const LINE_H = 22;
/** About the width of one character of the 20px bold figures, in the view's units. */
const FIGURE_CHAR_W = 13.4;

/**
 * What the figures column says for a group: where it reads and what it committed when the lane has room
 * and the two differ; else just the commit (the ▼ then sits on the ○).
 */
export function figureLines(m: GroupMarks, count: number, twoLines: boolean): string[] {
  const who = count > 1 ? `${m.short}: ` : '';
  const commit = m.committed === null ? `${who}no commit yet` : `${who}committed ${m.committed}`;
  if (!twoLines || (m.position !== null && m.position === m.committed)) return [commit];
  return [m.position === null ? `${who}not reading` : `${who}read to ${m.position}`, commit];
}

export function Lane({
  topic,
  partition,
  layout,
  playheadMs,
  fromMs,
  marks,
  before,
  readAgain,
  leader,
  keyLabels,
}: {
  topic: TopicState;
  partition: number;
  layout: LanesLayout;
  playheadMs: number;
  /** The step's start: records appended after it are new this step, and outlined. */
  fromMs: number;
  marks: readonly GroupMarks[];
  /** The marks at the step's start: a figure that differs is highlighted as what changed. */
  before: readonly GroupMarks[] | null;
  /** Offsets some group processed a second time in this step. */
  readAgain: ReadonlySet<number>;
  /** The broker leading the partition, when the scene shows brokers ("offline" when none). */
  leader?: string | null;
  /** Whether records may write their key or value: off when no label fits its card (the keys' legend says). */
  keyLabels: boolean;
}) {
  const y = layout.laneY(partition);
  const h = layout.laneHeight;
  const records = visibleRecords(topic, partition, playheadMs);
  const logEnd = (records.at(-1)?.offset ?? -1) + 1;
  const hw = Math.min(topic.partitions[partition]?.highWatermark ?? 0, logEnd);
  const spoken = marks
    .map((m) => {
      const read = m.position === null ? 'not reading' : `read to ${m.position}`;
      const lag = lagOf(hw, m.committed);
      const commit = m.committed === null ? 'no committed offset' : `committed ${m.committed}, lag ${lag}`;
      return `group ${m.group}: ${read}, ${commit}`;
    })
    .join('; ');
  const again = [...readAgain].sort((a, b) => a - b);
  const top = y + layout.recordTop;
  const rh = layout.recordHeight;
  // Short cards (many partitions) keep their offset and drop the label rather than write over it.
  const withLabel = keyLabels && rh >= 46;
  const twoLines = h >= marks.length * 2 * (LINE_H + 2) + 4;
  const lines = marks.flatMap((m) => {
    const was = before?.find((b) => b.group === m.group);
    const old = was ? figureLines(was, marks.length, twoLines) : null;
    return figureLines(m, marks.length, twoLines).map((text) => ({
      m,
      text,
      changed: old !== null && !old.includes(text),
    }));
  });
  const firstLineY = y + h / 2 - ((lines.length - 1) * LINE_H) / 2;
  const badgeX = Math.min(layout.slotX(logEnd) + 10, FIGURE_X - 226);
  const label = laneLabel(
    h,
    `P${partition}`,
    leader === undefined ? '' : (leader ?? 'offline'),
    layout.slotX(0),
  );
  return (
    <g
      data-testid={`partition-${topic.name}-${partition}`}
      data-box="lane"
      role={records.length > 0 ? 'list' : 'group'}
      aria-label={`Partition P${partition} of ${topic.name}, log end offset ${logEnd}${leader === undefined ? '' : leader === null ? ', offline' : `, led by ${leader}`}; ${spoken}`}
    >
      <rect className="lane" x={LANE_LEFT} y={y} width={LANE_RIGHT - LANE_LEFT} height={h} rx={10} />
      <text
        className="lane-label"
        x={LANE_LEFT + 8}
        y={leader === undefined || label.thin ? y + h / 2 : y + h * 0.27}
        dominantBaseline="central"
        aria-hidden="true"
        {...(label.thin ? { style: { fontSize: label.size } } : {})}
      >
        P{partition}
      </text>
      {leader !== undefined && (
        <text
          className={leader === null ? 'lane-leader offline' : 'lane-leader'}
          x={label.thin ? label.leaderX : LANE_LEFT + 8}
          y={label.thin ? y + h / 2 : y + h * 0.78}
          dominantBaseline="central"
          aria-hidden="true"
          data-testid={`lane-leader-${partition}`}
          {...(label.thin ? { style: { fontSize: label.leaderSize } } : {})}
        >
          {leader ?? 'offline'}
        </text>
      )}
      {marks.map((m) => (
        <Band key={m.group} marks={m} layout={layout} y={y} partition={partition} />
      ))}
      {records.map((r) => {
        const read = readByAll(marks, r.offset);
        const isNew = r.appendedAtMs > fromMs;
        return (
          <g
            key={r.id}
            className={`${read ? 'read-record' : 'unread-record'}${isNew ? ' new-record' : ''}`}
            data-read={String(read)}
            data-new={String(isNew)}
          >
            <RecordBox
              record={r}
              partition={partition}
              box={{ x: layout.slotX(r.offset), y: top, width: layout.slotWidth - 6, height: rh }}
              labelY={withLabel ? top + rh * 0.34 : top + rh / 2}
              offsetY={withLabel ? top + rh * 0.76 : top + rh / 2}
              label={withLabel ? (r.key ?? r.value) : ''}
              charWidth={13}
              readAgain={readAgain.has(r.offset)}
            />
          </g>
        );
      })}
      {again.length > 0 && (
        <g className="read-again-badge" aria-hidden="true">
          <rect x={badgeX} y={top + rh / 2 - 15} width={216} height={30} rx={15} />
          <text x={badgeX + 108} y={top + rh / 2} textAnchor="middle" dominantBaseline="central">
            ↻ read again: {again[0] === again.at(-1) ? again[0] : `${again[0]}–${again.at(-1)}`}
          </text>
        </g>
      )}
      {lines.map(({ m, text, changed }, i) =>
        changed ? (
          <rect
            key={`changed-${m.group}-${text}`}
            className="figure-changed"
            data-testid={`changed-${m.group}-${partition}`}
            x={FIGURE_X - 6}
            y={firstLineY + i * LINE_H - LINE_H / 2 + 1}
            width={Math.min(text.length * FIGURE_CHAR_W, LANE_RIGHT - FIGURE_X - 8) + 12}
            height={LINE_H - 2}
            rx={6}
          />
        ) : null,
      )}
      {lines.map(({ m, text }, i) => (
        <text
          key={`${m.group}-${text}`}
          className={`figure group-${m.index % 4}${m.committed === null && text.includes('no commit') ? ' uncommitted' : ''}`}
          x={FIGURE_X}
          y={firstLineY + i * LINE_H}
          dominantBaseline="central"
          aria-hidden="true"
          {...(text.length * FIGURE_CHAR_W > LANE_RIGHT - FIGURE_X - 8
            ? { textLength: LANE_RIGHT - FIGURE_X - 8, lengthAdjust: 'spacingAndGlyphs' }
            : {})}
        >
          {text}
        </text>
      ))}
      {marks.map((m) => (
        <g
          key={m.group}
          data-testid={`lag-${m.group}-${partition}`}
          data-lag={lagOf(hw, m.committed) ?? '-'}
          data-committed={m.committed ?? 'none'}
          data-read-to={m.position ?? 'none'}
          aria-hidden="true"
        />
      ))}
    </g>
  );
}

/** One group's band in a lane: what it has read, what it committed, where it reads next. */
function Band({
  marks,
  layout,
  y,
  partition,
}: {
  marks: GroupMarks;
  layout: LanesLayout;
  y: number;
  partition: number;
}) {
  const { top, h } = layout.band(marks.index);
  const bandY = y + top;
  const below = marks.index % 2 === 1;
  const start = layout.slotX(layout.first);
  const at = (offset: number) => layout.slotX(offset) - 3;
  const committed = marks.committed;
  const position = marks.position;
  const mid = bandY + h / 2;
  const tri = Math.min(9, h / 2);
  // Points toward the records: down from the band above, up from the band below.
  const triangle = below
    ? `M -${tri} ${h / 2} L ${tri} ${h / 2} L 0 ${-h / 2} Z`
    : `M -${tri} ${-h / 2} L ${tri} ${-h / 2} L 0 ${h / 2} Z`;
  const barTop = bandY + h * 0.3;
  const barH = h * 0.4;
  const committedEnd = committed === null ? start : Math.max(start, at(committed));
  return (
    <g
      aria-hidden="true"
      className={`band group-${marks.index % 4}`}
      data-testid={`band-${marks.group}-${partition}`}
    >
      {position !== null && committed !== null && at(committed) > start && (
        <rect
          className="committed-bar"
          x={start}
          y={barTop}
          width={Math.max(0, Math.min(at(committed), at(position)) - start)}
          height={barH}
          rx={barH / 2}
        />
      )}
      {position !== null && at(position) > committedEnd && (
        <rect
          className="uncommitted-bar"
          data-testid={`uncommitted-${marks.group}-${partition}`}
          x={committedEnd}
          y={barTop}
          width={at(position) - committedEnd}
          height={barH}
          rx={barH / 2}
        />
      )}
      {committed !== null && (
        <circle
          className="committed-marker"
          data-testid={`committed-${marks.group}-${partition}`}
          data-offset={committed}
          cx={at(committed)}
          cy={mid}
          r={Math.min(7, h / 2 - 1)}
        />
      )}
      {position !== null && (
        <path
          className="position-marker"
          data-testid={`position-${marks.group}-${partition}`}
          data-offset={position}
          transform={`translate(${at(position)},${mid})`}
          d={triangle}
        />
      )}
    </g>
  );
}

/**
 * Where a lane's name and its leader go. A lane too thin for the two stacked (many partitions) writes them on
 * one line, sized to end before the first record: the estimate per character is the font's average width.
 */
function laneLabel(h: number, name: string, leader: string, recordsLeft: number) {
  const thin = leader !== '' && h < 64;
  const left = LANE_LEFT + 8;
  const room = recordsLeft - left - 6;
  const size = Math.min(30, Math.round(h * 0.55));
  const leaderSize = Math.min(20, Math.round(h * 0.4));
  const wide = name.length * size * 0.62 + 4 + leader.length * leaderSize * 0.6;
  const k = Math.min(1, room / wide);
  return {
    thin,
    size: Math.floor(size * k),
    leaderSize: Math.floor(leaderSize * k),
    leaderX: left + name.length * size * 0.62 * k + 4,
  };
}

/**
 * The right side of the consumers view: each group's coordinator (the broker leading the group's partition
 * of __consumer_offsets) with the group's state and generation, and the group's consumers with the
 * partitions they own. A crashed consumer carries a big ✗; one with nothing to read says it is idle.
 */
import {
  type Box,
  type GroupColumn,
  LANE_RIGHT,
  type LanesLayout,
  leftMiddle,
  ONE_LINE_BELOW,
} from './consumers-layout';
import type { ConsumerCard, GroupCard, Picture } from './consumers-model';

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance']);

/** "P0 · P1", or "P0–P3" for a run of three or more. */
function partitionList(ps: readonly number[]): string {
  const run = ps.length >= 3 && ps.every((p, i) => i === 0 || p === ps[i - 1]! + 1);
  return run ? `P${ps[0]}–P${ps.at(-1)}` : `P${ps.join(' · P')}`;
}

function detail(c: ConsumerCard, group: GroupCard | undefined, readAgain: readonly number[]): string {
  if (!c.alive)
    return c.closed
      ? 'closed'
      : c.member && c.owned.length > 0
        ? `crashed · ${partitionList(c.owned)} unread`
        : 'crashed';
  if (c.owned.length === 0)
    return group?.state && REBALANCING.has(group.state) ? 'rebalancing: waiting' : 'idle: no partition';
  const parts = partitionList(c.owned);
  if (readAgain.length > 0) return `${parts} · ↻ read again`;
  return c.paused ? `${parts} · paused` : parts;
}

/** What a dead consumer still holds in the group's eyes until its session expires; a live one, what it owns. */
export const ownedShown = (c: ConsumerCard) => (c.alive || c.member ? c.owned : []);

function ConsumerBox({
  c,
  box,
  colour,
  group,
  readAgain,
}: {
  c: ConsumerCard;
  box: Box;
  colour: number;
  group: GroupCard | undefined;
  readAgain: readonly number[];
}) {
  const owned = ownedShown(c);
  // ClassicGroup names a leader as soon as the first member is added; it acts as one from generation 1.
  const leader = group?.leader === c.id && c.alive && group.generationId > 0;
  const text = detail(c, group, readAgain);
  const crashed = !c.alive && !c.closed;
  // A tall box has the name above the partitions; a short one (many consumers) puts them on one line.
  const oneLine = box.h < ONE_LINE_BELOW;
  const nameY = box.y + (oneLine ? box.h / 2 : box.h * 0.34);
  const detailX = box.x + 14 + (oneLine ? c.id.length * 15.5 + 22 : 0);
  return (
    <g
      data-testid={`consumer-${c.id}`}
      data-group={c.group}
      data-alive={String(c.alive)}
      data-partitions={owned.join(',')}
      data-paused={String(c.paused)}
      role="listitem"
      aria-label={`Consumer ${c.id} of group ${c.group}${leader ? ', group leader' : ''}: ${text}`}
      className={`group-${colour % 4}${c.alive ? '' : ' stopped'}`}
    >
      <rect className="consumer-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text className="consumer-name" x={box.x + 14} y={nameY} dominantBaseline="central">
        {c.id}
      </text>
      {leader && (
        <text
          className="leader-tag"
          x={box.x + box.w - 14}
          y={nameY}
          textAnchor="end"
          dominantBaseline="central"
        >
          {oneLine ? '★' : '★ leader'}
        </text>
      )}
      <text
        className={owned.length === 0 && c.alive ? 'consumer-detail idle' : 'consumer-detail'}
        x={detailX}
        y={oneLine ? nameY : box.y + box.h * 0.74}
        dominantBaseline="central"
      >
        {text}
      </text>
      {crashed && (
        <text
          className="crash-mark"
          x={box.x + box.w - 40}
          y={box.y + box.h / 2}
          textAnchor="middle"
          dominantBaseline="central"
          style={oneLine ? { fontSize: `${Math.max(40, box.h)}px` } : undefined}
        >
          ✗
        </text>
      )}
    </g>
  );
}

function CoordinatorBox({ g, box }: { g: GroupCard; box: Box }) {
  const where = g.coordinator === null ? 'finding…' : `broker ${g.coordinator}`;
  const state = g.state ?? 'not loaded yet';
  return (
    <g
      data-testid={`coordinator-${g.id}`}
      data-state={g.state ?? 'none'}
      data-generation={g.generationId}
      data-broker={g.coordinator ?? ''}
      role="group"
      aria-label={`Group coordinator of ${g.id} on ${where}: ${state}, generation ${g.generationId}`}
    >
      <rect className="coordinator-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text className="node-title" x={box.x + 14} y={box.y + 30} dominantBaseline="central">
        Group coordinator ({where})
      </text>
      <text className="coordinator-state" x={box.x + 14} y={box.y + 64} dominantBaseline="central">
        {state} · generation {g.generationId}
      </text>
    </g>
  );
}

export function GroupsSide({
  picture,
  columns,
  boxes,
  lanes,
}: {
  picture: Picture;
  columns: readonly GroupColumn[];
  boxes: ReadonlyMap<string, Box>;
  lanes: LanesLayout;
}) {
  const cards = new Map(picture.groups.map((g) => [g.id, g]));
  const colourOf = new Map(columns.map((c) => [c.group, c.index]));
  const shown = picture.consumers.filter((c) => boxes.has(c.id));
  return (
    <g>
      <g className="ownership" aria-hidden="true">
        {shown.flatMap((c) =>
          ownedShown(c).map((p) => {
            const to = leftMiddle(boxes.get(c.id)!);
            return (
              <line
                key={`${c.id}-${p}`}
                className={`owns group-${(colourOf.get(c.group) ?? 0) % 4}${c.alive ? '' : ' orphaned'}`}
                x1={LANE_RIGHT}
                y1={lanes.laneY(p) + lanes.laneHeight / 2}
                x2={to.x}
                y2={to.y}
              />
            );
          }),
        )}
      </g>
      {columns.map((col) => {
        const g = cards.get(col.group);
        return (
          <g key={col.group}>
            {col.coordinator && g && <CoordinatorBox g={g} box={col.coordinator} />}
            <text
              className={`group-title group-${col.index % 4}`}
              x={col.header.x}
              y={col.header.y}
              dominantBaseline="central"
            >
              group “{col.group}”
              {col.coordinator || !g?.state ? '' : ` · ${g.state} · generation ${g.generationId}`}
            </text>
          </g>
        );
      })}
      {shown.length > 0 && (
        <g role="list" aria-label="Consumers">
          {shown.map((c) => (
            <ConsumerBox
              key={c.id}
              c={c}
              box={boxes.get(c.id)!}
              colour={colourOf.get(c.group) ?? 0}
              group={cards.get(c.group)}
              readAgain={picture.redelivered.filter((r) => r.consumer === c.id).map((r) => r.offset)}
            />
          ))}
        </g>
      )}
    </g>
  );
}

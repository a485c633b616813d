/**
 * The right side of the consumers view: each group's coordinator (the broker leading the group's partition
 * of __consumer_offsets) with the group's state in words, and the group's consumers with the partitions
 * they own and what they received this step. A crashed consumer carries a big ✗; a paused one is greyed
 * with a ⏸ and dashed links; one with nothing to read says it is idle. The links from lanes to consumers
 * are routed by link-routing.ts so that they meet only at right angles.
 */
import {
  type Box,
  type GroupColumn,
  LANE_RIGHT,
  type LanesLayout,
  ONE_LINE_BELOW,
  RIGHT_LEFT,
} from './consumers-layout';
import type { ConsumerCard, GroupCard, Picture } from './consumers-model';
import { routeLinks } from './link-routing';

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance']);

/** The group's state as a newcomer reads it, with Kafka's name where the word alone would hide it. */
export function stateInWords(g: GroupCard): string {
  switch (g.state) {
    case null:
      return 'not loaded yet';
    case 'Empty':
      return 'empty: no member yet';
    case 'PreparingRebalance':
      return 'rebalancing (PreparingRebalance)';
    case 'CompletingRebalance':
      return 'rebalancing (CompletingRebalance)';
    case 'Stable':
      return `stable · generation ${g.generationId}`;
    case 'Dead':
      return 'dead';
  }
}

/** The state in the group's header line, where only a word fits beside the name. */
function headerState(g: GroupCard): string {
  return g.state && REBALANCING.has(g.state) ? 'rebalancing' : stateInWords(g).split(/[ ·:]/)[0]!;
}

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
  return c.paused ? `paused · ${parts}` : parts;
}

/** What a dead consumer still holds in the group's eyes until its session expires; a live one, what it owns. */
export const ownedShown = (c: ConsumerCard) => (c.alive || c.member ? c.owned : []);

/** About the width of one character of the 20px ticker, in the view's units. */
const TICKER_CHAR_W = 11.6;

/** The most recent labels that fit in `room`, oldest first, with "+n" for the ones left out. */
export function tickerText(labels: readonly string[], room: number): string {
  for (let n = labels.length; n > 0; n--) {
    const left = labels.length - n;
    const text = `${left > 0 ? `+${left} ` : ''}got ${labels.slice(-n).join(' ')}`;
    if (text.length * TICKER_CHAR_W <= room) return text;
  }
  return labels.length > 0 && `got ${labels.length}`.length * TICKER_CHAR_W <= room
    ? `got ${labels.length}`
    : '';
}

function ConsumerBox({
  c,
  box,
  colour,
  group,
  readAgain,
  received,
  changed,
}: {
  c: ConsumerCard;
  box: Box;
  colour: number;
  group: GroupCard | undefined;
  readAgain: readonly number[];
  /** Labels of the records it processed this step, up to the playhead, oldest first. */
  received: readonly string[];
  /** It joined, died or its partitions moved during this step: its detail is written in the accent. */
  changed: boolean;
}) {
  const owned = ownedShown(c);
  const text = detail(c, group, readAgain);
  const crashed = !c.alive && !c.closed;
  const paused = c.alive && c.paused;
  // A tall box has the name above the partitions; a short one (many consumers) puts them on one line.
  const oneLine = box.h < ONE_LINE_BELOW;
  const nameY = box.y + (oneLine ? box.h / 2 : box.h * 0.34);
  const detailX = box.x + 14 + (oneLine ? c.id.length * 15.5 + 22 : 0);
  const detailY = oneLine ? nameY : box.y + box.h * 0.74;
  const tickerRight = box.x + box.w - 14;
  const tickerLeft = oneLine ? detailX + text.length * 11 + 24 : box.x + 14 + text.length * 11 + 28;
  const ticker = c.alive ? tickerText(received, tickerRight - tickerLeft) : '';
  return (
    <g
      data-testid={`consumer-${c.id}`}
      data-box="consumer"
      data-group={c.group}
      data-alive={String(c.alive)}
      data-partitions={owned.join(',')}
      data-paused={String(c.paused)}
      data-received={received.join(',')}
      data-changed={String(changed)}
      role="listitem"
      aria-label={`Consumer ${c.id} of group ${c.group}: ${text}${received.length > 0 ? `; received ${received.join(', ')}` : ''}`}
      className={`group-${colour % 4}${c.alive ? '' : ' stopped'}${paused ? ' paused' : ''}${changed ? ' changed' : ''}`}
    >
      <rect className="consumer-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text className="consumer-name" x={box.x + 14} y={nameY} dominantBaseline="central">
        {c.id}
      </text>
      <text
        className={owned.length === 0 && c.alive ? 'consumer-detail idle' : 'consumer-detail'}
        x={detailX}
        y={detailY}
        dominantBaseline="central"
      >
        {text}
      </text>
      {ticker !== '' && (
        <text
          className="ticker"
          data-testid={`ticker-${c.id}`}
          x={tickerRight}
          y={detailY}
          textAnchor="end"
          dominantBaseline="central"
        >
          {ticker}
        </text>
      )}
      {paused && (
        <g className="pause-sign" aria-hidden="true" data-testid={`paused-${c.id}`}>
          <rect className="pause-bar" x={box.x + box.w - 40} y={nameY - 12} width={8} height={24} rx={2} />
          <rect className="pause-bar" x={box.x + box.w - 26} y={nameY - 12} width={8} height={24} rx={2} />
        </g>
      )}
      {crashed && (
        <text
          className="crash-mark"
          x={box.x + box.w - 40}
          y={box.y + box.h / 2}
          textAnchor="middle"
          dominantBaseline="central"
          // As big as the box allows: the mark stays inside the box it marks.
          style={{ fontSize: `${Math.min(64, Math.floor((box.h - 4) / 1.2))}px` }}
        >
          ✗
        </text>
      )}
    </g>
  );
}

function CoordinatorBox({ g, box }: { g: GroupCard; box: Box }) {
  const where = g.coordinator === null ? 'finding…' : `broker ${g.coordinator}`;
  const state = stateInWords(g);
  return (
    <g
      data-testid={`coordinator-${g.id}`}
      data-box="coordinator"
      data-state={g.state ?? 'none'}
      data-generation={g.generationId}
      data-broker={g.coordinator ?? ''}
      role="group"
      aria-label={`Group coordinator of ${g.id} on ${where}: ${state}`}
    >
      <rect className="coordinator-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text className="node-title" x={box.x + 14} y={box.y + 28} dominantBaseline="central">
        Group coordinator ({where})
      </text>
      <text className="coordinator-state" x={box.x + 14} y={box.y + 62} dominantBaseline="central">
        {state}
      </text>
    </g>
  );
}

export function GroupsSide({
  picture,
  columns,
  boxes,
  lanes,
  received,
  start,
}: {
  picture: Picture;
  columns: readonly GroupColumn[];
  boxes: ReadonlyMap<string, Box>;
  lanes: LanesLayout;
  received: ReadonlyMap<string, readonly string[]>;
  /** The picture at the step's start, to tell what the step changed; null for a still picture. */
  start: Picture | null;
}) {
  const before = new Map((start?.consumers ?? []).map((c) => [c.id, c]));
  const changedIn = (c: ConsumerCard) => {
    if (!start) return false;
    const was = before.get(c.id);
    return (
      !was ||
      was.alive !== c.alive ||
      was.paused !== c.paused ||
      ownedShown(was).join() !== ownedShown(c).join()
    );
  };
  const cards = new Map(picture.groups.map((g) => [g.id, g]));
  const colourOf = new Map(columns.map((c) => [c.group, c.index]));
  const shown = picture.consumers.filter((c) => boxes.has(c.id));
  const byId = new Map(shown.map((c) => [c.id, c]));
  const links = routeLinks(
    shown.flatMap((c) =>
      ownedShown(c).map((p) => {
        const index = colourOf.get(c.group) ?? 0;
        const band = lanes.band(index);
        const box = boxes.get(c.id)!;
        return {
          consumer: c.id,
          group: index,
          partition: p,
          fromY: lanes.laneY(p) + band.top + band.h / 2,
          toY: box.y + box.h / 2,
        };
      }),
    ),
    [...boxes.keys()],
    LANE_RIGHT,
    RIGHT_LEFT,
  );
  return (
    <g>
      <g className="ownership" aria-hidden="true">
        {links.map((l) => {
          const c = byId.get(l.consumer)!;
          const state = !c.alive ? ' orphaned' : c.paused ? ' paused' : '';
          return (
            <polyline
              key={`${l.consumer}-${l.partition}`}
              data-testid={`link-${l.consumer}-${l.partition}`}
              className={`owns group-${l.group % 4}${state}`}
              points={l.points.map(([x, y]) => `${x},${y}`).join(' ')}
            />
          );
        })}
      </g>
      {columns.map((col) => {
        const g = cards.get(col.group);
        return (
          <g key={col.group}>
            {col.coordinator && g && <CoordinatorBox g={g} box={col.coordinator} />}
            <text
              className={`group-title group-${col.index % 4}`}
              data-testid={`group-title-${col.group}`}
              x={col.header.x}
              y={col.header.y}
              dominantBaseline="central"
            >
              group “{col.group}”{col.coordinator || !g?.state ? '' : ` · ${headerState(g)}`}
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
              received={received.get(c.id) ?? []}
              changed={changedIn(c)}
            />
          ))}
        </g>
      )}
    </g>
  );
}

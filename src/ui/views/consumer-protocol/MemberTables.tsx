/**
 * Each group's members under its timeline: the classic client's state and what it reads; for the consumer
 * protocol each member's epoch and state, its target against what it reads, and what the last heartbeat
 * answer carried.
 */
import type { EngineEvent, EngineState, TopicPartitionRef } from '../../../engine';
import type { PanelLayout } from './protocol-layout';

const list = (tps: readonly TopicPartitionRef[]) =>
  tps.length === 0 ? '–' : tps.map((tp) => `P${tp.partition}`).join(' ');

const CLASSIC_COLUMNS = [
  [8, ''],
  [48, ''],
  [130, 'client state'],
  [280, 'reads'],
] as const;
const MODERN_COLUMNS = [
  [8, ''],
  [48, ''],
  [136, 'member state'],
  [395, 'target'],
  [495, 'reads'],
] as const;

function Heads({ layout, heads }: { layout: PanelLayout; heads: readonly (readonly [number, string])[] }) {
  return (
    <>
      {heads
        .filter(([, text]) => text !== '')
        .map(([dx, text]) => (
          <text key={text} className="table-head" x={layout.table.x + dx} y={layout.table.y + 16}>
            {text}
          </text>
        ))}
    </>
  );
}

function Row({
  y,
  layout,
  cells,
  sub,
  testId,
  dead,
}: {
  y: number;
  layout: PanelLayout;
  cells: readonly (readonly [number, string])[];
  sub?: string;
  testId: string;
  dead?: boolean;
}) {
  const h = sub ? 46 : 28;
  // Text baselines inside the row's box: one line, or a line and the heartbeat answer under it.
  return (
    <g data-box="member row" data-testid={testId} className={dead ? 'member dead' : 'member'}>
      <rect className="row-box" x={layout.table.x} y={y} width={layout.table.w} height={h} rx={6} />
      {cells.map(([dx, text]) => (
        <text key={dx} className="cell" x={layout.table.x + dx} y={y + 20}>
          {text}
        </text>
      ))}
      {sub && (
        <text className="cell-sub" x={layout.table.x + 8} y={y + 41}>
          {sub}
        </text>
      )}
    </g>
  );
}

export function ClassicTable({
  state,
  group,
  layout,
}: {
  state: EngineState;
  group: string;
  layout: PanelLayout;
}) {
  const consumers = Object.values(state.groups.consumers)
    .filter((c) => c.group === group)
    .sort((a, b) => a.id.localeCompare(b.id));
  let y = layout.table.y + 24;
  return (
    <g data-testid="classic-members">
      <Heads layout={layout} heads={CLASSIC_COLUMNS} />
      {consumers.map((c) => {
        const row = (
          <Row
            key={c.id}
            y={y}
            layout={layout}
            testId={`classic-member-${c.id}`}
            dead={c.status === 'dead'}
            cells={
              c.status === 'dead'
                ? [
                    [CLASSIC_COLUMNS[0][0], c.id],
                    [CLASSIC_COLUMNS[1][0], '✕ crashed'],
                  ]
                : [
                    [CLASSIC_COLUMNS[0][0], c.id],
                    [CLASSIC_COLUMNS[1][0], c.generationId < 0 ? 'gen –' : `gen ${c.generationId}`],
                    [CLASSIC_COLUMNS[2][0], c.status],
                    [CLASSIC_COLUMNS[3][0], list(c.owned)],
                  ]
            }
          />
        );
        y += 32;
        return row;
      })}
    </g>
  );
}

/** What a member's last heartbeat answer (arrived by the playhead) carried. */
function lastAnswer(
  events: readonly EngineEvent[],
  consumer: string,
  playheadMs: number,
): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== 'messageSent' || e.message.kind !== 'consumerGroupHeartbeatResponse') continue;
    const m = e.message;
    if (m.to !== `consumer:${consumer}` || m.arrivesAtMs > playheadMs) continue;
    const a = m.payload.assignment;
    const carried =
      a === null ? 'assignment unchanged' : a.length === 0 ? 'no partition yet' : `assignment ${list(a)}`;
    return `heartbeat answer: epoch ${m.payload.memberEpoch}, ${carried}`;
  }
  return undefined;
}

export function ModernTable({
  state,
  group,
  layout,
  events,
  playheadMs,
}: {
  state: EngineState;
  group: string;
  layout: PanelLayout;
  events: readonly EngineEvent[];
  playheadMs: number;
}) {
  const g = state.modernGroups.groups[group];
  const consumers = Object.values(state.modernGroups.consumers)
    .filter((c) => c.group === group)
    .sort((a, b) => a.id.localeCompare(b.id));
  let y = layout.table.y + 24;
  return (
    <g data-testid="modern-members">
      <Heads layout={layout} heads={MODERN_COLUMNS} />
      {consumers.map((c) => {
        const m = g?.members[c.memberId];
        const dead = c.status === 'dead' || c.status === 'closed';
        const cells: (readonly [number, string])[] = m
          ? [
              [MODERN_COLUMNS[0][0], c.id],
              [MODERN_COLUMNS[1][0], `epoch ${m.memberEpoch}`],
              [MODERN_COLUMNS[2][0], m.state],
              [MODERN_COLUMNS[3][0], list(g?.target[c.memberId] ?? [])],
              [MODERN_COLUMNS[4][0], dead ? '✕' : list(c.owned)],
            ]
          : [
              [10, c.id],
              [58, dead ? '✕ crashed, removed: session timed out' : 'joining'],
            ];
        const sub = m
          ? dead
            ? 'crashed: a member until its session expires'
            : lastAnswer(events, c.id, playheadMs)
          : undefined;
        const row = (
          <Row
            key={c.id}
            y={y}
            layout={layout}
            testId={`modern-member-${c.id}`}
            dead={dead}
            cells={cells}
            sub={sub}
          />
        );
        y += sub ? 50 : 32;
        return row;
      })}
    </g>
  );
}

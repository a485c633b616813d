/**
 * The consumer protocol (KIP-848) beside the classic one. Top: for each group, who read each partition
 * when (a gap is a partition nobody read), with crashes marked. Bottom: each group's members; for the new
 * protocol the coordinator's group epoch and target assignment epoch, each member's epoch and state, its
 * target against what it reads, and what the last heartbeat answer carried.
 */
import {
  classicRebalances,
  type EngineEvent,
  type EngineState,
  modernGroupState,
  type PartitionReadingSpan,
  partitionReaders,
  type TopicPartitionRef,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { useRunEvents } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import { H, type PanelLayout, panelLayout, timeWindow, W, xOf } from './protocol-layout';
import './consumer-protocol.css';

type View = Extract<SceneView, { kind: 'consumer-protocol' }>;

const COLOURS = ['#17bebb', '#ffc914', '#c48be0', '#76b041', '#f08a4b'];
/** c1 and n1 share a colour, c2 and n2 ...: the two pictures compare like with like. */
const colourOf = (consumer: string) =>
  COLOURS[(Number(consumer.replace(/\D/g, '')) - 1 + COLOURS.length) % COLOURS.length];
const list = (tps: readonly TopicPartitionRef[]) =>
  tps.length === 0 ? '–' : tps.map((tp) => `P${tp.partition}`).join(' ');

interface Crash {
  readonly consumer: string;
  readonly atMs: number;
}

function Timeline({
  layout,
  readers,
  partitions,
  window,
  crashes,
  barriers = [],
  testId,
}: {
  barriers?: readonly { readonly fromMs: number; readonly toMs: number | null }[];
  layout: PanelLayout;
  readers: Record<number, readonly PartitionReadingSpan[]>;
  partitions: number;
  window: readonly [number, number];
  crashes: readonly Crash[];
  testId: string;
}) {
  const box = layout.timeline;
  const rowH = layout.rowHeight;
  const crashXs = crashes.map((c) => xOf(box, window, c.atMs));
  const shownBarriers = barriers.filter((b) => (b.toMs ?? window[1]) > window[0] && b.fromMs < window[1]);
  return (
    <g data-testid={testId}>
      {Array.from({ length: partitions }, (_, i) => i).map((p) => {
        const y = box.y + p * rowH;
        const spans = (readers[p] ?? []).filter((s) => (s.toMs ?? window[1]) > window[0]);
        const readerNow = spans.find((s) => s.toMs === null)?.consumer ?? '';
        return (
          <g
            key={p}
            data-testid={`${testId}-P${p}`}
            data-reader={readerNow}
            data-spans={spans.map((s) => s.consumer).join(',')}
          >
            <text
              className="row-label"
              x={box.x - 8}
              y={y + rowH / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              P{p}
            </text>
            <rect className="row-bg" x={box.x} y={y} width={box.w} height={rowH} />
            {spans.map((s) => {
              const x1 = xOf(box, window, s.fromMs);
              const x2 = xOf(box, window, s.toMs ?? window[1]);
              const w = Math.max(1, x2 - x1);
              return (
                <g key={`${s.consumer}-${s.fromMs}`} data-box="reading span">
                  <rect
                    className="span"
                    x={x1}
                    y={y + 4}
                    width={w}
                    height={rowH - 8}
                    rx={3}
                    style={{ fill: colourOf(s.consumer) }}
                  />
                  {w >= 36 && (
                    <text className="span-label" x={x1 + 5} y={y + rowH / 2} dominantBaseline="central">
                      {s.consumer}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
      {shownBarriers.map((b) => {
        const x1 = xOf(box, window, b.fromMs);
        const x2 = xOf(box, window, b.toMs ?? window[1]);
        return (
          <rect
            key={b.fromMs}
            className="barrier"
            data-testid="rebalance-barrier"
            x={x1}
            y={box.y}
            width={Math.max(2, x2 - x1)}
            height={box.h}
          >
            <title>rebalance: the JoinGroup/SyncGroup barrier</title>
          </rect>
        );
      })}
      {crashes.map((c) => {
        const x = xOf(box, window, c.atMs);
        return (
          <g key={c.consumer} data-testid={`crash-${c.consumer}`}>
            <line className="crash-line" x1={x} x2={x} y1={box.y} y2={box.y + box.h} />
            <text className="crash-label" x={x + 4} y={box.y + box.h + 18}>
              ✕ {c.consumer}
            </text>
          </g>
        );
      })}
      {/* A crash marked near an edge says where it is; the edge's time would sit under its label. */}
      {!crashXs.some((x) => x - box.x < 70) && (
        <text className="axis-label" x={box.x} y={box.y + box.h + 18}>
          {Math.round(window[0] / 1000)} s
        </text>
      )}
      {!crashXs.some((x) => box.x + box.w - x < 110) && (
        <text className="axis-label" x={box.x + box.w} y={box.y + box.h + 18} textAnchor="end">
          {Math.round(window[1] / 1000)} s
        </text>
      )}
    </g>
  );
}

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

function ClassicTable({ state, group, layout }: { state: EngineState; group: string; layout: PanelLayout }) {
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

function ModernTable({
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

function crashesOf(
  events: readonly EngineEvent[],
  group: string,
  kind: 'consumerKilled' | 'modernConsumerKilled',
) {
  return events.flatMap((e) =>
    e.type === kind && e.group === group ? [{ consumer: e.consumer, atMs: e.atMs }] : [],
  );
}

export function ConsumerProtocolView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const all = useRunEvents(sceneIndex, step);
  const events = all.filter((e) => e.atMs <= playheadMs);
  const state = frame.state;
  const partitions = state.topics[view.topic]?.partitions.length ?? 0;
  const window = timeWindow(frame.fromMs, frame.toMs);
  const left = panelLayout(0, partitions);
  const right = panelLayout(1, partitions);
  const classic = state.groups.groups[view.classicGroup];
  const modern = state.modernGroups.groups[view.group];
  const inWindow = (c: Crash) => c.atMs >= window[0];
  const barriers = classicRebalances(events, view.classicGroup);
  const barrierShown = barriers.some((b) => (b.toMs ?? window[1]) > window[0] && b.fromMs < window[1]);
  return (
    <svg
      className="stage-svg consumer-protocol"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label="The classic consumer group protocol beside the consumer protocol of KIP-848"
    >
      <g
        data-testid="classic-panel"
        data-generation={classic?.generationId ?? 0}
        data-state={classic?.state ?? ''}
      >
        <text className="panel-title" x={left.panel.x + 4} y={22}>
          Classic protocol
        </text>
        <text className="panel-sub" x={left.panel.x + 4} y={46}>
          {classic
            ? `generation ${classic.generationId} · ${classic.state}${barrierShown ? ' · red: rebalance' : ''}`
            : 'no group yet'}
        </text>
        <Timeline
          layout={left}
          readers={partitionReaders(events, view.topic, view.classicGroup)}
          partitions={partitions}
          window={window}
          crashes={crashesOf(events, view.classicGroup, 'consumerKilled').filter(inWindow)}
          barriers={barriers}
          testId="classic-timeline"
        />
        <ClassicTable state={state} group={view.classicGroup} layout={left} />
      </g>
      <line className="divider" x1={W / 2} x2={W / 2} y1={8} y2={H - 8} />
      <g
        data-testid="modern-panel"
        data-group-epoch={modern?.groupEpoch ?? 0}
        data-assignment-epoch={modern?.assignmentEpoch ?? 0}
        data-state={modern ? modernGroupState(modern) : ''}
      >
        <text className="panel-title" x={right.panel.x + 4} y={22}>
          Consumer protocol (KIP-848)
        </text>
        <text className="panel-sub" x={right.panel.x + 4} y={46}>
          {modern
            ? `group epoch ${modern.groupEpoch} · target epoch ${modern.assignmentEpoch} · ${modernGroupState(modern)}`
            : 'no group yet'}
        </text>
        <Timeline
          layout={right}
          readers={partitionReaders(events, view.topic, view.group)}
          partitions={partitions}
          window={window}
          crashes={crashesOf(events, view.group, 'modernConsumerKilled').filter(inWindow)}
          testId="modern-timeline"
        />
        <ModernTable
          state={state}
          group={view.group}
          layout={right}
          events={events}
          playheadMs={playheadMs}
        />
      </g>
    </svg>
  );
}

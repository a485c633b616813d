/**
 * Two groups' members with their two clocks: the heartbeats each sends (the process is alive) and its poll
 * timer against max.poll.interval.ms (the application is making progress); whether the coordinator counts it
 * as a member, what it owns, and the group's generation, which only a rebalance moves. Engine state and
 * events only, at the playhead.
 */
import {
  type EngineEvent,
  type EngineState,
  groupMembersAt,
  heartbeatsSent,
  partitionReadingSpans,
  pollTimerAt,
  rebalanceRounds,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { useRunEvents } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import {
  COLUMN_WIDTH,
  cardLayout,
  columnX,
  H,
  HEARTBEAT_WINDOW_MS,
  pollFill,
  roundsTop,
  W,
} from './member-timers-layout';
import './members.css';

type View = Extract<SceneView, { kind: 'member-timers' }>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface CardProps {
  readonly column: 0 | 1;
  readonly index: number;
  readonly consumer: string;
  readonly state: EngineState;
  readonly events: readonly EngineEvent[];
  readonly atMs: number;
  readonly member: boolean;
  readonly owned: readonly number[];
}

function MemberCard({ column, index, consumer, state, events, atMs, member, owned }: CardProps) {
  const l = cardLayout(column, index);
  const c = state.groups.consumers[consumer]!;
  const timer = pollTimerAt(state, events, consumer, atMs);
  const beats = heartbeatsSent(events, consumer, atMs - HEARTBEAT_WINDOW_MS, atMs);
  const expired = timer !== null && timer.sinceLastPollMs > timer.maxPollIntervalMs;
  const status = timer === null ? 'stopped' : member ? 'member' : 'out';
  const statusText =
    status === 'stopped'
      ? 'process stopped'
      : status === 'out'
        ? 'not a member of the group'
        : `member · owns ${owned.length === 0 ? 'nothing' : owned.map((p) => `P${p}`).join(' ')}`;
  const { card, pollBar, beats: strip } = l;
  const beatX = (t: number) => strip.x + ((t - (atMs - HEARTBEAT_WINDOW_MS)) / HEARTBEAT_WINDOW_MS) * strip.w;
  return (
    <g
      data-box="member card"
      data-testid={`member-${consumer}`}
      data-status={status}
      data-expired={expired}
      data-heartbeats={beats.length}
      role="group"
      aria-label={`${consumer}: ${statusText}; poll timer ${timer ? seconds(timer.sinceLastPollMs) : 'stopped'}; ${beats.length} heartbeats in the last 10 s`}
    >
      <rect className={`card card-${status}`} x={card.x} y={card.y} width={card.w} height={card.h} rx={10} />
      <text className="name" x={card.x + 14} y={l.line(1)}>
        {consumer}
      </text>
      <text className="tag" x={card.x + card.w - 14} y={l.line(1)} textAnchor="end">
        {c.config.groupInstanceId ? `static · ${c.config.groupInstanceId}` : 'dynamic'}
      </text>
      <text className={`status status-${status}`} x={card.x + 14} y={l.line(2)}>
        {statusText}
      </text>
      <text className="label" x={card.x + 14} y={l.line(3)} dominantBaseline="central">
        poll timer
      </text>
      <rect className="bar" x={pollBar.x} y={pollBar.y} width={pollBar.w} height={pollBar.h} rx={4} />
      {timer && (
        <rect
          className={expired ? 'fill fill-expired' : 'fill'}
          x={pollBar.x}
          y={pollBar.y}
          width={pollFill(pollBar, timer.sinceLastPollMs, timer.maxPollIntervalMs)}
          height={pollBar.h}
          rx={4}
        />
      )}
      <text
        className={expired ? 'value value-expired' : 'value'}
        x={card.x + card.w - 14}
        y={l.line(3)}
        textAnchor="end"
        dominantBaseline="central"
        data-testid="poll-timer"
      >
        {timer
          ? `${seconds(Math.min(timer.sinceLastPollMs, 99_000))} / ${timer.maxPollIntervalMs / 1000} s`
          : '–'}
      </text>
      <text className="label" x={card.x + 14} y={l.line(4)} dominantBaseline="central">
        heartbeats
      </text>
      <rect className="bar" x={strip.x} y={strip.y} width={strip.w} height={strip.h} rx={4} />
      {beats.map((t) => (
        <rect
          key={t}
          className="beat"
          x={beatX(t) - 3}
          y={strip.y + 2}
          width={6}
          height={strip.h - 4}
          rx={2}
        />
      ))}
      <text
        className="value"
        x={card.x + card.w - 14}
        y={l.line(4)}
        textAnchor="end"
        dominantBaseline="central"
      >
        {`${beats.length} in 10 s`}
      </text>
    </g>
  );
}

function Column({
  column,
  group,
  topic,
  state,
  events,
  atMs,
  rows,
}: {
  column: 0 | 1;
  group: string;
  topic: string;
  state: EngineState;
  events: readonly EngineEvent[];
  atMs: number;
  rows: number;
}) {
  const x = columnX(column);
  const consumers = Object.values(state.groups.consumers)
    .filter((c) => c.group === group)
    .map((c) => c.id);
  const members = new Set(groupMembersAt(events, group, atMs).map((m) => m.consumer));
  const partitions = state.topics[topic]?.partitions.length ?? 0;
  const readers = partitionReadingSpans(events, group, topic, partitions, atMs, atMs).map((s) => s.at(-1)!);
  const rounds = rebalanceRounds(events, group, atMs);
  const settled = rounds.filter((r) => r.endMs !== null);
  const generation = settled.at(-1)?.generationId ?? 0;
  const rebalancing = rounds.at(-1)?.endMs === null;
  return (
    <g data-testid={`timers-group-${group}`} data-generation={generation} data-rebalancing={rebalancing}>
      <text className="group-title" x={x} y={34}>
        {group}
      </text>
      <text className="generation" x={x + COLUMN_WIDTH} y={34} textAnchor="end" data-testid="generation">
        {`generation ${generation}${rebalancing ? ' · rebalancing' : ''}`}
      </text>
      {consumers.map((id, i) => (
        <MemberCard
          key={id}
          column={column}
          index={i}
          consumer={id}
          state={state}
          events={events}
          atMs={atMs}
          member={members.has(id)}
          owned={readers.filter((r) => r.reading === 'read' && r.consumer === id).map((r) => r.partition)}
        />
      ))}
      {settled.slice(-2).map((r, i) => (
        <text key={r.startMs} className="round" x={x} y={roundsTop(rows) + i * 28}>
          {`generation ${r.generationId} at ${seconds(r.endMs!)}: ${r.reason}`}
        </text>
      ))}
    </g>
  );
}

export function MemberTimersView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const events = useRunEvents(sceneIndex, step);
  const atMs = Math.min(playheadMs, frame.state.now);
  const rows = Math.max(
    ...view.groups.map(
      (g) => Object.values(frame.state.groups.consumers).filter((c) => c.group === g).length,
    ),
  );
  return (
    <svg
      className="stage-svg member-timers"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`The members of ${view.groups.join(' and ')}: heartbeats, poll timers and generations`}
    >
      {view.groups.map((group, i) => (
        <Column
          key={group}
          column={i as 0 | 1}
          group={group}
          topic={view.topic}
          state={frame.state}
          events={events}
          atMs={atMs}
          rows={rows}
        />
      ))}
    </svg>
  );
}

/**
 * The coordinator's desk (the join phase with its countdown ring, then the leader's plan) and the callout
 * naming what the step changed.
 */
import type { CoordinatorPicture, EngineState, JoinPhase, MemberPicture } from '../../../engine';
import { brokerBoxes, CALLOUT, DESK, MEMBER_Y, ringArc } from './coordinator-layout';
import type { Callout } from './coordinator-model';

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
const short = (consumer: string) => consumer.replace(/^consumer-/, '');

/** A ring that empties as time runs out (RaftScope's timers): the arc is the share still left. */
export function Ring({
  cx,
  cy,
  r,
  share,
  className,
}: {
  cx: number;
  cy: number;
  r: number;
  share: number;
  className: string;
}) {
  return (
    <g className={`ring ${className}`} aria-hidden="true">
      <circle className="ring-track" cx={cx} cy={cy} r={r} />
      <path className="ring-left" d={ringArc(cx, cy, r, share)} />
    </g>
  );
}

export function Desk({
  atMs,
  group,
  picture,
  phase,
  members,
  planArrived,
  joined,
}: {
  atMs: number;
  group: string;
  picture: CoordinatorPicture;
  phase: JoinPhase | null;
  members: readonly MemberPicture[];
  /** Whether the leader's SyncGroup, with the plan, has reached the coordinator. */
  planArrived: boolean;
  /** The join phase has completed at least once: the group has a generation. */
  joined: boolean;
}) {
  const leader = members.find((m) => m.isLeader);
  const plan = members
    .flatMap((m) => m.assignment.map((tp) => [tp.partition, short(m.consumer)] as const))
    .sort((a, b) => a[0] - b[0])
    .map(([p, who]) => `P${p}→${who}`)
    .join('  ');
  const brokerIds = Object.keys(picture.ledBy)
    .map(Number)
    .sort((a, b) => a - b);
  const coordinatorBox = picture.leader === null ? undefined : brokerBoxes(brokerIds).get(picture.leader);
  const x = DESK.x + 16;
  return (
    <>
      {coordinatorBox && (
        <line
          className="desk-link"
          x1={coordinatorBox.x + coordinatorBox.w / 2}
          y1={coordinatorBox.y + coordinatorBox.h}
          x2={DESK.x + DESK.w / 2}
          y2={DESK.y}
        />
      )}
      <g className="desk" data-testid="coordinator-desk" data-box="desk">
        <rect className="desk-box" x={DESK.x} y={DESK.y} width={DESK.w} height={DESK.h} rx={10} />
        <text className="desk-title" x={x} y={DESK.y + 20} dominantBaseline="central">
          coordinator of group “{group}”
        </text>
        {phase ? (
          <g
            data-testid="join-timer"
            data-left-ms={Math.max(0, phase.deadlineMs - atMs)}
            data-held={phase.held.join(',')}
          >
            <Ring
              cx={x + 22}
              cy={DESK.y + 60}
              r={19}
              share={(phase.deadlineMs - atMs) / Math.max(1, phase.deadlineMs - phase.windowStartMs)}
              className="join-ring"
            />
            <text className="desk-line" x={x + 56} y={DESK.y + 48} dominantBaseline="central">
              holds the JoinGroups of {phase.held.map(short).join(', ') || 'nobody yet'}
            </text>
            <text className="desk-detail" x={x + 56} y={DESK.y + 74} dominantBaseline="central">
              {phase.initialDelay ? 'initial delay' : 'rebalance timeout'}: {seconds(phase.deadlineMs - atMs)}{' '}
              left
            </text>
          </g>
        ) : leader && plan && planArrived ? (
          <g data-testid="group-plan" data-leader={leader.consumer}>
            <text className="desk-line" x={x} y={DESK.y + 48} dominantBaseline="central">
              plan by the leader, {leader.consumer}:
            </text>
            <text className="desk-plan" x={x} y={DESK.y + 74} dominantBaseline="central">
              {plan}
            </text>
          </g>
        ) : (
          <text className="desk-detail" x={x} y={DESK.y + 56} dominantBaseline="central">
            {joined ? 'waiting for the leader’s plan' : 'no JoinGroup yet'}
          </text>
        )}
      </g>
    </>
  );
}

export function CalloutBox({
  callout,
  state,
  picture,
}: {
  callout: Callout;
  state: EngineState;
  picture: CoordinatorPicture;
}) {
  const brokerIds = Object.keys(state.brokers)
    .map(Number)
    .sort((a, b) => a - b);
  const coordinatorBox = picture.leader === null ? undefined : brokerBoxes(brokerIds).get(picture.leader);
  const from = { x: CALLOUT.x, y: CALLOUT.y + CALLOUT.h / 2 };
  const to =
    callout.anchor === 'coordinator' && coordinatorBox
      ? { x: coordinatorBox.x + coordinatorBox.w - 20, y: coordinatorBox.y + coordinatorBox.h }
      : callout.anchor === 'members'
        ? { x: CALLOUT.x + CALLOUT.w / 2, y: MEMBER_Y }
        : { x: DESK.x + DESK.w, y: DESK.y + DESK.h / 2 };
  const start =
    callout.anchor === 'members'
      ? { x: CALLOUT.x + CALLOUT.w / 2, y: CALLOUT.y + CALLOUT.h }
      : callout.anchor === 'coordinator'
        ? { x: CALLOUT.x + 24, y: CALLOUT.y }
        : from;
  return (
    <>
      <line className="callout-line" x1={start.x} y1={start.y} x2={to.x} y2={to.y} />
      <g className="callout" data-testid="callout" data-anchor={callout.anchor} data-box="callout">
        <rect
          className="callout-box"
          x={CALLOUT.x}
          y={CALLOUT.y}
          width={CALLOUT.w}
          height={CALLOUT.h}
          rx={8}
        />
        {callout.lines.map((l, i) => (
          <text
            key={l}
            className="callout-text"
            x={CALLOUT.x + 12}
            y={CALLOUT.y + 24 + i * 27}
            dominantBaseline="central"
          >
            {l}
          </text>
        ))}
      </g>
    </>
  );
}

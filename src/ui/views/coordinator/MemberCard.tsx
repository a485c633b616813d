/**
 * A member of the group: its name, its session ring (the time left before the coordinator drops it, refilled
 * by each accepted Heartbeat), what it sent and received this step, and the partitions the plan gave it.
 */
import type { MemberPicture, TopicPartitionRef } from '../../../engine';
import { sessionDeadlineAt } from '../../../engine';
import type { Frame } from '../../store/frames';
import { type Box, LOG_LINES } from './coordinator-layout';
import type { Exchange } from './coordinator-model';
import { Ring } from './Desk';

/** How long, as a share of the step, a refilled ring shows its halo. */
const HALO_SHARE = 0.08;

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

export function MemberCard({
  consumer,
  box,
  member,
  assignment,
  stable,
  exchanges,
  frame,
  group,
  atMs,
  lit,
}: {
  consumer: string;
  box: Box;
  member: MemberPicture | undefined;
  /** The partitions it has at the playhead: the plan's share once its SyncGroup answer arrived. */
  assignment: readonly TopicPartitionRef[];
  stable: boolean;
  exchanges: readonly Exchange[];
  frame: Frame;
  group: string;
  atMs: number;
  lit: boolean;
}) {
  const alive = frame.state.groups.consumers[consumer]?.status !== 'dead';
  // The session only counts once the member is in a generation: while its JoinGroup is held it is kept alive.
  // While a step plays the ring follows the accepted Heartbeats; once played, the coordinator's own deadline.
  const animating = frame.fromState !== undefined && atMs < frame.state.now;
  const deadline = !member
    ? null
    : animating
      ? sessionDeadlineAt(frame.fromState!, frame.events, group, consumer, atMs)
      : member.sessionRunning
        ? member.sessionDeadlineMs
        : null;
  // A renewal just now: a halo for a moment, so the room sees the ring refill.
  const renewedAgoMs = deadline === null || !member ? Infinity : atMs - (deadline - member.sessionTimeoutMs);
  const halo = animating && renewedAgoMs >= 0 && renewedAgoMs < HALO_SHARE * (frame.toMs - frame.fromMs);
  const left = deadline === null || !member ? null : deadline - atMs;
  const partitions = assignment.map((tp) => tp.partition).sort((a, b) => a - b);
  const ringX = box.x + box.w - 26;
  // Four members or more (a live "Add consumer") make the cards narrow: the ring alone says "session", and
  // the leader's tag shortens, so neither runs into the name or the partitions beside it.
  const narrow = box.w < 340;
  const ringY = box.y + 22;
  return (
    <g
      className={`member${alive ? '' : ' dead'}${lit ? ' lit' : ''}`}
      data-testid={`member-${consumer}`}
      data-box="member"
      data-partitions={partitions.join(',')}
      data-leader={member?.isLeader && stable ? 'true' : 'false'}
    >
      <rect className="member-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
      <text className="member-name" x={box.x + 14} y={box.y + 20} dominantBaseline="central">
        {consumer}
      </text>
      {member?.isLeader && stable && (
        <text
          className="leader-tag"
          x={box.x + box.w - 14}
          y={box.y + box.h - 18}
          textAnchor="end"
          dominantBaseline="central"
        >
          {narrow ? '★ leader' : 'group leader'}
        </text>
      )}
      {left !== null && member && (
        <g data-testid={`session-${consumer}`} data-left-ms={Math.round(left)}>
          {halo && <circle className="refill-halo" cx={ringX} cy={ringY} r={20} />}
          <Ring
            cx={ringX}
            cy={ringY}
            r={14}
            share={left / member.sessionTimeoutMs}
            className="session-ring"
          />
          <text className="session-text" x={ringX - 28} y={ringY} textAnchor="end" dominantBaseline="central">
            {narrow ? seconds(left) : `session ${seconds(left)}`}
          </text>
        </g>
      )}
      {exchanges.slice(-LOG_LINES).map((e, k) => (
        <text
          // biome-ignore lint/suspicious/noArrayIndexKey: the log's lines are fixed slots, not items that move
          key={k}
          className={`exchange ${e.sent ? 'sent' : 'received'}`}
          data-testid="exchange"
          data-kind={e.kind}
          x={box.x + 14}
          y={box.y + 48 + k * 25}
          dominantBaseline="central"
        >
          {e.sent ? '→ ' : '← '}
          {e.text}
        </text>
      ))}
      <text className="member-partitions" x={box.x + 14} y={box.y + box.h - 18} dominantBaseline="central">
        {!alive
          ? '✗ crashed: no heartbeats'
          : partitions.length > 0
            ? `reads ${partitions.map((p) => `P${p}`).join(', ')}`
            : 'no partitions yet'}
      </text>
    </g>
  );
}

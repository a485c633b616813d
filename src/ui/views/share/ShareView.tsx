/**
 * A share group on one partition (KIP-932): the partition as a row of records coloured by their state in
 * the share-partition, each with its delivery count and, while acquired, its holder and the lock's remaining
 * seconds; the window from the start offset (SPSO) to the end offset (SPEO); each member with what it holds;
 * and a consumer group on the same partition, where one member owns it and the others sit idle.
 */
import {
  type EngineState,
  groupMembers,
  heldByMember,
  type InFlightRecord,
  inFlightAt,
  keptRecords,
  type LogRecord,
  shareGroup,
  sharePartitionEndOffset,
  sharePartitionOf,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import {
  CLASSIC_Y,
  H,
  LEFT,
  MEMBERS_TITLE_Y,
  memberBox,
  RIGHT,
  ROW_H,
  ROW_Y,
  slotWidth,
  slotX,
  W,
} from './share-layout';
import './share.css';

type View = Extract<SceneView, { kind: 'share' }>;
/** Workers' colours, apart from the states' (orange available, green accepted, grey archived). */
const MEMBER_COLOURS = ['#4ea8ff', '#ff7eb6', '#c17ee0', '#17bebb'];

/** How a slot of the row reads: a record in the window has its share state; the others are before or after it. */
type Slot = { kind: 'in-flight'; r: InFlightRecord } | { kind: 'done' } | { kind: 'not-fetched' };

function slotOf(state: EngineState, view: View, offset: number): Slot {
  const sp = sharePartitionOf(state, view.group, view.topic, 0);
  if (!sp) return { kind: 'not-fetched' };
  if (offset < sp.startOffset) return { kind: 'done' };
  const r = inFlightAt(sp, offset);
  return r ? { kind: 'in-flight', r } : { kind: 'not-fetched' };
}

const STATE_WORD: Record<InFlightRecord['state'], string> = {
  AVAILABLE: 'available',
  ACQUIRED: 'acquired',
  ACKNOWLEDGED: 'accepted',
  ARCHIVED: 'archived',
};

const OUTCOME_MARK: Record<InFlightRecord['state'], string> = {
  AVAILABLE: 'free',
  ACQUIRED: '',
  ACKNOWLEDGED: '✓',
  ARCHIVED: '✕',
};

function RecordCard(props: {
  record: LogRecord;
  slot: Slot;
  slots: number;
  colourOf: (member: string) => string;
  playheadMs: number;
}) {
  const { record, slot, slots, colourOf, playheadMs } = props;
  const x = slotX(record.offset, slots) + 4;
  const w = slotWidth(slots) - 8;
  const cx = x + w / 2;
  const r = slot.kind === 'in-flight' ? slot.r : null;
  const lockS =
    r?.lockExpiresAtMs != null ? Math.max(0, Math.ceil((r.lockExpiresAtMs - playheadMs) / 1000)) : null;
  const cls = r ? `card ${r.state.toLowerCase()}` : `card ${slot.kind}`;
  const fill = r?.state === 'ACQUIRED' && r.memberId ? colourOf(r.memberId) : undefined;
  // Line two: the delivery count (or 'done' before the SPSO); line three: the lock's seconds, or the
  // outcome's mark. Short, so they stay legible at 18 px in a 92 px slot; the legend names the colours.
  const second = r ? `×${r.deliveryCount}` : slot.kind === 'done' ? 'done' : '';
  const third = r ? (lockS !== null ? `${lockS}s` : OUTCOME_MARK[r.state]) : '';
  const spoken = r
    ? `offset ${record.offset}: ${STATE_WORD[r.state]}${r.memberId ? ` by ${r.memberId}` : ''}, delivery count ${r.deliveryCount}${lockS !== null ? `, lock ${lockS} s left` : ''}`
    : `offset ${record.offset}: ${slot.kind === 'done' ? 'done, before the start offset' : 'not fetched yet'}`;
  return (
    <g
      data-box="share record"
      data-testid="share-record"
      data-offset={record.offset}
      data-state={r?.state ?? slot.kind}
      data-delivery={r?.deliveryCount ?? ''}
      data-holder={r?.memberId ?? ''}
      role="listitem"
      aria-label={spoken}
    >
      <rect
        className={cls}
        x={x}
        y={ROW_Y}
        width={w}
        height={ROW_H}
        rx={8}
        style={fill ? { fill } : undefined}
      />
      <text className="card-offset" x={cx} y={ROW_Y + 26} textAnchor="middle" dominantBaseline="central">
        {record.offset}
      </text>
      {second && (
        <text className="card-word" x={cx} y={ROW_Y + 60} textAnchor="middle" dominantBaseline="central">
          {second}
        </text>
      )}
      {third && (
        <text className="card-count" x={cx} y={ROW_Y + 90} textAnchor="middle" dominantBaseline="central">
          {third}
        </text>
      )}
    </g>
  );
}

function Window({ state, view, slots }: { state: EngineState; view: View; slots: number }) {
  const sp = sharePartitionOf(state, view.group, view.topic, 0);
  if (!sp) return null;
  const end = sharePartitionEndOffset(sp);
  const y = ROW_Y + ROW_H + 16;
  const empty = sp.inFlight.length === 0;
  // An empty window sits just past the last record: a tick at the row's end, never beyond it.
  const x1 = Math.min(slotX(sp.startOffset, slots) + 4, RIGHT - 12);
  const x2 = empty ? x1 + 8 : slotX(end, slots) + slotWidth(slots) - 4;
  const narrow = sp.inFlight.length < 3;
  return (
    <g
      data-testid="share-window"
      data-start={sp.startOffset}
      data-end={end}
      data-in-flight={sp.inFlight.length}
    >
      <path className="window" d={`M${x1},${y - 8} V${y} H${x2} V${y - 8}`} />
      {narrow ? (
        <text
          className="window-label"
          x={empty ? x2 : Math.min(x1, RIGHT - 330)}
          y={y + 26}
          textAnchor={empty ? 'end' : 'start'}
        >
          {empty ? `SPSO ${sp.startOffset} · nothing in flight` : `SPSO ${sp.startOffset} · SPEO ${end}`}
        </text>
      ) : (
        <>
          <text className="window-label" x={x1} y={y + 26}>
            SPSO {sp.startOffset}
          </text>
          <text className="window-label" x={x2} y={y + 26} textAnchor="end">
            SPEO {end}
          </text>
        </>
      )}
    </g>
  );
}

/** What a member last did during the step, up to the playhead, as the engine's events say. */
function lastAction(
  frame: Frame,
  playheadMs: number,
  view: View,
  member: string,
): { text: string; bad: boolean } | null {
  let out: { text: string; bad: boolean } | null = null;
  for (const e of frame.events) {
    if (
      e.atMs > playheadMs ||
      !('group' in e) ||
      e.group !== view.group ||
      !('member' in e) ||
      e.member !== member
    )
      continue;
    if (e.type === 'shareRecordsAcquired')
      out = { text: `took ${e.records.map((r) => r.offset).join(', ')}`, bad: false };
    else if (e.type === 'shareRecordsAcknowledged')
      out = {
        text: `${e.acknowledgeType === 'ACCEPT' ? 'accepted' : e.acknowledgeType === 'RELEASE' ? 'released' : 'rejected'} ${e.outcomes.map((o) => o.offset).join(', ')}`,
        bad: e.acknowledgeType !== 'ACCEPT',
      };
    else if (e.type === 'shareLockTimedOut')
      out = { text: `lock ran out: ${e.outcomes.map((o) => o.offset).join(', ')}`, bad: true };
  }
  return out;
}

function Members({
  frame,
  view,
  colourOf,
  playheadMs,
}: {
  frame: Frame;
  view: View;
  colourOf: (m: string) => string;
  playheadMs: number;
}) {
  const { state } = frame;
  const g = shareGroup(state, view.group);
  if (!g) return null;
  const sp = sharePartitionOf(state, view.group, view.topic, 0);
  const held = heldByMember(g, sp);
  const ids = Object.keys(g.members);
  return (
    <g data-testid="share-members">
      <text className="panel-title" x={LEFT} y={MEMBERS_TITLE_Y}>
        Share group “{view.group}”: every member reads P0
      </text>
      {ids.map((id, i) => {
        const b = memberBox(i, ids.length);
        const offsets = held[id] ?? [];
        const lock = sp && offsets.length > 0 ? inFlightAt(sp, offsets[0]!)?.lockExpiresAtMs : null;
        const left = lock != null ? Math.max(0, Math.ceil((lock - playheadMs) / 1000)) : null;
        const action = lastAction(frame, playheadMs, view, id);
        return (
          <g
            key={id}
            data-box="share member"
            data-testid={`share-member-${id}`}
            data-held={offsets.join(',')}
            data-action={action?.text ?? ''}
          >
            <rect
              className="member"
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              rx={10}
              style={{ stroke: colourOf(id) }}
            />
            <text className="member-name" x={b.x + 16} y={b.y + 30} style={{ fill: colourOf(id) }}>
              {id}
            </text>
            {action && (
              <text
                className={action.bad ? 'member-action bad' : 'member-action'}
                x={b.x + b.width - 14}
                y={b.y + 30}
                textAnchor="end"
              >
                {action.text}
              </text>
            )}
            <text className="member-held" x={b.x + 16} y={b.y + 66}>
              {offsets.length === 0
                ? 'holds nothing'
                : `holds ${offsets.join(', ')}${left !== null ? ` · lock ${left} s` : ''}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function ClassicGroup({ state, view }: { state: EngineState; view: View }) {
  const members = groupMembers(state, view.classicGroup).sort((a, b) => (a.consumer < b.consumer ? -1 : 1));
  if (members.length === 0) return null;
  const w = (RIGHT - LEFT - 40) / Math.max(members.length, 1);
  return (
    <g data-testid="classic-group">
      <text className="panel-title muted" x={LEFT} y={CLASSIC_Y}>
        Consumer group “{view.classicGroup}” on the same partition: one owner
      </text>
      {members.map((m, i) => {
        const owns = m.assignment.length > 0;
        const x = LEFT + i * (w + 20);
        return (
          <g
            key={m.memberId}
            data-box="classic member"
            data-testid={`classic-member-${m.consumer}`}
            data-owns={owns ? 'P0' : ''}
          >
            <rect
              className={owns ? 'classic owner' : 'classic idle'}
              x={x}
              y={CLASSIC_Y + 18}
              width={w}
              height={56}
              rx={10}
            />
            <text className="classic-label" x={x + 16} y={CLASSIC_Y + 46} dominantBaseline="central">
              {m.consumer}: {owns ? 'reads P0' : 'idle'}
            </text>
          </g>
        );
      })}
    </g>
  );
}

const LEGEND: [string, string][] = [
  ['available', 'available'],
  ['acquired', 'held (worker colour)'],
  ['acknowledged', 'accepted'],
  ['archived', 'archived'],
];
const LEGEND_X = [470, 612, 852, 980];

export function ShareView({ view, frame, playheadMs }: { view: View; frame: Frame; playheadMs: number }) {
  const { state } = frame;
  const p = state.topics[view.topic]?.partitions[0];
  const log = p && p.leader !== null ? p.logs[p.leader] : undefined;
  const records = log ? keptRecords(log).filter((r) => r.appendedAtMs <= playheadMs) : [];
  const slots = Math.max(12, (records.at(-1)?.offset ?? 0) + 1);
  const memberIds = Object.keys(shareGroup(state, view.group)?.members ?? {});
  const colourOf = (m: string) => MEMBER_COLOURS[Math.max(0, memberIds.indexOf(m)) % MEMBER_COLOURS.length]!;
  return (
    <svg
      className="stage-svg share-view"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`Share group ${view.group} reading topic ${view.topic}, partition 0`}
    >
      <text className="panel-title" x={LEFT} y={34}>
        Topic “{view.topic}”, partition P0
      </text>
      <g aria-hidden="true">
        {LEGEND.map(([cls, word], i) => (
          <g key={cls}>
            <rect
              className={`card ${cls} swatch`}
              x={LEGEND_X[i]!}
              y={16}
              width={22}
              height={22}
              rx={4}
              style={cls === 'acquired' ? { fill: MEMBER_COLOURS[0] } : undefined}
            />
            <text className="legend" x={LEGEND_X[i]! + 28} y={28} dominantBaseline="central">
              {word}
            </text>
          </g>
        ))}
        <text className="legend muted" x={RIGHT} y={58} textAnchor="end" dominantBaseline="central">
          on a record: ×deliveries, then seconds of lock left
        </text>
      </g>
      <g role="list" aria-label="Records of P0">
        {records.map((r) => (
          <RecordCard
            key={r.id}
            record={r}
            slot={slotOf(state, view, r.offset)}
            slots={slots}
            colourOf={colourOf}
            playheadMs={playheadMs}
          />
        ))}
      </g>
      <Window state={state} view={view} slots={slots} />
      <Members frame={frame} view={view} colourOf={colourOf} playheadMs={playheadMs} />
      <ClassicGroup state={state} view={view} />
    </svg>
  );
}

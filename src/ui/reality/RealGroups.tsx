/**
 * Consumers and their coordinator on a real cluster: each group's card (its state at the coordinator, its
 * type and assignor, the coordinator broker, its members and the partitions assigned to each), and the
 * topic's lanes with, under each, every group's committed offset and lag for that partition and who owns
 * it. A consumer's position (where it has read to before it commits) is not exposed: only committed offsets.
 */
import type { RealGroup, RealTopic } from '../../reality/protocol';
import { brokerName } from '../views/brokers/brokers-layout';
import { RecordBox } from '../views/RecordBox';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../views/topic-layout';
import { realLanes } from './real-lanes';

const CARDS_X = 8;
const CARDS_W = 440;
const LANES_X = 464;
const LANES_RIGHT = STAGE_WIDTH - 8;
const LABEL_W = 56;
const TOP = 46;
const BOTTOM = STAGE_HEIGHT - 6;
const MEMBER_LINE = 28;

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function cardHeight(g: RealGroup): number {
  return 84 + Math.max(1, g.members.length) * MEMBER_LINE;
}

function GroupCard({ g, y, topic }: { g: RealGroup; y: number; topic: string }) {
  const h = cardHeight(g);
  const stable = g.state === 'Stable';
  return (
    <g
      data-testid={`real-group-${g.groupId}`}
      data-state={g.state}
      data-box="group"
      role="group"
      aria-label={`Group ${g.groupId}: ${g.state}, ${g.members.length} members`}
    >
      <rect className="real-card" x={CARDS_X} y={y} width={CARDS_W} height={h} rx={12} />
      <text className="real-card-title" x={CARDS_X + 14} y={y + 30}>
        {short(g.groupId, 20)}
      </text>
      <text
        className={stable ? 'real-line ok' : 'real-line warn'}
        x={CARDS_X + CARDS_W - 14}
        y={y + 30}
        textAnchor="end"
      >
        {g.state}
      </text>
      <text className="real-line small" x={CARDS_X + 14} y={y + 60}>
        {g.type} · {g.assignor ?? 'no assignor yet'} · coordinator{' '}
        {g.coordinator === null ? '?' : brokerName(g.coordinator).replace('Broker ', '')}
      </text>
      {g.members.length === 0 && (
        <text className="real-muted small" x={CARDS_X + 14} y={y + 88}>
          no members
        </text>
      )}
      {g.members.map((m, i) => {
        const mine = m.assignment.filter((a) => a.topic === topic).map((a) => `P${a.partition}`);
        const others = m.assignment.length - mine.length;
        return (
          <text
            key={m.memberId}
            className="real-line small"
            x={CARDS_X + 14}
            y={y + 88 + i * MEMBER_LINE}
            data-testid="real-member"
            data-member-id={m.memberId}
            data-assignment={m.assignment.map((a) => `${a.topic}-${a.partition}`).join(',')}
          >
            {short(m.clientId || m.memberId, 18)} → {mine.join(' ') || '—'}
            {others > 0 ? ` +${others}` : ''}
          </text>
        );
      })}
    </g>
  );
}

export function RealGroups({ topic, groups }: { topic: RealTopic; groups: readonly RealGroup[] }) {
  // The groups that read this topic (by assignment or commits) first; then the others.
  const reads = (g: RealGroup) =>
    g.offsets.some((o) => o.topic === topic.name) ||
    g.members.some((m) => m.assignment.some((a) => a.topic === topic.name));
  const shown = [...groups.filter(reads), ...groups.filter((g) => !reads(g))];
  let y = TOP;
  const cards: { g: RealGroup; y: number }[] = [];
  for (const g of shown) {
    if (y + cardHeight(g) > BOTTOM) break;
    cards.push({ g, y });
    y += cardHeight(g) + 10;
  }
  const hidden = shown.length - cards.length;
  const lanes = realLanes(topic.partitions);
  const n = Math.max(1, topic.partitions.length);
  const step = (BOTTOM - TOP) / n;
  const laneH = step * 0.9;
  const readers = shown.filter(reads).slice(0, 2);
  const recordsH = readers.length > 0 ? laneH * 0.58 : laneH;
  const slotW = (LANES_RIGHT - LANES_X - LABEL_W - 4) / lanes.window.slots;
  const slotX = (o: number) => LANES_X + LABEL_W + (o - lanes.window.first) * slotW;
  return (
    <svg
      className="stage-svg real-svg"
      viewBox={`0 0 ${STAGE_WIDTH} ${STAGE_HEIGHT}`}
      role="img"
      aria-label={`Real consumer groups and topic ${topic.name}`}
    >
      <text className="topic-title" x={CARDS_X} y={26}>
        consumer groups ({groups.length})
      </text>
      <text className="topic-title" x={LANES_X} y={26}>
        topic “{topic.name}”: committed offsets and lag
      </text>
      {cards.map(({ g, y: cy }) => (
        <GroupCard key={g.groupId} g={g} y={cy} topic={topic.name} />
      ))}
      {groups.length === 0 && (
        <text className="real-muted" x={CARDS_X + 14} y={TOP + 40}>
          No consumer group on this cluster yet
        </text>
      )}
      {hidden > 0 && (
        <text className="real-muted small" x={CARDS_X + 14} y={BOTTOM - 4}>
          and {hidden} more group{hidden > 1 ? 's' : ''}
        </text>
      )}
      {topic.partitions.map((p) => {
        const lane = lanes.lanes.get(p.partition)!;
        const ly = TOP + p.partition * step;
        return (
          <g
            key={p.partition}
            data-testid={`real-group-lane-${topic.name}-${p.partition}`}
            role={lane.records.length > 0 ? 'list' : 'group'}
            aria-label={`Partition P${p.partition}, high watermark ${p.highWatermark}`}
          >
            <rect className="lane" x={LANES_X} y={ly} width={LANES_RIGHT - LANES_X} height={laneH} rx={10} />
            <text className="lane-label" x={LANES_X + 10} y={ly + recordsH / 2} dominantBaseline="central">
              P{p.partition}
            </text>
            {lane.records.map((r) => {
              const b = {
                x: slotX(r.offset + lane.shift) + 2,
                y: ly + 4,
                width: slotW - 4,
                height: recordsH - 8,
              };
              return (
                <RecordBox
                  key={r.offset}
                  record={{ offset: r.offset, key: r.key, value: r.value ?? 'null' }}
                  partition={p.partition}
                  box={b}
                  label={r.key ?? r.value ?? 'null'}
                  charWidth={13}
                />
              );
            })}
            {readers.map((g, i) => {
              const o = g.offsets.find((x) => x.topic === topic.name && x.partition === p.partition);
              const owner = g.members.find((m) =>
                m.assignment.some((a) => a.topic === topic.name && a.partition === p.partition),
              );
              const text = `${short(g.groupId, 12)}: ${o?.committedOffset == null ? 'nothing committed' : `committed ${o.committedOffset} · lag ${o.lag ?? '?'}`}${owner ? ` · ${short(owner.clientId || owner.memberId, 16)}` : ''}`;
              return (
                <text
                  key={g.groupId}
                  className="real-line small"
                  x={LANES_X + LABEL_W}
                  y={ly + recordsH + 20 + i * 24}
                  data-testid="real-committed"
                  data-group={g.groupId}
                  data-partition={p.partition}
                  data-committed={o?.committedOffset ?? ''}
                  data-lag={o?.lag ?? ''}
                >
                  {text}
                </text>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

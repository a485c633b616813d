/**
 * A traditional queue beside Kafka's log. The queue shows what still waits and what each competing
 * consumer took; acknowledged messages are gone. The log keeps every record until retention, and each
 * group only moves its own position along it.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { keptRecords, tpKey } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { keyColour } from '../palette';
import './queue.css';

type View = Extract<SceneView, { kind: 'queue-vs-log' }>;
const W = 1200;
const H = 520;
const GROUP_COLOURS = ['#17bebb', '#ffc914', '#a259c4', '#76b041'];

function QueuePanel({ frame, playheadMs }: { frame: Frame; playheadMs: number }) {
  const queue = Object.values(frame.state.queues.queues)[0];
  if (!queue) return null;
  // Messages acknowledged after the playhead are still in the queue in the picture.
  const ackedLater = frame.events
    .filter((e) => e.type === 'queueMessageAcked' && e.atMs > playheadMs)
    .map((e) => (e.type === 'queueMessageAcked' ? e.value : ''));
  const waiting = [...queue.messages.map((m) => m.value), ...ackedLater];
  const deleted = queue.deleted - ackedLater.length;
  const consumers = Object.values(frame.state.queues.consumers);
  return (
    <g
      data-testid="queue-panel"
      aria-label={`Queue ${queue.name}: ${waiting.length} waiting, ${deleted} deleted`}
    >
      <text className="panel-title" x={30} y={34}>
        Traditional queue
      </text>
      <rect className="queue-box" x={30} y={56} width={520} height={90} rx={10} />
      {waiting.map((v, i) => (
        <g key={v} data-box="message" data-testid="queue-message" data-value={v}>
          <rect className="msg" x={44 + i * 78} y={70} width={68} height={62} rx={8} fill={keyColour(null)} />
          <text className="msg-label" x={78 + i * 78} y={101} textAnchor="middle" dominantBaseline="central">
            {v}
          </text>
        </g>
      ))}
      <text className="deleted" x={30} y={184} data-testid="queue-deleted" data-count={deleted}>
        deleted after acknowledgement: {deleted}
      </text>
      {consumers.map((c, i) => {
        const done = c.processed.slice(
          0,
          Math.max(0, c.processed.length - ackedLater.filter((v) => c.processed.includes(v)).length),
        );
        return (
          <g
            key={c.id}
            data-box="queue consumer"
            data-testid={`queue-consumer-${c.id}`}
            data-processed={done.join(',')}
          >
            <rect className="consumer-box" x={30} y={210 + i * 76} width={520} height={64} rx={10} />
            <text className="consumer-label" x={46} y={250 + i * 76}>
              {c.id}: {done.length === 0 ? 'nothing to read' : done.join(' ')}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Offsets of a partition a group processed during the step, up to the playhead, ascending. */
function readThisStep(frame: Frame, playheadMs: number, topic: string, partition: number, group: string) {
  const offsets = new Set<number>();
  for (const e of frame.events)
    if (
      e.atMs <= playheadMs &&
      e.type === 'recordProcessed' &&
      e.topic === topic &&
      e.partition === partition &&
      e.group === group
    )
      offsets.add(e.offset);
  return [...offsets].sort((a, b) => a - b);
}

/** Whether another group had read these offsets before this step: the group reads history, not news. */
function replayed(frame: Frame, group: string, offsets: readonly number[]): boolean {
  const before = frame.fromState;
  if (!before) return false;
  return Object.values(before.groups.consumers).some(
    (c) => c.group !== group && Object.values(c.positions).some((pos) => pos > offsets[0]!),
  );
}

function LogPanel({ view, frame, playheadMs }: { view: View; frame: Frame; playheadMs: number }) {
  const topic = frame.state.topics[view.topic];
  if (!topic) return null;
  const lanes = scaleBand<number>()
    .domain(topic.partitions.map((p) => p.partition))
    .range([76, 380])
    .paddingInner(0.7);
  const x = scaleLinear().domain([0, 6]).range([680, 1170]);
  return (
    <g data-testid="log-panel">
      <text className="panel-title" x={600} y={34}>
        Kafka log, topic “{view.topic}”
      </text>
      {topic.partitions.map((p) => {
        const log = p.leader === null ? undefined : p.logs[p.leader];
        const records = log ? keptRecords(log).filter((r) => r.appendedAtMs <= playheadMs) : [];
        const y = lanes(p.partition) ?? 0;
        // Which group read each record during this step: its card is outlined in that group's colour.
        const readNow = new Map<number, number>();
        view.groups.forEach((g, gi) => {
          for (const o of readThisStep(frame, playheadMs, view.topic, p.partition, g)) readNow.set(o, gi);
        });
        return (
          <g
            key={p.partition}
            data-testid={`partition-${view.topic}-${p.partition}`}
            role={records.length > 0 ? 'list' : 'group'}
            aria-label={`Partition P${p.partition}, log start ${log?.logStartOffset ?? 0}`}
          >
            <rect className="lane" x={600} y={y} width={580} height={lanes.bandwidth()} rx={10} />
            <text className="lane-label" x={614} y={y + lanes.bandwidth() / 2} dominantBaseline="central">
              P{p.partition}
            </text>
            {(log?.logStartOffset ?? 0) > 0 && (
              <text className="retention-note" x={x(0)} y={y + lanes.bandwidth() + 72}>
                offsets below {log?.logStartOffset} deleted by retention
              </text>
            )}
            {[...Array(Math.min(6, log?.logStartOffset ?? 0)).keys()].map((o) => (
              // Deleted by retention: the slot stays, empty, so the room sees offsets are never reused.
              <g key={`gone-${o}`} className="gone" data-box="deleted slot" aria-hidden="true">
                <rect
                  className="gone-slot"
                  x={x(o) + 4}
                  y={y + 8}
                  width={x(1) - x(0) - 8}
                  height={lanes.bandwidth() - 16}
                  rx={8}
                />
                <text
                  className="gone-offset"
                  x={x(o) + (x(1) - x(0)) / 2}
                  y={y + lanes.bandwidth() / 2}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  {o}
                </text>
              </g>
            ))}
            {records.map((r) => (
              <g
                key={r.id}
                data-box="record"
                data-testid="record"
                data-partition={p.partition}
                data-offset={r.offset}
                data-value={r.value}
                role="listitem"
                aria-label={`${r.value} at offset ${r.offset}`}
              >
                <rect
                  className={readNow.get(r.offset) ? 'msg read-now' : 'msg'}
                  style={
                    readNow.has(r.offset) ? { stroke: GROUP_COLOURS[readNow.get(r.offset)!] } : undefined
                  }
                  x={x(r.offset) + 4}
                  y={y + 8}
                  width={x(1) - x(0) - 8}
                  height={lanes.bandwidth() - 16}
                  rx={8}
                  fill={keyColour(r.key)}
                />
                <text
                  className="msg-label"
                  x={x(r.offset) + (x(1) - x(0)) / 2}
                  y={y + lanes.bandwidth() * 0.38}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  {r.value}
                </text>
                <text
                  className="msg-offset"
                  data-testid="record-offset"
                  x={x(r.offset) + (x(1) - x(0)) / 2}
                  y={y + lanes.bandwidth() * 0.72}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  {r.offset}
                </text>
              </g>
            ))}
            {view.groups.map((g, gi) => {
              const position = Math.max(
                -1,
                ...Object.values(frame.state.groups.consumers)
                  .filter((c) => c.group === g)
                  .map((c) => c.positions[tpKey(view.topic, p.partition)] ?? -1),
              );
              if (position < 0) return null;
              const start = log?.logStartOffset ?? 0;
              const now = readThisStep(frame, playheadMs, view.topic, p.partition, g);
              const rowY = y + lanes.bandwidth() + 8 + gi * 28;
              const colour = GROUP_COLOURS[gi % GROUP_COLOURS.length];
              const said =
                now.length > 0
                  ? // Another group read these records before: this group replays the log.
                    `${g}: ${replayed(frame, g, now) ? 'replayed' : 'read'} ${now[0]}–${now.at(-1)}`
                  : `${g}: read to ${position}`;
              return (
                <g
                  key={g}
                  data-testid={`position-${g}-${p.partition}`}
                  data-offset={position}
                  data-read-now={now.join(',')}
                >
                  <rect
                    className={now.length > 0 ? 'read-bar now' : 'read-bar'}
                    x={x(start) + 4}
                    y={rowY}
                    width={Math.max(0, x(position) - x(start) - 8)}
                    height={10}
                    rx={5}
                    style={{ fill: colour }}
                  />
                  <text
                    className="position-label"
                    x={Math.max(x(position), x(start)) + 4}
                    y={rowY + 5}
                    dominantBaseline="central"
                    style={{ fill: colour }}
                  >
                    {said}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </g>
  );
}

export function QueueVsLogView({
  view,
  frame,
  playheadMs,
}: {
  view: View;
  frame: Frame;
  playheadMs: number;
}) {
  return (
    <svg
      className="stage-svg queue-vs-log"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label="A traditional queue beside a Kafka log"
    >
      <QueuePanel frame={frame} playheadMs={playheadMs} />
      <line className="divider" x1={575} x2={575} y1={20} y2={H - 10} />
      <LogPanel view={view} frame={frame} playheadMs={playheadMs} />
    </svg>
  );
}

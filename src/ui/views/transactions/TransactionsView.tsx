/**
 * Exactly-once on the stage: each record of the output topic with its producer id, epoch and sequence
 * number, coloured by its transaction's fate (open, committed, aborted) and the markers between them; the
 * last stable offset and the high watermark of each partition; the producers and the transaction
 * coordinator; the input offset the transaction commits; and the two consumers side by side with what each
 * has been handed. Everything is read from engine selectors.
 */
import {
  consumedRecords,
  type EngineState,
  keptRecords,
  type LogRecord,
  partitionLastStableOffset,
  type RecordTxnStatus,
  recordTxnStatuses,
} from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { KEYLESS_COLOUR } from '../palette';

import {
  CARD_LINE_H,
  CARD_W,
  CARD_X,
  CONSUMER_H,
  CONSUMER_Y,
  H,
  LANE_X,
  laneY,
  legendXs,
  markX,
  READ_PER_ROW,
  READ_W,
  RECORD_H,
  RECORD_W,
  slotX,
  W,
} from './transactions-layout';

import './transactions.css';

type View = Extract<SceneView, { kind: 'transactions' }>;

const STATUS_FILL: Record<RecordTxnStatus, string> = {
  plain: KEYLESS_COLOUR,
  open: '#ffb347',
  committed: '#6fdc8c',
  aborted: '#ff6b6b',
  marker: '#2b3f53',
};
const STATUS_WORD: Record<RecordTxnStatus, string> = {
  plain: 'no transaction',
  open: 'open',
  committed: 'committed',
  aborted: 'aborted',
  marker: 'marker',
};

const LEGEND = ['plain', 'open', 'committed', 'aborted', 'marker'] as const;
const LEGEND_XS = legendXs(
  LEGEND.map((s) => STATUS_WORD[s]),
  LANE_X + 150,
);

function pidOf(state: EngineState, r: LogRecord): number | undefined {
  return state.transactions.producerIds[r.producerId]?.producerId;
}

function RecordBox({
  state,
  r,
  status,
  x,
  y,
}: {
  state: EngineState;
  r: LogRecord;
  status: RecordTxnStatus;
  x: number;
  y: number;
}) {
  const pid = pidOf(state, r);
  // A marker's producer id is its transaction's; its epoch is the one EndTxn wrote it with.
  const detail = r.control ? `epoch ${r.producerEpoch ?? 0}` : `pid ${pid ?? '?'} · seq ${r.sequence}`;
  const label = r.control ?? r.value;
  return (
    <g>
      <g
        data-box="record"
        data-testid="txn-record"
        data-offset={r.offset}
        data-status={status}
        data-value={label}
        aria-label={`offset ${r.offset}: ${label}, ${STATUS_WORD[status]}, pid ${pid ?? '?'}, ${detail}`}
      >
        <rect
          className={`txn-record txn-${status}`}
          x={x}
          y={y}
          width={RECORD_W}
          height={RECORD_H}
          rx={8}
          style={{ fill: STATUS_FILL[status] }}
        />
        <text
          className={`txn-value${r.control ? ' txn-marker-text' : ''}`}
          x={x + RECORD_W / 2}
          y={y + 28}
          textAnchor="middle"
        >
          {label}
        </text>
        <text
          className={`txn-detail${r.control ? ' txn-marker-text' : ''}`}
          x={x + RECORD_W / 2}
          y={y + 54}
          textAnchor="middle"
        >
          {detail}
        </text>
      </g>
      <text className="txn-offset" x={x + RECORD_W / 2} y={y + RECORD_H + 20} textAnchor="middle">
        {r.offset}
      </text>
    </g>
  );
}

/** A mark's label reads right of its line, or left of it near the right edge of the picture. */
function labelAt(offset: number): { x: number; textAnchor: 'start' | 'end' } {
  const x = markX(offset);
  return x > W - 150 ? { x: x - 6, textAnchor: 'end' } : { x: x + 6, textAnchor: 'start' };
}

function Lane({ state, topic, partition }: { state: EngineState; topic: string; partition: number }) {
  const p = state.topics[topic]?.partitions[partition];
  const log = p && p.leader !== null ? p.logs[p.leader] : undefined;
  if (!p || !log) return null;
  const statuses = recordTxnStatuses(log);
  const lso = partitionLastStableOffset(p);
  const hw = p.highWatermark;
  const y = laneY(partition);
  return (
    <g
      data-testid={`txn-lane-${partition}`}
      data-lso={lso}
      data-hw={hw}
      aria-label={`${topic} P${partition}: LSO ${lso}, high watermark ${hw}`}
    >
      <text className="txn-lane-label" x={LANE_X - 12} y={y + RECORD_H / 2 + 8} textAnchor="end">
        P{partition}
      </text>
      {keptRecords(log).map((r) => (
        <RecordBox
          key={r.id}
          state={state}
          r={r}
          status={statuses.get(r.offset) ?? 'plain'}
          x={slotX(r.offset)}
          y={y}
        />
      ))}
      <line className="txn-mark txn-hw" x1={markX(hw)} x2={markX(hw)} y1={y - 30} y2={y + RECORD_H + 4} />
      {lso !== hw && (
        <line
          className="txn-mark txn-lso"
          x1={markX(lso)}
          x2={markX(lso)}
          y1={y - 30}
          y2={y + RECORD_H + 4}
        />
      )}
      {lso === hw ? (
        <text
          className="txn-mark-label txn-hw-label"
          {...labelAt(hw)}
          y={y - 12}
          data-testid={`txn-marks-${partition}`}
        >
          LSO = HW {hw}
        </text>
      ) : (
        <>
          <text
            className="txn-mark-label txn-lso-label"
            {...labelAt(lso)}
            y={y - 12}
            data-testid={`txn-lso-${partition}`}
          >
            LSO {lso}
          </text>
          <text
            className="txn-mark-label txn-hw-label"
            {...labelAt(hw)}
            y={y - 12}
            data-testid={`txn-hw-${partition}`}
          >
            HW {hw}
          </text>
        </>
      )}
    </g>
  );
}

function Card({
  x,
  y,
  h,
  title,
  lines,
  testId,
}: {
  x: number;
  y: number;
  h: number;
  title: string;
  lines: string[];
  testId: string;
}) {
  return (
    <g data-box="card" data-testid={testId}>
      <rect className="txn-card" x={x} y={y} width={CARD_W} height={h} rx={10} />
      <text className="txn-card-title" x={x + 14} y={y + 30}>
        {title}
      </text>
      {lines.map((l, i) => (
        <text key={l} className="txn-card-line" x={x + 14} y={y + 60 + i * CARD_LINE_H}>
          {l}
        </text>
      ))}
    </g>
  );
}

function Producers({ view, frame, playheadMs }: { view: View; frame: Frame; playheadMs: number }) {
  const s = frame.state;
  const cards = view.producers.map((id) => {
    const p = s.producers[id];
    const ids = s.transactions.producerIds[id];
    const client = s.transactions.clients[id];
    const idLine = ids ? `pid ${ids.producerId} · epoch ${ids.producerEpoch}` : 'no producer id yet';
    const lines = [
      p?.config.transactionalId ? `transactional.id ${p.config.transactionalId}` : 'idempotent (default)',
      idLine,
    ];
    if (client) lines.push(client.state);
    const dropped = frame.events.find(
      (e) => e.type === 'duplicateDropped' && e.producer === id && e.atMs <= playheadMs,
    );
    if (dropped?.type === 'duplicateDropped') lines.push(`retry of seq ${dropped.sequence}: dropped`);
    else if (p && Object.keys(p.inFlight).length > 0 && !client) lines.push('waiting for an answer…');
    return { id, lines };
  });
  const m = Object.values(s.transactions.transactions)[0];
  const input = s.groups.groups[view.group]?.offsets[`${view.input}/0`]?.offset;
  let y = 14;
  const out = cards.map((c) => {
    const h = 44 + c.lines.length * 26;
    const g = (
      <Card key={c.id} x={CARD_X} y={y} h={h} title={c.id} lines={c.lines} testId={`txn-producer-${c.id}`} />
    );
    y += h + 10;
    return g;
  });
  const coordLines = m
    ? [
        `state ${m.state}`,
        m.partitions.length > 0
          ? `partitions ${m.partitions.map((k) => `P${k.split('/')[1]}`).join(', ')}`
          : 'no partitions',
      ]
    : ['no transaction yet'];
  coordLines.push(`${view.group} on ${view.input}: ${input === undefined ? 'no offset' : `offset ${input}`}`);
  out.push(
    <Card
      key="coordinator"
      x={CARD_X}
      y={y}
      h={44 + coordLines.length * CARD_LINE_H}
      title="Transaction coordinator"
      lines={coordLines}
      testId="txn-coordinator"
    />,
  );
  return <g>{out}</g>;
}

function Consumers({ view, state }: { view: View; state: EngineState }) {
  const partitions = state.topics[view.topic]?.partitions ?? [];
  const width = (W - LANE_X) / view.consumers.length;
  return (
    <g>
      {view.consumers.map((id, i) => {
        const c = state.groups.consumers[id];
        const read = partitions.flatMap((p) => consumedRecords(state, id, view.topic, p.partition));
        const positions = partitions
          .map((p) => `P${p.partition} ${c?.positions[`${view.topic}/${p.partition}`] ?? '-'}`)
          .join(' · ');
        const x = LANE_X + i * width;
        const y = CONSUMER_Y;
        return (
          <g
            key={id}
            data-box="consumer"
            data-testid={`txn-consumer-${id}`}
            data-read={read.map((r) => r.value).join(',')}
          >
            <rect className="txn-card" x={x} y={y} width={width - 12} height={CONSUMER_H} rx={10} />
            <text className="txn-card-title" x={x + 14} y={y + 30}>
              {c ? `${id} · ${c.config.isolationLevel}` : id}
            </text>
            <text className="txn-card-line" x={x + 14} y={y + 60}>
              {c ? `position ${positions}` : 'not started yet'}
            </text>
            {c && read.length === 0 && (
              <text className="txn-card-line" x={x + 14} y={y + 94}>
                nothing read yet
              </text>
            )}
            {read.map((r, k) => (
              <text
                key={r.id}
                className="txn-read"
                x={x + 14 + (k % READ_PER_ROW) * READ_W}
                y={y + 94 + Math.floor(k / READ_PER_ROW) * 28}
              >
                {r.value}
              </text>
            ))}
          </g>
        );
      })}
    </g>
  );
}

export function TransactionsView({
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
      className="stage-svg transactions-view"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`Exactly once on ${view.topic}`}
    >
      <Producers view={view} frame={frame} playheadMs={playheadMs} />
      <text className="txn-topic" x={LANE_X} y={28}>
        {view.topic}
      </text>
      <g className="txn-legend">
        {LEGEND.map((status, i) => (
          <g key={status}>
            <rect
              x={LEGEND_XS[i]}
              y={12}
              width={18}
              height={18}
              rx={3}
              style={{ fill: STATUS_FILL[status] }}
              className="txn-legend-swatch"
            />
            <text className="txn-legend-text" x={LEGEND_XS[i]! + 24} y={27}>
              {STATUS_WORD[status]}
            </text>
          </g>
        ))}
      </g>
      {(frame.state.topics[view.topic]?.partitions ?? []).map((p) => (
        <Lane key={p.partition} state={frame.state} topic={view.topic} partition={p.partition} />
      ))}
      <Consumers view={view} state={frame.state} />
    </svg>
  );
}

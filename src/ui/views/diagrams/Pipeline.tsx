/**
 * Slide 53, "auth attempts -> possible fraud": one lane of the attempts a running query has read, the query
 * as a box (its SQL comes later, in fraud-query), and the output lane where its alerts appear. Everything
 * drawn is the engine's: the attempts the query processed by the playhead, the rows in its output topic.
 */
import type { Frame } from '../../store/frames';
import { clock, maskedCard } from '../stream/time-format';
import { Arrowhead } from './Arrowhead';
import { pipelineModel } from './pipeline-model';

const W = 1200;
const H = 520;
const LANE = { x: 20, y: 170, w: 440, h: 170 };
const QUERY = { x: 520, y: 170, w: 250, h: 170 };
const OUT = { x: 830, y: 170, w: 350, h: 230 };
/** Attempts shown in the lane, newest next to the query; older ones are counted, not drawn. */
const CHIPS = 4;
const CHIP = { w: 96, h: 92, gap: 8 };
const ALERT_ROW = 56;

interface Props {
  frame: Frame;
  playheadMs: number;
  query: string;
  source: string;
  output: string;
}

export function Pipeline({ frame, playheadMs, query, source, output }: Props) {
  const model = pipelineModel(frame.state, query, output, frame.fromMs, playheadMs);
  const shown = model.attempts.slice(-CHIPS);
  // Every attempt read so far, one mark each: a burst on one card shows as a run of red marks.
  const flagged = new Set(model.alerts.map((a) => a.card));
  const tick = Math.min(10, (LANE.w - 24) / Math.max(1, model.attempts.length));
  const newAlerts = model.alerts.filter((a) => a.isNew).length;
  const laneMid = LANE.y + LANE.h / 2;
  return (
    <svg
      className="stage-svg diagram pipeline"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${model.attempts.length} authorization attempts flow into a running query, which has written ${model.alerts.length} possible fraud alerts${model.alerts.length ? `: cards ending ${model.alerts.map((a) => a.card.slice(-4)).join(', ')}` : ''}`}
    >
      <Arrowhead />
      <g data-testid="pipeline-attempts" data-count={model.attempts.length}>
        <text className="layer-title" x={LANE.x} y={LANE.y - 48}>
          Authorization attempts
        </text>
        <text className="layer-detail" x={LANE.x} y={LANE.y - 16}>
          topic {source}
        </text>
        <rect className="layer" x={LANE.x} y={LANE.y} width={LANE.w} height={LANE.h} rx={12} />
        {shown.map((a, i) => {
          const x = LANE.x + LANE.w - 12 - (shown.length - i) * (CHIP.w + CHIP.gap) + CHIP.gap;
          const y = LANE.y + 12;
          return (
            <g key={a.id} data-testid="pipeline-attempt" data-new={a.isNew} data-box>
              <rect
                className={a.isNew ? 'chip new' : 'chip'}
                x={x}
                y={y}
                width={CHIP.w}
                height={CHIP.h}
                rx={8}
              />
              <text
                className={flagged.has(a.card) ? 'chip-card flagged' : 'chip-card'}
                x={x + CHIP.w / 2}
                y={y + 40}
                textAnchor="middle"
              >
                {maskedCard(a.card).slice(-4)}
              </text>
              <text className="chip-time" x={x + CHIP.w / 2} y={y + 74} textAnchor="middle">
                {clock(a.ts)}
              </text>
            </g>
          );
        })}
        <g data-testid="pipeline-marks" aria-hidden="true">
          {model.attempts.map((a, i) => (
            <rect
              key={a.id}
              className={flagged.has(a.card) ? 'mark flagged' : 'mark'}
              x={LANE.x + 12 + i * tick}
              y={LANE.y + CHIP.h + 26}
              width={Math.max(2, tick - 2)}
              height={28}
              rx={2}
            />
          ))}
        </g>
        {flagged.size > 0 && (
          <text className="layer-detail flagged" x={LANE.x + 12} y={LANE.y + LANE.h + 34}>
            red: a flagged card
          </text>
        )}
        <text className="callout-text" x={LANE.x + LANE.w} y={LANE.y + LANE.h + 34} textAnchor="end">
          {model.newAttempts > 0 ? `+${model.newAttempts} this step` : 'none this step'}
        </text>
      </g>
      <line
        className="flow"
        x1={LANE.x + LANE.w + 6}
        x2={QUERY.x - 8}
        y1={laneMid}
        y2={laneMid}
        markerEnd="url(#arrow)"
      />
      <g data-testid="pipeline-query" data-box>
        <rect className="layer query" x={QUERY.x} y={QUERY.y} width={QUERY.w} height={QUERY.h} rx={14} />
        <text className="layer-title" x={QUERY.x + QUERY.w / 2} y={QUERY.y + 50} textAnchor="middle">
          Stream query
        </text>
        <text className="layer-detail" x={QUERY.x + QUERY.w / 2} y={QUERY.y + 90} textAnchor="middle">
          {model.running ? 'running: reads each' : 'not running'}
        </text>
        <text className="layer-detail" x={QUERY.x + QUERY.w / 2} y={QUERY.y + 118} textAnchor="middle">
          attempt as it arrives
        </text>
        <text className="layer-detail" x={QUERY.x + QUERY.w / 2} y={QUERY.y + 150} textAnchor="middle">
          {model.attempts.length} read so far
        </text>
      </g>
      <line
        className="flow"
        x1={QUERY.x + QUERY.w + 6}
        x2={OUT.x - 8}
        y1={laneMid}
        y2={laneMid}
        markerEnd="url(#arrow)"
      />
      <g data-testid="pipeline-alerts" data-count={model.alerts.length}>
        <text className="layer-title" x={OUT.x} y={OUT.y - 48}>
          Possible fraud
        </text>
        <text className="layer-detail" x={OUT.x} y={OUT.y - 16}>
          topic {output}
        </text>
        <rect className="layer" x={OUT.x} y={OUT.y} width={OUT.w} height={OUT.h} rx={12} />
        {model.alerts.length === 0 && (
          <text className="layer-detail" x={OUT.x + OUT.w / 2} y={OUT.y + OUT.h / 2} textAnchor="middle">
            no alert yet
          </text>
        )}
        {model.alerts.map((a, i) => {
          const y = OUT.y + 14 + i * (ALERT_ROW + 10);
          return (
            <g key={a.key} data-testid="pipeline-alert" data-card={a.card} data-new={a.isNew} data-box>
              <rect
                className={a.isNew ? 'alert new' : 'alert'}
                x={OUT.x + 12}
                y={y}
                width={OUT.w - 24}
                height={ALERT_ROW}
                rx={8}
              />
              <text className="alert-card" x={OUT.x + 28} y={y + ALERT_ROW / 2} dominantBaseline="central">
                ⚠ {maskedCard(a.card).slice(-4)}
              </text>
              <text
                className="alert-count"
                x={OUT.x + OUT.w - 28}
                y={y + ALERT_ROW / 2}
                textAnchor="end"
                dominantBaseline="central"
              >
                {a.count} attempts
              </text>
            </g>
          );
        })}
        <text className="callout-text" x={OUT.x + OUT.w} y={OUT.y + OUT.h + 34} textAnchor="end">
          {newAlerts === 0
            ? 'no new alert this step'
            : `${newAlerts} new alert${newAlerts > 1 ? 's' : ''} this step`}
        </text>
      </g>
    </svg>
  );
}

/**
 * The metrics an operator watches, beside the picture: each metric under its JMX name with its value at the
 * end of the step, its change since the previous step (arrow and delta, red when it is bad) and a sparkline
 * over the scene's time. The values are the engine's selectors sampled over the scene's run
 * (src/ui/store/metrics-history.ts); this only draws them. Each name's title is its one-line tooltip.
 */
import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { Fragment } from 'react';
import type { MetricReading } from '../../../engine';
import type { MetricSample, MetricsHistory } from '../../store/metrics-history';
import { type Change, changeOf, formatValue, groupRows, seriesOf } from './metrics-rows';
import './metrics.css';

const SPARK_W = 46;
const SPARK_H = 20;

const SECTION_TITLES: Record<MetricReading['section'], (windowMs: number) => string> = {
  cluster: () => 'Cluster',
  broker: () => 'Per broker',
  rate: (w) => `Rates per second, last ${w >= 1000 ? `${w / 1000} s` : `${w} ms`}`,
  group: () => 'Consumer groups',
};

const ARROWS = { up: '▲', down: '▼', changed: '◆', same: '' } as const;

function Delta({ change }: { change: Change }) {
  if (change.trend === 'same') return <span className="metric-delta same">·</span>;
  return (
    <span className={`metric-delta ${change.bad ? 'bad' : 'good'}`} data-testid="metric-delta">
      {ARROWS[change.trend]}
      {change.text}
    </span>
  );
}

function Sparkline({ samples, id }: { samples: readonly MetricSample[]; id: string }) {
  const series = seriesOf(samples, id);
  // One sample (a first step with no commands) is drawn as a short flat line: the value so far.
  const points = series.length === 1 ? [series[0]!, { ...series[0]!, atMs: series[0]!.atMs + 1 }] : series;
  const numbers = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (points.length < 2 || numbers.length === 0)
    return <svg className="sparkline" aria-hidden="true" width={SPARK_W} height={SPARK_H} />;
  const first = points[0]!.atMs;
  const last = Math.max(first + 1, points.at(-1)!.atMs);
  const x = scaleLinear()
    .domain([first, last])
    .range([1, SPARK_W - 1]);
  const y = scaleLinear()
    .domain([Math.min(0, ...numbers), Math.max(1, ...numbers)])
    .range([SPARK_H - 2, 2]);
  const path = line<{ atMs: number; value: number | null }>()
    .defined((p) => p.value !== null)
    .x((p) => x(p.atMs))
    .y((p) => y(p.value ?? 0))
    .curve(curveStepAfter)(points);
  return (
    <svg className="sparkline" aria-hidden="true" width={SPARK_W} height={SPARK_H}>
      <path d={path ?? ''} />
    </svg>
  );
}

function Row({
  readings,
  history,
  subjectAbove = false,
}: {
  readings: MetricReading[];
  history: MetricsHistory;
  /** The group's name heads its rows (a long one would squeeze the metric's name out of its cell). */
  subjectAbove?: boolean;
}) {
  const r = readings[0]!;
  if (r.section === 'broker') {
    const spoken = readings.map((b) => `broker ${b.subject} ${formatValue(b.value)}`).join(', ');
    return (
      <tr data-metric={r.name} aria-label={`${r.name}: ${spoken}`}>
        <th scope="row" title={r.tooltip}>
          {r.name}
        </th>
        <td colSpan={3} className="metric-brokers">
          {readings.map((b) => {
            // Per broker only the arrow: the value beside it says how much (a broker down reads "—").
            const change = changeOf(b.value, history.previous[b.id], b.badWhen);
            const arrow = b.value !== null && (change.trend === 'up' || change.trend === 'down');
            return (
              <span key={b.id} className={b.value === null ? 'metric-broker down' : 'metric-broker'}>
                {b.subject}&nbsp;<span className="metric-value">{formatValue(b.value)}</span>
                {arrow && <span className="metric-delta good">{ARROWS[change.trend]}</span>}
              </span>
            );
          })}
        </td>
      </tr>
    );
  }
  const change = changeOf(r.value, history.previous[r.id], r.badWhen);
  const name = r.subject ? `${r.name} (${r.subject})` : r.name;
  const shown = subjectAbove ? r.name : name;
  if (typeof r.value === 'string') return <StateRow reading={r} name={name} shown={shown} change={change} />;
  return (
    <tr
      data-metric={r.id}
      aria-label={`${name}: ${formatValue(r.value, r.unit)}${change.text ? `, ${change.trend} ${change.text} since the previous step` : ''}`}
    >
      <th scope="row" title={r.tooltip}>
        {shown}
      </th>
      <td className="metric-value" data-testid={`metric-${r.id}`}>
        {formatValue(r.value, r.unit)}
      </td>
      <td>
        <Delta change={change} />
      </td>
      <td>
        <Sparkline samples={history.samples} id={r.id} />
      </td>
    </tr>
  );
}

/** A state (a group's): the word spans the value and delta columns, red when it changed, with what it was. */
function StateRow({
  reading,
  name,
  shown,
  change,
}: {
  reading: MetricReading;
  name: string;
  shown: string;
  change: Change;
}) {
  const value = formatValue(reading.value);
  return (
    <tr data-metric={reading.id} aria-label={`${name}: ${value}${change.text ? `, ${change.text}` : ''}`}>
      <th scope="row" title={reading.tooltip}>
        {shown}
      </th>
      <td
        colSpan={3}
        className={`metric-value${change.bad ? ' metric-delta bad' : ''}`}
        data-testid={`metric-${reading.id}`}
        title={change.text || undefined}
      >
        {value}
      </td>
    </tr>
  );
}

/** Reality mode: metrics the real cluster does not expose, each named with why (never a made-up value). */
function Unavailable({ metrics }: { metrics: readonly { name: string; why: string }[] }) {
  return (
    <tbody data-testid="metrics-unavailable">
      <tr className="metric-section">
        <th colSpan={4} scope="colgroup">
          Not available from this cluster
        </th>
      </tr>
      <tr>
        <td colSpan={4} className="metric-unavailable">
          {metrics.map((m, i) => (
            <span key={m.name} data-metric={m.name} title={m.why}>
              {m.name}
              {i < metrics.length - 1 ? ', ' : ''}
            </span>
          ))}
        </td>
      </tr>
    </tbody>
  );
}

export function MetricsPanel({
  history,
  unavailable,
}: {
  history: MetricsHistory;
  unavailable?: readonly { name: string; why: string }[];
}) {
  const rows = groupRows(history.rows);
  const sections = [...new Set(rows.map((g) => g[0]!.section))];
  return (
    // It scrolls when a large cluster's rows outgrow it: a scrolling region is reachable by keyboard.
    <aside
      className="metrics-panel"
      data-testid="metrics-panel"
      aria-label="Operator metrics (JMX)"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe)
      tabIndex={0}
    >
      <table>
        <colgroup>
          <col />
          <col className="metric-value-col" />
          <col className="metric-delta-col" />
          <col className="metric-spark-col" />
        </colgroup>
        {sections.map((section) => (
          <tbody key={section}>
            <tr className="metric-section">
              <th colSpan={4} scope="colgroup">
                {SECTION_TITLES[section](history.windowMs)}
              </th>
            </tr>
            {rows
              .filter((g) => g[0]!.section === section)
              .map((g, i, all) => {
                const r = g[0]!;
                // Group metrics come per group: the group's name heads them once, on a row of its own.
                const subjectAbove = section === 'group' && r.subject !== undefined;
                const heading = subjectAbove && all[i - 1]?.[0]?.subject !== r.subject;
                return (
                  <Fragment key={r.id}>
                    {heading && (
                      <tr className="metric-subject">
                        <th colSpan={4} scope="rowgroup">
                          {r.subject}
                        </th>
                      </tr>
                    )}
                    <Row readings={g} history={history} subjectAbove={subjectAbove} />
                  </Fragment>
                );
              })}
          </tbody>
        ))}
        {unavailable && unavailable.length > 0 && <Unavailable metrics={unavailable} />}
      </table>
    </aside>
  );
}

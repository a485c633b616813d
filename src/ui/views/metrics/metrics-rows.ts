/**
 * What the metrics panel draws for each row, as plain data: the value as text, the change since the
 * previous step (arrow, delta, whether it is bad) and the sparkline's points. Pure, so it is tested alone.
 */
import type { BadWhen, MetricReading } from '../../../engine';
import type { MetricSample, MetricValue } from '../../store/metrics-history';

export type Trend = 'up' | 'down' | 'changed' | 'same';

export interface Change {
  readonly trend: Trend;
  /** "+1", "−10", "Stable → PreparingRebalance", or "" when unchanged. */
  readonly text: string;
  readonly bad: boolean;
}

/** Short enough for the panel's value column: 1.2k, 35k. */
function number(v: number): string {
  const a = Math.abs(v);
  if (a >= 10_000) return `${Math.round(v / 1000)}k`;
  if (a >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function formatValue(v: MetricValue, unit?: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return unit ? `${number(v)}${unit}` : number(v);
}

export function changeOf(now: MetricValue, before: MetricValue | undefined, badWhen: BadWhen): Change {
  if (before === undefined || now === before) return { trend: 'same', text: '', bad: false };
  if (typeof now === 'number' && typeof before === 'number') {
    const d = now - before;
    const trend: Trend = d > 0 ? 'up' : 'down';
    const bad = badWhen === 'change' || badWhen === trend;
    return { trend, text: `${d > 0 ? '+' : '−'}${number(Math.abs(d))}`, bad };
  }
  return { trend: 'changed', text: `was ${formatValue(before)}`, bad: badWhen !== 'none' };
}

/** A row's numeric series over the samples (non-numbers as gaps). */
export function seriesOf(
  samples: readonly MetricSample[],
  id: string,
): { atMs: number; value: number | null }[] {
  return samples.map((s) => {
    const v = s.values[id];
    return { atMs: s.atMs, value: typeof v === 'number' ? v : null };
  });
}

/** Per-broker gauges share one row: their readings grouped by name, in broker order. */
export function groupRows(rows: readonly MetricReading[]): MetricReading[][] {
  const out: MetricReading[][] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (r.section === 'broker' && last?.[0]?.section === 'broker' && last[0].name === r.name) last.push(r);
    else out.push([r]);
  }
  return out;
}

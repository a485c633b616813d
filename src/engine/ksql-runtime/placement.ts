/**
 * Where a record goes in a query: its GROUP BY key and the window(s) it updates. Computed by the engine so
 * that views draw it from events instead of re-deriving ksqlDB's rules.
 */
import type { OutputRow } from '../ksql';
import type { QueryPlan } from '../ksql/plan';
import { buildInputRow, type InRecord } from '../ksql/rows';
import { windowStartsFor } from '../ksql/windows';
import type { WindowBounds } from './types';

export interface Placement {
  readonly key: Record<string, unknown> | null;
  readonly windows: readonly WindowBounds[];
  /** The timestamp the query uses (ROWTIME, or the TIMESTAMP column), or null when it skipped the record. */
  readonly ts: number | null;
}

export function placeRecord(plan: QueryPlan, rec: InRecord, outputs: readonly OutputRow[]): Placement {
  const input = buildInputRow(plan.source, rec);
  if (input === null) return { key: null, windows: [], ts: null };
  const { row, ts } = input;
  const nowhere: Placement = { key: null, windows: [], ts };
  if (plan.kind === 'projection') return nowhere;
  // The same filters as the processor: WHERE first, then rows with a NULL GROUP BY value are excluded.
  if (plan.where !== null && plan.where(row) !== true) return nowhere;
  const key: Record<string, unknown> = {};
  for (let i = 0; i < plan.groupBy.length; i++) {
    const v = row[plan.groupBy[i]!];
    if (v === null || v === undefined) return nowhere;
    key[plan.keyNames[i]!] = v;
  }
  const w = plan.window;
  if (w === null) return { key, windows: [], ts };
  if (w.kind === 'time')
    return {
      key,
      windows: windowStartsFor(ts, w.sizeMs, w.advanceMs).map((start) => ({ start, end: start + w.sizeMs })),
      ts,
    };
  // A session's bounds are known only after merging: the row the processor emitted for this key says.
  const same = JSON.stringify(key);
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!;
    if (o.value !== null && o.windowStart !== undefined && JSON.stringify(o.key) === same)
      return { key, windows: [{ start: o.windowStart, end: o.windowEnd ?? o.windowStart }], ts };
  }
  return { key, windows: [{ start: ts, end: ts }], ts };
}

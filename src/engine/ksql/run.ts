/**
 * runKsql: a whole input at once, on the same incremental path as processRecord (issue 6, point 4). Sources the
 * script reads without declaring take their columns from the inputs. Records of several sources are taken in
 * timestamp order, each source keeping its own order (as a Kafka Streams task picks the partition whose head
 * record has the lowest timestamp), so out-of-order records stay out of order.
 */
import type { KsqlError } from './errors';
import type { SqlType } from './expressions';
import { newEdit } from './hamt';
import { parseScript } from './parser';
import type { CompiledQuery, SourceColumn } from './plan';
import { planScript } from './planner';
import { feed, resolveSource } from './processor';
import type { InputRecord, OutputRow } from './rows';
import { initialQueryState } from './state';

export interface RunRow {
  ts: number;
  key: Record<string, unknown>;
  windowStart?: number;
  windowEnd?: number;
  value: Record<string, unknown> | null;
}

export type RunResult =
  | { ok: true; outputs: Record<string, RunRow[]>; warnings: string[]; late: number }
  | { ok: false; error: KsqlError };

type Inputs = Record<string, readonly InputRecord[]>;

function typeOfValues(values: unknown[]): SqlType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'ANY';
  if (present.every((v) => typeof v === 'number'))
    return present.every((v) => Number.isInteger(v)) ? 'INTEGER' : 'DOUBLE';
  if (present.every((v) => typeof v === 'string')) return 'STRING';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'ANY';
}

/** Columns from the inputs: every value field (upper-cased; first appearance order), typed from its values. */
export function inferSources(inputs: Inputs): Record<string, SourceColumn[]> {
  const out: Record<string, SourceColumn[]> = {};
  for (const [name, records] of Object.entries(inputs)) {
    const fields = new Map<string, { raw: Set<string>; values: unknown[] }>();
    let keyed = false;
    for (const r of Array.isArray(records) ? records : []) {
      if (r?.key !== undefined && r.key !== null) keyed = true;
      const value = r?.value;
      if (value === null || typeof value !== 'object') continue;
      for (const [k, v] of Object.entries(value)) {
        const upper = k.toUpperCase();
        const f = fields.get(upper) ?? { raw: new Set<string>(), values: [] };
        f.raw.add(k);
        f.values.push(v);
        fields.set(upper, f);
      }
    }
    const columns: SourceColumn[] = [];
    if (keyed && !fields.has('ROWKEY'))
      columns.push({ name: 'ROWKEY', type: 'STRING', key: true, fields: ['ROWKEY'] });
    for (const [upper, f] of fields)
      columns.push({ name: upper, type: typeOfValues(f.values), key: false, fields: [...f.raw] });
    out[name] = columns;
  }
  return out;
}

/** The next record in timestamp order across sources; ties go to the source listed first. */
function nextSource(lists: readonly (readonly InputRecord[])[], cursors: number[]): number {
  let best = -1;
  let bestTs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < lists.length; i++) {
    const r = lists[i]![cursors[i]!];
    if (r === undefined) continue;
    const ts = typeof r.ts === 'number' && !Number.isNaN(r.ts) ? r.ts : Number.NEGATIVE_INFINITY;
    if (best < 0 || ts < bestTs) {
      best = i;
      bestTs = ts;
    }
  }
  return best;
}

/**
 * Runs a compiled script over whole inputs. The batch owns its intermediate states (nobody else ever sees them),
 * so it keeps one array of query states and updates it in place, and entries under its transient edit too.
 */
export function runCompiled(
  query: CompiledQuery,
  inputs: Inputs,
): { outputs: Record<string, RunRow[]>; late: number } {
  const outputs: Record<string, RunRow[]> = {};
  for (const sink of query.sinks) outputs[sink] = [];
  const names = Object.keys(inputs).filter(
    (n) => Array.isArray(inputs[n]) && query.lookup[n.toLowerCase()] !== undefined,
  );
  const lists = names.map((n) => inputs[n]!);
  const sources = names.map((n) => resolveSource(query, n));
  const cursors = names.map(() => 0);
  const edit = newEdit();
  const queries = initialQueryState(query).queries.slice();
  const rows: OutputRow[] = [];
  let late = 0;
  const single = names.length === 1;
  for (;;) {
    const i = single ? (cursors[0]! < lists[0]!.length ? 0 : -1) : nextSource(lists, cursors);
    if (i < 0) break;
    const record = lists[i]![cursors[i]!]!;
    cursors[i]!++;
    const source = sources[i];
    if (source === undefined) continue;
    if (feed(query, queries, source, record ?? { ts: Number.NaN, value: {} }, edit, rows)) late++;
    if (rows.length === 0) continue;
    for (const row of rows) {
      const { sink, ...rest } = row;
      outputs[sink]?.push(rest);
    }
    rows.length = 0;
  }
  return { outputs, late };
}

export function runKsql(script: string, inputs: Inputs, options: { strict?: boolean } = {}): RunResult {
  const safeInputs: Inputs = inputs !== null && typeof inputs === 'object' ? inputs : {};
  const statements = parseScript(script);
  if (!statements.ok) return statements;
  const plan = planScript(statements.value, {
    strict: options?.strict === true,
    sources: inferSources(safeInputs),
  });
  if (!plan.ok) return plan;
  const { outputs, late } = runCompiled(plan.value, safeInputs);
  return { ok: true, outputs, warnings: plan.value.warnings, late };
}

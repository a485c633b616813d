/**
 * Records in, rows out: reading a record into the slots a plan expects, and turning an aggregate entry into the
 * output row (or the tombstone) that EMIT CHANGES / EMIT FINAL forward.
 */
import type { Row } from './expressions';
import type { AggregatePlan, SourceDef } from './plan';
import type { Entry } from './state';

/** A record as the simulator produces it. */
export interface InputRecord {
  ts: number;
  key?: string | null;
  value: Record<string, unknown>;
}

/** A record inside the engine: a derived stream's record carries its key columns by name. */
export interface InRecord {
  ts: number;
  key?: unknown;
  keyObject?: Record<string, unknown>;
  value: Record<string, unknown> | null;
}

/** A row a query emits. `value: null` is a tombstone (a retracted or merged-away row). */
export interface OutputRow {
  sink: string;
  ts: number;
  key: Record<string, unknown>;
  windowStart?: number;
  windowEnd?: number;
  value: Record<string, unknown> | null;
}

function readField(value: Record<string, unknown>, fields: readonly string[]): unknown {
  for (let i = 0; i < fields.length; i++) {
    const v = value[fields[i]!];
    if (v !== undefined) return v;
  }
  // JSON field names match case-insensitively: the slow path, for spellings like Card_Number.
  const upper = fields[0]!.toUpperCase();
  for (const k of Object.keys(value)) if (k.toUpperCase() === upper) return value[k] ?? null;
  return null;
}

function keyValue(key: unknown, numeric: boolean): unknown {
  if (key === undefined) return null;
  if (numeric && typeof key === 'string' && key.trim() !== '' && Number.isFinite(Number(key)))
    return Number(key);
  return key;
}

/**
 * The input row (source columns, then ROWTIME) and the record's timestamp, or null when the record cannot be
 * processed: no value (a stream ignores tombstones), or no usable timestamp (ksqlDB drops those records).
 */
export function buildInputRow(source: SourceDef, rec: InRecord): { row: Row; ts: number } | null {
  const value = rec.value;
  if (value === null || typeof value !== 'object') return null;
  const cols = source.columns;
  const row: Row = new Array(cols.length + 1);
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    if (!c.key) row[i] = readField(value, c.fields);
    else if (rec.keyObject) row[i] = rec.keyObject[c.name] ?? null;
    else row[i] = keyValue(rec.key, c.type === 'INTEGER' || c.type === 'DOUBLE');
  }
  const ts = source.timestampIndex >= 0 ? row[source.timestampIndex] : rec.ts;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return null;
  row[cols.length] = ts;
  return { row, ts };
}

/** One string per distinct key; the type prefix keeps 1 and '1' apart in a column of unknown type. */
export function keyStringOf(values: readonly unknown[]): string {
  if (values.length === 1) return keyPart(values[0]);
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i > 0 ? '\u0000' : '') + keyPart(values[i]);
  return s;
}

function keyPart(v: unknown): string {
  return typeof v === 'string' ? v : `\u0001${typeof v}:${String(v)}`;
}

export function postRow(
  plan: AggregatePlan,
  group: readonly unknown[],
  accs: readonly unknown[],
  start: number,
  end: number,
): Row {
  // Slots POST_WINDOWSTART, POST_WINDOWEND, then POST_GROUP onwards.
  const row: Row = [start, end];
  for (let i = 0; i < group.length; i++) row.push(group[i]);
  for (let i = 0; i < accs.length; i++) row.push(plan.aggs[i]!.fn.result(accs[i]));
  return row;
}

export function passesHaving(plan: AggregatePlan, post: Row): boolean {
  return plan.having === null || plan.having(post) === true;
}

export function outputRow(plan: AggregatePlan, e: Entry, post: Row | null): OutputRow {
  const key: Record<string, unknown> = {};
  for (let i = 0; i < plan.keyNames.length; i++) key[plan.keyNames[i]!] = e.group[i];
  let value: Record<string, unknown> | null = null;
  if (post !== null) {
    value = {};
    for (const item of plan.valueItems) value[item.name] = item.evaluate(post);
  }
  const row: OutputRow = { sink: plan.sink, ts: e.ts, key, value };
  if (plan.window !== null) {
    row.windowStart = e.start;
    row.windowEnd = e.end;
  }
  return row;
}

/** The accumulators after one more input row. */
export function addToAccs(plan: AggregatePlan, prev: readonly unknown[] | undefined, row: Row): unknown[] {
  const aggs = plan.aggs;
  const next: unknown[] = [];
  for (let i = 0; i < aggs.length; i++) {
    const a = aggs[i]!;
    next.push(a.fn.add(prev === undefined ? a.fn.init() : prev[i], a.arg === null ? null : a.arg(row)));
  }
  return next;
}

/**
 * EMIT CHANGES through HAVING, a table filter (KAFKA-DETAILS 4.4; QTT having.json "table having"): a row that
 * passes is emitted; one that passed before and no longer does is retracted with a tombstone; otherwise nothing.
 * Returns whether the entry now passes.
 */
export function emitChange(plan: AggregatePlan, e: Entry, passedBefore: boolean, out: OutputRow[]): boolean {
  const post = postRow(plan, e.group, e.accs, e.start, e.end);
  if (passesHaving(plan, post)) {
    out.push(outputRow(plan, e, post));
    return true;
  }
  if (passedBefore) out.push(outputRow(plan, e, null));
  return false;
}

/** EMIT FINAL: one row for a closed window, if it passes HAVING. */
export function emitFinal(plan: AggregatePlan, e: Entry, out: OutputRow[]): void {
  const post = postRow(plan, e.group, e.accs, e.start, e.end);
  if (passesHaving(plan, post)) out.push(outputRow(plan, e, post));
}

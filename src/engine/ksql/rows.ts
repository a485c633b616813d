/**
 * Records in, rows out: reading a record into the slots a plan expects, and turning an aggregate entry into the
 * output row (or the tombstone) that EMIT CHANGES / EMIT FINAL forward.
 */
import { accAt, groupAt } from './entry-values';
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
  const row = readInputRow(source, rec, null);
  return row === null ? null : { row, ts: row[source.columns.length] as number };
}

/**
 * buildInputRow without the pair, as the processor calls it per record: the timestamp is the last slot
 * (ROWTIME). With `columns`, only those source columns are read; null reads them all.
 */
export function readInputRow(
  source: SourceDef,
  rec: InRecord,
  columns: readonly number[] | null,
): Row | null {
  const value = rec.value;
  if (value === null || typeof value !== 'object') return null;
  const cols = source.columns;
  const row: Row = new Array(cols.length + 1);
  const n = columns === null ? cols.length : columns.length;
  for (let j = 0; j < n; j++) {
    const i = columns === null ? j : columns[j]!;
    const c = cols[i]!;
    if (!c.key) row[i] = readField(value, c.fields);
    else if (rec.keyObject) row[i] = rec.keyObject[c.name] ?? null;
    else row[i] = keyValue(rec.key, c.type === 'INTEGER' || c.type === 'DOUBLE');
  }
  const ts = source.timestampIndex >= 0 ? row[source.timestampIndex] : rec.ts;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return null;
  row[cols.length] = ts;
  return row;
}

/**
 * The GROUP BY values as one string per distinct key, read straight from the row (no array per record), or null
 * when one of them is NULL. The type prefix keeps 1 and '1' apart in a column of unknown type.
 */
export function groupKeyOf(row: Row, groupBy: readonly number[]): string | null {
  if (groupBy.length === 1) {
    const v = row[groupBy[0]!];
    return v === null || v === undefined ? null : keyPart(v);
  }
  let s = '';
  for (let i = 0; i < groupBy.length; i++) {
    const v = row[groupBy[i]!];
    if (v === null || v === undefined) return null;
    s += (i > 0 ? '\u0000' : '') + keyPart(v);
  }
  return s;
}

function keyPart(v: unknown): string {
  return typeof v === 'string' ? v : `\u0001${typeof v}:${String(v)}`;
}

/**
 * The row SELECT and HAVING see. `start` and `end` are the window's bounds (0 without a window); they are passed
 * in rather than kept on the entry, since a time window's entries share them.
 */
export function postRow(plan: AggregatePlan, e: Entry, start: number, end: number): Row {
  const groups = plan.groupBy.length;
  const aggs = plan.aggs;
  // Slots POST_WINDOWSTART, POST_WINDOWEND, then POST_GROUP onwards; sized once, as it is built per record.
  const row: Row = new Array(2 + groups + aggs.length);
  row[0] = start;
  row[1] = end;
  for (let i = 0; i < groups; i++) row[2 + i] = groupAt(plan, e.group, i);
  for (let i = 0; i < aggs.length; i++) row[2 + groups + i] = aggs[i]!.fn.result(accAt(plan, e.accs, i));
  return row;
}

export function passesHaving(plan: AggregatePlan, post: Row): boolean {
  return plan.having === null || plan.having(post) === true;
}

export function outputRow(
  plan: AggregatePlan,
  e: Entry,
  start: number,
  end: number,
  post: Row | null,
): OutputRow {
  const key: Record<string, unknown> = {};
  for (let i = 0; i < plan.keyNames.length; i++) key[plan.keyNames[i]!] = groupAt(plan, e.group, i);
  let value: Record<string, unknown> | null = null;
  if (post !== null) {
    value = {};
    for (const item of plan.valueItems) value[item.name] = item.evaluate(post);
  }
  const row: OutputRow = { sink: plan.sink, ts: e.ts, key, value };
  if (plan.window !== null) {
    row.windowStart = start;
    row.windowEnd = end;
  }
  return row;
}

/**
 * EMIT CHANGES through HAVING, a table filter (KAFKA-DETAILS 4.4; QTT having.json "table having"): a row that
 * passes is emitted; one that passed before and no longer does is retracted with a tombstone; otherwise nothing.
 * Returns whether the entry now passes.
 */
export function emitChange(
  plan: AggregatePlan,
  e: Entry,
  start: number,
  end: number,
  passedBefore: boolean,
  out: OutputRow[],
): boolean {
  const post = postRow(plan, e, start, end);
  if (passesHaving(plan, post)) {
    out.push(outputRow(plan, e, start, end, post));
    return true;
  }
  if (passedBefore) out.push(outputRow(plan, e, start, end, null));
  return false;
}

/** EMIT FINAL: one row for a closed window, if it passes HAVING. */
export function emitFinal(plan: AggregatePlan, e: Entry, start: number, end: number, out: OutputRow[]): void {
  const post = postRow(plan, e, start, end);
  if (passesHaving(plan, post)) out.push(outputRow(plan, e, start, end, post));
}

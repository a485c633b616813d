/**
 * One record through a compiled script: every query reading its source processes it, and the rows of a STREAM
 * sink flow on to the queries reading that sink. The state passed in is never changed (copy-on-write; with an
 * `edit` token, only nodes created under that token are reused in place: see hamt.ts).
 */

import type { Row } from './expressions';
import type { Edit } from './hamt';
import type { CompiledQuery, ProjectionPlan, QueryPlan } from './plan';
import { processSession } from './process-session';
import { processGlobal, processTime } from './process-time';
import { groupKeyOf, type InRecord, type OutputRow, readInputRow } from './rows';
import type { QueryState, ScriptState } from './state';

export interface ProcessResult {
  state: ScriptState;
  outputs: OutputRow[];
  /** True when a windowed aggregation dropped the record from a window that had closed (KAFKA-DETAILS 4.3). */
  late: boolean;
}

function project(plan: ProjectionPlan, row: Row, ts: number): OutputRow {
  const key: Record<string, unknown> = {};
  for (const k of plan.keyItems) key[k.name] = k.evaluate(row);
  const value: Record<string, unknown> = {};
  for (const v of plan.valueItems) value[v.name] = v.evaluate(row);
  return { sink: plan.sink, ts, key, value };
}

/** Runs one query on a record, storing its next state in queries[qi]; returns whether the record was late. */
function runQuery(
  plan: QueryPlan,
  queries: QueryState[],
  qi: number,
  rec: InRecord,
  edit: Edit,
  out: OutputRow[],
): boolean {
  const qs = queries[qi]!;
  const row = readInputRow(plan.source, rec, plan.readColumns);
  if (row === null) return false;
  const ts = row[plan.source.columns.length] as number;
  // WHERE filters before the aggregation: a filtered record neither counts nor moves stream time.
  if (plan.where !== null && plan.where(row) !== true) return false;
  if (plan.kind === 'projection') {
    out.push(project(plan, row, ts));
    return false;
  }
  // QTT group-by.json: a row whose GROUP BY value is NULL is excluded before the repartition, so it is
  // neither counted nor late and does not move stream time.
  const key = groupKeyOf(row, plan.groupBy);
  if (key === null) return false;
  let r: { state: QueryState; late: boolean };
  switch (qs.kind) {
    case 'global':
      queries[qi] = processGlobal(plan, qs, row, ts, key, edit, out);
      return false;
    case 'time':
      r = processTime(plan, qs, row, ts, key, edit, out);
      break;
    case 'session':
      r = processSession(plan, qs, row, ts, key, edit, out);
      break;
    default:
      return false;
  }
  queries[qi] = r.state;
  return r.late;
}

/**
 * Runs the queries reading `source`, then feeds the rows of STREAM sinks to the queries reading them. `queries`
 * belongs to the caller and is updated in place: applyRecord passes a copy, runKsql's batch loop its own array.
 * Returns whether a windowed aggregation dropped the record as late.
 */
export function feed(
  compiled: CompiledQuery,
  queries: QueryState[],
  source: string,
  rec: InRecord,
  edit: Edit,
  outputs: OutputRow[],
): boolean {
  let late = false;
  const consumers = compiled.consumers[source];
  if (consumers === undefined) return false;
  for (let c = 0; c < consumers.length; c++) {
    const qi = consumers[c]!;
    const plan = compiled.queries[qi]!;
    const before = outputs.length;
    if (runQuery(plan, queries, qi, rec, edit, outputs)) late = true;
    if (plan.sinkType !== 'STREAM' || compiled.consumers[plan.sink] === undefined) continue;
    const after = outputs.length;
    for (let i = before; i < after; i++) {
      const row = outputs[i]!;
      if (
        feed(
          compiled,
          queries,
          plan.sink,
          { ts: row.ts, keyObject: row.key, value: row.value },
          edit,
          outputs,
        )
      )
        late = true;
    }
  }
  return late;
}

/** The source a record of `sourceName` feeds (matched case-insensitively by name or topic), if any. */
export function resolveSource(compiled: CompiledQuery, sourceName: string): string | undefined {
  // Lookup keys are lower-case: try the name as given before allocating a lower-cased copy.
  return compiled.lookup[sourceName] ?? compiled.lookup[String(sourceName).toLowerCase()];
}

/** processRecord: one record, the state given left as it was. runKsql calls `feed` directly. */
export function applyRecord(
  compiled: CompiledQuery,
  state: ScriptState,
  sourceName: string,
  record: InRecord,
  edit: Edit,
): ProcessResult {
  const name = resolveSource(compiled, sourceName);
  const outputs: OutputRow[] = [];
  if (name === undefined) return { state, outputs, late: false };
  const queries = state.queries.slice();
  const late = feed(compiled, queries, name, record, edit, outputs);
  return { state: { queries }, outputs, late };
}

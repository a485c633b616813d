/**
 * Kafka Stage's ksqlDB subset (issue 6): parse, plan, interpret; deterministic and pure, and nothing throws.
 *
 * Two ways in, one implementation:
 * - `compileKsql` once, then `initialQueryState` and `processRecord` per record inside the simulation (the state
 *   is persistent, so old states stay valid for time travel);
 * - `runKsql` for a whole input at once, built on the same path.
 *
 * Output names are upper-case as ksqlDB stores them (POSSIBLE_FRAUD); a bare push query's rows go under
 * PUSH_QUERY (then PUSH_QUERY_2, ...). A row's `key` holds the GROUP BY columns (a selected GROUP BY column is
 * only in the key, as in ksqlDB), `value` the other select items, `value: null` a tombstone.
 */
import type { KsqlError } from './errors';
import { parseScript } from './parser';
import type { CompiledQuery } from './plan';
import { type PlanOptions, planScript } from './planner';
import { applyRecord, type ProcessResult } from './processor';
import type { InputRecord } from './rows';
import type { ScriptState } from './state';

export type { KsqlError } from './errors';
export type { CompiledQuery } from './plan';
export { PUSH_QUERY_SINK } from './planner';
export type { ProcessResult } from './processor';
export type { InputRecord, OutputRow } from './rows';
export { inferSources, type RunResult, type RunRow, runCompiled, runKsql } from './run';
export type { ScriptState as QueryState } from './state';
export { initialQueryState } from './state';

export interface KsqlOptions {
  /** Report ksqlDB's own errors where it would reject a statement, instead of running it with a warning. */
  strict?: boolean;
  /** Columns of sources the script reads without declaring them (runKsql infers them from its inputs). */
  sources?: PlanOptions['sources'];
}

export type CompileResult = { ok: true; query: CompiledQuery } | { ok: false; error: KsqlError };

export function compileKsql(script: string, options: KsqlOptions = {}): CompileResult {
  const statements = parseScript(script);
  if (!statements.ok) return statements;
  const plan = planScript(statements.value, {
    strict: options.strict === true,
    sources: options.sources ?? {},
  });
  if (!plan.ok) return plan;
  return { ok: true, query: plan.value };
}

/** One record of one source (matched case-insensitively by name or topic); an unknown source changes nothing. */
export function processRecord(
  query: CompiledQuery,
  state: ScriptState,
  sourceName: string,
  record: InputRecord,
): ProcessResult {
  return applyRecord(query, state, sourceName, record, null);
}

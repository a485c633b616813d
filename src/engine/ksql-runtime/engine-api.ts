/**
 * The ksql engine as the runtime calls it. The compiler and processor (ksql/) are most of the engine's code
 * and only the stream scenes use them, so the app loads them on demand (ksql-engine.ts is their chunk) and
 * passes the loaded engine to `step` in its environment, as TigerBeetle injects time: `step` stays a
 * function of its arguments. A runQuery stepped without the engine is refused with KSQL_NOT_READY
 * (ksqlDB's own answer while it starts); the app never computes such a step (it waits for the load, see
 * src/ui/store/ksql-loader.ts). The engine is pure and deterministic, so a run gives the same states
 * whichever copy of it is passed.
 */
import type { Command } from '../core/commands';
import type {
  CompiledQuery,
  CompileResult,
  InputRecord,
  OutputRow,
  ProcessResult,
  QueryState,
} from '../ksql';
import type { InRecord } from '../ksql/rows';
import type { QueryShape } from './describe';
import type { Placement } from './placement';

export interface KsqlEngine {
  /** Compiles a script (cached: a hit and a miss give equivalent queries). */
  compile(script: string, strict: boolean): CompileResult;
  initialQueryState(query: CompiledQuery): QueryState;
  processRecord(query: CompiledQuery, state: QueryState, source: string, record: InputRecord): ProcessResult;
  /** Where a record went in the query that reads its source: its key and windows. */
  placeRecord(
    plan: CompiledQuery['queries'][number],
    record: InRecord,
    outputs: readonly OutputRow[],
  ): Placement;
  /** The output column holding COUNT(*) of the script's first query, if any. */
  countColumn(script: string): string | null;
  /** What a view needs to know of a query's text (its window, HAVING, clauses), read from its syntax tree. */
  describe(script: string): QueryShape | null;
}

/** Whether running these commands calls the ksql engine. */
export function needsKsqlEngine(commands: readonly Command[]): boolean {
  return commands.some((c) => c.type === 'runQuery');
}

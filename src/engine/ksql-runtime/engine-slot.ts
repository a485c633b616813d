/**
 * The ksql engine as the runtime calls it, behind one slot. The compiler and processor (ksql/) are most of
 * the engine's code and only the stream scenes use them, so the app loads them on demand and installs them
 * here; node (tests, the bench) installs them at start. The slot only ever holds `ksqlEngine`
 * (ksql-engine.ts), which is pure and deterministic, so what a run computes does not depend on when it was
 * installed: a step that needs it before it is installed is refused (ksqlDB's own answer while it starts),
 * and the app never computes such a step (it waits for the load, see src/ui/store/ksql-loader.ts).
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

let installed: KsqlEngine | null = null;

export function installKsqlEngine(engine: KsqlEngine): void {
  installed = engine;
}

export function ksqlEngineInstalled(): KsqlEngine | null {
  return installed;
}

/** Whether running these commands calls the ksql engine. */
export function needsKsqlEngine(commands: readonly Command[]): boolean {
  return commands.some((c) => c.type === 'runQuery');
}

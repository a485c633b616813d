/**
 * What the planner produces: a script compiled to queries over row slots, ready for the processor. Plain data
 * plus closures; built once per script, never changed afterwards.
 */

import type { AggregateFn } from './aggregate';
import type { EmitMode, SourceType } from './ast';
import type { Evaluator, SqlType } from './expressions';
import type { WindowPlan } from './windows';

export interface SourceColumn {
  name: string;
  type: SqlType;
  key: boolean;
  /** Property names to try in a record value, in order (JSON field names match case-insensitively). */
  fields: string[];
}

export interface SourceDef {
  name: string;
  sourceType: SourceType;
  columns: SourceColumn[];
  topic?: string;
  /** Slot of the TIMESTAMP column from the WITH clause, or -1 for the record timestamp. */
  timestampIndex: number;
  /** Set when the source is the sink of an earlier statement of the script. */
  producedBy?: number;
}

export interface OutputItem {
  name: string;
  evaluate: Evaluator;
}

interface QueryCommon {
  index: number;
  /** Upper-case sink name (POSSIBLE_FRAUD), or PUSH_QUERY for a bare SELECT. */
  sink: string;
  sinkType: SourceType;
  source: SourceDef;
  /** Input row: the source columns, then ROWTIME. */
  inputWidth: number;
  /**
   * The source columns the query's expressions, GROUP BY and TIMESTAMP column use, ascending: the processor
   * reads only these from a record (a JSON field lookup each), and leaves the other slots of the row empty.
   */
  readColumns: number[];
  where: Evaluator | null;
}

export interface ProjectionPlan extends QueryCommon {
  kind: 'projection';
  keyItems: OutputItem[];
  valueItems: OutputItem[];
}

/** Slots of the row an aggregate's SELECT and HAVING see: WINDOWSTART, WINDOWEND, group values, aggregates. */
export const POST_WINDOWSTART = 0;
export const POST_WINDOWEND = 1;
export const POST_GROUP = 2;

export interface AggregateSlot {
  fn: AggregateFn;
  arg: Evaluator | null;
}

export interface AggregatePlan extends QueryCommon {
  kind: 'aggregate';
  /** Input slots of the GROUP BY columns. */
  groupBy: number[];
  /** Names of the key columns in output rows (the GROUP BY column, or its alias in the SELECT). */
  keyNames: string[];
  aggs: AggregateSlot[];
  window: WindowPlan | null;
  emit: EmitMode;
  having: Evaluator | null;
  valueItems: OutputItem[];
}

export type QueryPlan = ProjectionPlan | AggregatePlan;

/** A compiled script: its sources, its queries, and which queries read which source. */
export interface CompiledQuery {
  sources: Record<string, SourceDef>;
  /** Lower-case source name or topic -> source name. */
  lookup: Record<string, string>;
  queries: QueryPlan[];
  /** Source name -> indices of the queries reading it, in statement order. */
  consumers: Record<string, number[]>;
  /** Every sink, in statement order. */
  sinks: string[];
  warnings: string[];
}

/**
 * The incremental state of a compiled script: one entry per query, all of it persistent (hamt.ts), so that
 * processRecord never changes a state it was given and old states stay valid for time travel.
 */
import { type Edit, emptyHamt, emptyKeyedHamt, type Hamt, type KeyedHamt } from './hamt';
import type { CompiledQuery, QueryPlan } from './plan';

/** No record seen yet (Kafka's ConsumerRecord.NO_TIMESTAMP). */
export const NO_TIMESTAMP = -1;

/**
 * One aggregate: a key in a window (or a session, or no window). Immutable once published; only the owner of
 * the transient `edit` it was created under (runKsql's batch loop) may update it in place (see hamt.ts).
 * It is its own leaf in the state's trie (hash, key), and a time window's entries leave their bounds to the
 * window they sit in: each object and number kept here lives as long as the window (a day by default), and
 * those long-lived allocations are what the engine's throughput pays for in the garbage collector (issue 6).
 */
export interface Entry {
  readonly hash: number;
  /** The GROUP BY values as one string (groupKeyOf in rows.ts). */
  readonly key: string;
  /** The GROUP BY value, or an array of them for several columns (entry-values.ts). */
  readonly group: unknown;
  /** The accumulator, or an array of them for several aggregates (entry-values.ts). */
  accs: unknown;
  /** ROWTIME of the row: the largest record timestamp in the window (KStreamWindowAggregate). */
  ts: number;
  /** Whether the last row emitted for it passed HAVING, so that a row that stops passing is retracted. */
  passed: boolean;
  readonly edit: Edit;
}

/** A session carries its own bounds: its first and last record times. */
export interface SessionEntry extends Entry {
  readonly start: number;
  readonly end: number;
}

/** The one place an Entry is built, so that every entry has the same shape. */
export function newEntry(
  hash: number,
  key: string,
  group: unknown,
  accs: unknown,
  ts: number,
  passed: boolean,
  edit: Edit,
): Entry {
  return { hash, key, group, accs, ts, passed, edit };
}

export type QueryState =
  | { readonly kind: 'projection' }
  | { readonly kind: 'global'; readonly streamTime: number; readonly entries: KeyedHamt<string, Entry> }
  | {
      readonly kind: 'time';
      readonly streamTime: number;
      /** Window start -> key -> entry; a closed start is dropped whole. */
      readonly buckets: Hamt<number, KeyedHamt<string, Entry>>;
      /** Starts with a bucket, ascending: the close order. */
      readonly openStarts: readonly number[];
      /** The newest window start written (the EMIT FINAL store's clock). */
      readonly newestStart: number;
      /** The transient it was made under: runKsql's batch updates its own state in place (hamt.ts). */
      readonly edit: Edit;
    }
  | {
      readonly kind: 'session';
      readonly streamTime: number;
      /** Key -> its sessions, by start. */
      readonly sessions: Hamt<string, readonly SessionEntry[]>;
      /** The largest session end stored (the session store's clock). */
      readonly maxEnd: number;
      /** EMIT FINAL only: sessions not yet emitted, by end, start, key. */
      readonly pending: readonly SessionEntry[];
    };

export interface ScriptState {
  readonly queries: readonly QueryState[];
}

export function initialOneQueryState(plan: QueryPlan): QueryState {
  if (plan.kind === 'projection') return { kind: 'projection' };
  const w = plan.window;
  if (w === null) return { kind: 'global', streamTime: NO_TIMESTAMP, entries: emptyKeyedHamt() };
  if (w.kind === 'time')
    return {
      kind: 'time',
      streamTime: NO_TIMESTAMP,
      buckets: emptyHamt(),
      openStarts: [],
      newestStart: NO_TIMESTAMP,
      edit: null,
    };
  return {
    kind: 'session',
    streamTime: NO_TIMESTAMP,
    sessions: emptyHamt(),
    maxEnd: NO_TIMESTAMP,
    pending: [],
  };
}

export function initialQueryState(query: CompiledQuery): ScriptState {
  return { queries: query.queries.map(initialOneQueryState) };
}

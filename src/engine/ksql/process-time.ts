/**
 * Time-window (tumbling and hopping) and unwindowed aggregation of one record, after Kafka Streams'
 * KStreamWindowAggregate / KStreamAggregate as ksqlDB runs them (KAFKA-DETAILS 4.2 to 4.4). Cost per record:
 * O(windows the record falls in), plus the windows that close.
 */
import type { Row } from './expressions';
import { type Edit, emptyHamt, type Hamt, hamtDelete, hamtGet, hamtSet, hamtValues, hashOf } from './hamt';
import type { AggregatePlan } from './plan';
import { addToAccs, emitChange, emitFinal, type OutputRow } from './rows';
import type { Entry, QueryState } from './state';
import { expiredBeforeEmit, timeWindowOpen, type WindowPlan } from './windows';

type TimeState = Extract<QueryState, { kind: 'time' }>;
type GlobalState = Extract<QueryState, { kind: 'global' }>;
type TimeWindows = Extract<WindowPlan, { kind: 'time' }>;

export interface Grouped {
  row: Row;
  ts: number;
  group: unknown[];
  keyString: string;
}

/**
 * Updates (or creates) one entry, forwarding the change under EMIT CHANGES. An entry created under the same
 * transient edit is updated in place (nobody else can see it yet); any other is copied, so states given to
 * processRecord stay as they were.
 */
function update(
  plan: AggregatePlan,
  prev: Entry | undefined,
  g: Grouped,
  start: number,
  end: number,
  edit: Edit,
  out: OutputRow[],
): Entry {
  const passedBefore = prev?.passed ?? false;
  // The row's ROWTIME is the largest record timestamp in the window: newTimestamp = max(ts, old ts).
  const ts = prev === undefined || g.ts > prev.ts ? g.ts : prev.ts;
  let e: Entry;
  if (prev !== undefined && edit !== null && prev.edit === edit) {
    e = prev;
    addInPlace(plan, e.accs, g.row);
    e.ts = ts;
  } else {
    const accs = addToAccs(plan, prev?.accs, g.row);
    e = {
      group: prev?.group ?? g.group,
      keyString: g.keyString,
      start,
      end,
      accs,
      ts,
      passed: passedBefore,
      edit,
    };
  }
  if (plan.emit === 'CHANGES') e.passed = emitChange(plan, e, passedBefore, out);
  return e;
}

function addInPlace(plan: AggregatePlan, accs: unknown[], row: Row): void {
  const aggs = plan.aggs;
  for (let i = 0; i < aggs.length; i++) {
    const a = aggs[i]!;
    accs[i] = a.fn.add(accs[i], a.arg === null ? null : a.arg(row));
  }
}

export function processGlobal(
  plan: AggregatePlan,
  st: GlobalState,
  g: Grouped,
  edit: Edit,
  out: OutputRow[],
): GlobalState {
  const h = hashOf(g.keyString);
  const e = update(plan, hamtGet(st.entries, g.keyString, h), g, 0, 0, edit, out);
  const streamTime = Math.max(g.ts, st.streamTime);
  return { kind: 'global', streamTime, entries: hamtSet(st.entries, g.keyString, e, edit, h) };
}

function insertSorted(xs: readonly number[], x: number): number[] {
  let i = xs.length;
  while (i > 0 && xs[i - 1]! > x) i--;
  const next = xs.slice();
  next.splice(i, 0, x);
  return next;
}

export function processTime(
  plan: AggregatePlan,
  st: TimeState,
  g: Grouped,
  edit: Edit,
  out: OutputRow[],
): { state: TimeState; late: boolean } {
  const w = plan.window as TimeWindows;
  // Stream time includes the current record and is shared by every key of the partition.
  const streamTime = Math.max(g.ts, st.streamTime);
  let { buckets, openStarts, newestStart } = st;
  let late = false;
  const h = hashOf(g.keyString);
  // TimeWindows.windowsFor: epoch-aligned starts, in increasing order, each [start, start + size).
  let start = Math.floor(Math.max(0, g.ts - w.sizeMs + w.advanceMs) / w.advanceMs) * w.advanceMs;
  for (; start <= g.ts; start += w.advanceMs) {
    const end = start + w.sizeMs;
    if (!timeWindowOpen(end, streamTime, w.graceMs)) {
      // "Skipping record for expired window": dropped for this window and counted as late.
      late = true;
      continue;
    }
    let bucket = hamtGet(buckets, start);
    if (bucket === undefined) {
      bucket = emptyHamt<string, Entry>();
      openStarts = insertSorted(openStarts, start);
    }
    const e = update(plan, hamtGet(bucket, g.keyString, h), g, start, end, edit, out);
    buckets = hamtSet(buckets, start, hamtSet(bucket, g.keyString, e, edit, h), edit);
    if (start > newestStart) newestStart = start;
  }
  const closed = closeWindows(
    plan,
    w,
    { kind: 'time', streamTime, buckets, openStarts, newestStart },
    edit,
    out,
  );
  return { state: closed, late };
}

/**
 * Windows whose end + grace stream time has reached can never change again: EMIT FINAL forwards them now (in
 * window-start order, then key order), EMIT CHANGES just forgets them.
 */
function closeWindows(
  plan: AggregatePlan,
  w: TimeWindows,
  st: TimeState,
  edit: Edit,
  out: OutputRow[],
): TimeState {
  const closeTime = st.streamTime - w.graceMs;
  let n = 0;
  while (n < st.openStarts.length && st.openStarts[n]! + w.sizeMs <= closeTime) n++;
  if (n === 0) return st;
  let buckets = st.buckets;
  for (let i = 0; i < n; i++) {
    const start = st.openStarts[i]!;
    if (plan.emit === 'FINAL' && !expiredBeforeEmit(start, st.newestStart, w.retentionMs)) {
      const bucket = hamtGet(buckets, start);
      if (bucket) emitBucket(plan, bucket, out);
    }
    buckets = hamtDelete(buckets, start, edit);
  }
  return { ...st, buckets, openStarts: st.openStarts.slice(n) };
}

function emitBucket(plan: AggregatePlan, bucket: Hamt<string, Entry>, out: OutputRow[]): void {
  const entries = hamtValues(bucket).sort((a, b) =>
    a.keyString < b.keyString ? -1 : a.keyString > b.keyString ? 1 : 0,
  );
  for (const e of entries) emitFinal(plan, e, out);
}

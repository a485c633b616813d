/**
 * Time-window (tumbling and hopping) and unwindowed aggregation of one record, after Kafka Streams'
 * KStreamWindowAggregate / KStreamAggregate as ksqlDB runs them (KAFKA-DETAILS 4.2 to 4.4). Cost per record:
 * O(windows the record falls in), plus the windows that close.
 */

import { accsAdded, accsAddedInPlace, groupOf, initialAccs } from './entry-values';
import type { Row } from './expressions';
import {
  type Edit,
  emptyKeyedHamt,
  hamtDelete,
  hamtGet,
  hamtSet,
  hashOf,
  type KeyedHamt,
  keyedGet,
  keyedPut,
  keyedValues,
} from './hamt';
import type { AggregatePlan } from './plan';
import { emitChange, emitFinal, type OutputRow } from './rows';
import { type Entry, newEntry, type QueryState } from './state';
import { expiredBeforeEmit, timeWindowOpen, type WindowPlan } from './windows';

type TimeState = Extract<QueryState, { kind: 'time' }>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type GlobalState = Extract<QueryState, { kind: 'global' }>;
type TimeWindows = Extract<WindowPlan, { kind: 'time' }>;

/**
 * Updates (or creates) one entry, forwarding the change under EMIT CHANGES. An entry created under the same
 * transient edit is updated in place (nobody else can see it yet); any other is copied, so states given to
 * processRecord stay as they were.
 */
function update(
  plan: AggregatePlan,
  prev: Entry | undefined,
  row: Row,
  ts: number,
  key: string,
  hash: number,
  start: number,
  end: number,
  edit: Edit,
  out: OutputRow[],
): Entry {
  const passedBefore = prev?.passed === true;
  // The row's ROWTIME is the largest record timestamp in the window: newTimestamp = max(ts, old ts).
  let e: Entry;
  if (prev !== undefined && edit !== null && prev.edit === edit) {
    e = prev;
    e.accs = accsAddedInPlace(plan, e.accs, row);
    if (ts > e.ts) e.ts = ts;
  } else if (prev !== undefined) {
    const accs = accsAdded(plan, prev.accs, row);
    let rowTime = prev.ts;
    if (ts > rowTime) rowTime = ts;
    e = newEntry(hash, key, prev.group, accs, rowTime, passedBefore, edit);
  } else {
    const accs = accsAddedInPlace(plan, initialAccs(plan), row);
    e = newEntry(hash, key, groupOf(row, plan.groupBy), accs, ts, false, edit);
  }
  if (plan.emit === 'CHANGES') e.passed = emitChange(plan, e, start, end, passedBefore, out);
  return e;
}

export function processGlobal(
  plan: AggregatePlan,
  st: GlobalState,
  row: Row,
  ts: number,
  key: string,
  edit: Edit,
  out: OutputRow[],
): GlobalState {
  const h = hashOf(key);
  const e = update(plan, keyedGet(st.entries, key, h), row, ts, key, h, 0, 0, edit, out);
  const streamTime = Math.max(ts, st.streamTime);
  return { kind: 'global', streamTime, entries: keyedPut(st.entries, e, edit) };
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
  row: Row,
  ts: number,
  key: string,
  edit: Edit,
  out: OutputRow[],
): { state: TimeState; late: boolean } {
  const w = plan.window as TimeWindows;
  // Stream time includes the current record and is shared by every key of the partition.
  const streamTime = Math.max(ts, st.streamTime);
  let { buckets, openStarts, newestStart } = st;
  let late = false;
  const h = hashOf(key);
  // TimeWindows.windowsFor: epoch-aligned starts, in increasing order, each [start, start + size).
  let start = Math.floor(Math.max(0, ts - w.sizeMs + w.advanceMs) / w.advanceMs) * w.advanceMs;
  for (; start <= ts; start += w.advanceMs) {
    const end = start + w.sizeMs;
    if (!timeWindowOpen(end, streamTime, w.graceMs)) {
      // "Skipping record for expired window": dropped for this window and counted as late.
      late = true;
      continue;
    }
    const startHash = hashOf(start);
    let bucket = hamtGet(buckets, start, startHash);
    if (bucket === undefined) {
      bucket = emptyKeyedHamt<string, Entry>();
      openStarts = insertSorted(openStarts, start);
    }
    const prev = keyedGet(bucket, key, h);
    const e = update(plan, prev, row, ts, key, h, start, end, edit, out);
    // An entry updated in place is already in its bucket, and a bucket made under this transient takes a new
    // entry in place: then there is nothing to store.
    if (e !== prev) {
      const nextBucket = keyedPut(bucket, e, edit);
      if (nextBucket !== bucket) buckets = hamtSet(buckets, start, nextBucket, edit, startHash);
    }
    if (start > newestStart) newestStart = start;
  }
  const next = timeState(st, streamTime, buckets, openStarts, newestStart, edit);
  return { state: closeWindows(plan, w, next, edit, out), late };
}

/** The state after a record: a new one, or the same one updated when this batch made it (its transient). */
function timeState(
  st: TimeState,
  streamTime: number,
  buckets: TimeState['buckets'],
  openStarts: readonly number[],
  newestStart: number,
  edit: Edit,
): TimeState {
  if (edit === null || st.edit !== edit)
    return { kind: 'time', streamTime, buckets, openStarts, newestStart, edit };
  const own = st as Mutable<TimeState>;
  own.streamTime = streamTime;
  own.buckets = buckets;
  own.openStarts = openStarts;
  own.newestStart = newestStart;
  return own;
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
      if (bucket) emitBucket(plan, bucket, start, start + w.sizeMs, out);
    }
    buckets = hamtDelete(buckets, start, edit);
  }
  return { ...st, buckets, openStarts: st.openStarts.slice(n) };
}

function emitBucket(
  plan: AggregatePlan,
  bucket: KeyedHamt<string, Entry>,
  start: number,
  end: number,
  out: OutputRow[],
): void {
  const entries = keyedValues(bucket).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of entries) emitFinal(plan, e, start, end, out);
}

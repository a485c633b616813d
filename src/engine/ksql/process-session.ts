/**
 * Session-window aggregation of one record, after Kafka Streams' KStreamSessionWindowAggregate as ksqlDB runs it
 * (KAFKA-DETAILS 4.2): a record merges every session of its key within the gap; each absorbed session is retracted
 * with a tombstone, then the merged session is emitted; its bounds are its first and last record times.
 */

import { accsAddedInPlace, groupOf, mergedAccs } from './entry-values';
import type { Row } from './expressions';
import { type Edit, hamtGet, hamtSet, hashOf } from './hamt';
import type { AggregatePlan } from './plan';
import { emitChange, emitFinal, type OutputRow, outputRow } from './rows';
import type { QueryState, SessionEntry } from './state';
import { sessionLate, sessionTouches, sessionVisible, type WindowPlan } from './windows';

type SessionState = Extract<QueryState, { kind: 'session' }>;
type SessionWindows = Extract<WindowPlan, { kind: 'session' }>;

function byEndStartKey(a: SessionEntry, b: SessionEntry): number {
  if (a.end !== b.end) return a.end - b.end;
  if (a.start !== b.start) return a.start - b.start;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function processSession(
  plan: AggregatePlan,
  st: SessionState,
  row: Row,
  ts: number,
  key: string,
  edit: Edit,
  out: OutputRow[],
): { state: SessionState; late: boolean } {
  const w = plan.window as SessionWindows;
  const streamTime = Math.max(ts, st.streamTime);
  const h = hashOf(key);
  const list = hamtGet(st.sessions, key, h) ?? [];
  const touching: SessionEntry[] = [];
  const rest: SessionEntry[] = [];
  let start = ts;
  let end = ts;
  for (const s of list) {
    // Sessions past the store's retention are gone: a record within the gap of one opens a new session.
    if (!sessionVisible(s.end, st.maxEnd, w.retentionMs)) continue;
    if (!sessionTouches(s, ts, w.gapMs)) {
      rest.push(s);
      continue;
    }
    touching.push(s);
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  if (sessionLate(end, streamTime, w.graceMs, w.gapMs)) return { state: { ...st, streamTime }, late: true };
  if (plan.emit === 'CHANGES') {
    // A tombstone for each absorbed session, even when the merged session has the same bounds.
    for (const s of touching) if (s.passed) out.push(outputRow(plan, s, s.start, s.end, null));
  }
  const accs = accsAddedInPlace(plan, mergedAccs(plan, touching), row);
  // The row's timestamp is the session end.
  // A new object every time (never updated in place): sessions are few and merges replace them anyway.
  const e: SessionEntry = {
    hash: h,
    key,
    group: groupOf(row, plan.groupBy),
    accs,
    ts: end,
    passed: false,
    edit: null,
    start,
    end,
  };
  if (plan.emit === 'CHANGES') e.passed = emitChange(plan, e, start, end, false, out);
  const sessions = [...rest, e].sort((a, b) => a.start - b.start);
  let next: SessionState = {
    kind: 'session',
    streamTime,
    sessions: hamtSet(st.sessions, key, sessions, edit, h),
    maxEnd: Math.max(end, st.maxEnd),
    pending: st.pending,
  };
  if (plan.emit === 'FINAL') next = closeSessions(plan, w, next, touching, e, edit, out);
  return { state: next, late: false };
}

/**
 * EMIT FINAL: a session closes when stream time passes end + gap + grace (the late rule's bound); closed
 * sessions go out in end order. The pending list costs O(open sessions) per record: fine for a teaching tool.
 */
function closeSessions(
  plan: AggregatePlan,
  w: SessionWindows,
  st: SessionState,
  absorbed: readonly SessionEntry[],
  added: SessionEntry,
  edit: Edit,
  out: OutputRow[],
): SessionState {
  const pending = st.pending.filter((p) => !absorbed.includes(p));
  pending.push(added);
  pending.sort(byEndStartKey);
  const closeBound = st.streamTime - w.graceMs - w.gapMs;
  let n = 0;
  let sessions = st.sessions;
  while (n < pending.length && pending[n]!.end < closeBound) {
    const e = pending[n]!;
    emitFinal(plan, e, e.start, e.end, out);
    const list = hamtGet(sessions, e.key) ?? [];
    sessions = hamtSet(
      sessions,
      e.key,
      list.filter((s) => s !== e),
      edit,
    );
    n++;
  }
  return { ...st, sessions, pending: n === 0 ? pending : pending.slice(n) };
}

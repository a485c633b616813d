/**
 * Window assignment and window lifetimes, as ksqlDB runs them on Kafka Streams (KAFKA-DETAILS 4.2 and 4.3).
 * Pure functions of numbers: the processor keeps the state.
 */
import type { EmitMode, WindowSpec } from './ast';

/** Kafka Streams' old default: grace = max(24h - size, 0), so a window closes 24 h after its start. */
export const DEFAULT_GRACE_BASE_MS = 24 * 60 * 60 * 1000;

export type WindowPlan =
  | { kind: 'time'; sizeMs: number; advanceMs: number; graceMs: number; retentionMs: number }
  | { kind: 'session'; gapMs: number; graceMs: number; retentionMs: number };

/**
 * The grace period in force. Without GRACE PERIOD: ksqlDB's StreamAggregateBuilder.defaultGrace keeps
 * max(24h - size, 0) (not the documented 24 h), and EMIT FINAL substitutes 0 (RewrittenAnalysis
 * .getWindowExpression; QTT suppress.json "should emit at window end if no grace period given").
 */
export function effectiveGraceMs(spec: WindowSpec, emit: EmitMode): number {
  if (spec.graceMs !== undefined) return spec.graceMs;
  if (emit === 'FINAL') return 0;
  return Math.max(DEFAULT_GRACE_BASE_MS - spec.sizeMs, 0);
}

export function planWindow(spec: WindowSpec, emit: EmitMode): WindowPlan {
  const graceMs = effectiveGraceMs(spec, emit);
  if (spec.type === 'SESSION') {
    // The session store keeps sessions for gap + grace (KAFKA-DETAILS 4.2, QTT "out of order - explicit grace").
    const retentionMs = Math.max(spec.retentionMs ?? 0, spec.sizeMs + graceMs);
    return { kind: 'session', gapMs: spec.sizeMs, graceMs, retentionMs };
  }
  const advanceMs = spec.type === 'HOPPING' ? (spec.advanceMs ?? spec.sizeMs) : spec.sizeMs;
  const retentionMs = Math.max(spec.retentionMs ?? 0, spec.sizeMs + graceMs);
  return { kind: 'time', sizeMs: spec.sizeMs, advanceMs, graceMs, retentionMs };
}

/**
 * The starts of every window containing ts, in increasing order: TimeWindows.windowsFor,
 * start = (max(0, ts - size + advance) / advance) * advance, then every advance while start <= ts.
 * Epoch-aligned; start inclusive, end exclusive; no negative starts (so a negative ts is in no window).
 */
export function windowStartsFor(ts: number, sizeMs: number, advanceMs: number): number[] {
  const starts: number[] = [];
  let start = Math.floor(Math.max(0, ts - sizeMs + advanceMs) / advanceMs) * advanceMs;
  for (; start <= ts; start += advanceMs) starts.push(start);
  return starts;
}

/**
 * KStreamWindowAggregate.process: a window accepts a record while windowEnd > streamTime - grace, so it closes
 * when stream time reaches windowEnd + grace (QTT tumbling-windows.json "out of order - explicit grace period":
 * 89999 leaves [0,30000) open with a 1 min grace, 90000 closes it).
 */
export function timeWindowOpen(windowEnd: number, streamTime: number, graceMs: number): boolean {
  return windowEnd > streamTime - graceMs;
}

/**
 * EMIT FINAL reads closed windows from a time-ordered store whose retention (size + grace) counts from the newest
 * window start written; older windows are gone before they are fetched and never emitted (KAFKA-DETAILS 4.4;
 * QTT suppress.json "should support final results for tumbling windows": [0,2) with COUNT 4 is never output).
 */
export function expiredBeforeEmit(windowStart: number, newestStart: number, retentionMs: number): boolean {
  return windowStart < newestStart - retentionMs;
}

export interface SessionBounds {
  start: number;
  end: number;
}

/**
 * KStreamSessionWindowAggregate: a record at ts merges every session of its key with end >= ts - gap and
 * start <= ts + gap (both bounds inclusive).
 */
export function sessionTouches(s: SessionBounds, ts: number, gapMs: number): boolean {
  return s.end >= ts - gapMs && s.start <= ts + gapMs;
}

/**
 * The session store keeps sessions whose end is within retention (gap + grace) of the largest end stored
 * (getActualFrom: end >= observed - retention + 1). An older session is invisible even to a record within gap,
 * which then opens a new session (QTT session-windows "out of order - explicit grace period": 10010 does not
 * merge with [0,0]).
 */
export function sessionVisible(end: number, maxEndStored: number, retentionMs: number): boolean {
  return end >= maxEndStored - retentionMs + 1;
}

/** A merged session is late when its end < stream time - grace - gap (KStreamSessionWindowAggregate.process). */
export function sessionLate(end: number, streamTime: number, graceMs: number, gapMs: number): boolean {
  return end < streamTime - graceMs - gapMs;
}

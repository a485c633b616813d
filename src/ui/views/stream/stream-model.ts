/**
 * What the stream view draws, read from the engine state at a playhead: the records the query has read
 * (with the key and windows the engine gave them), the rows it wrote to its output topic, and the query's
 * shape (window, threshold) read from its text. Pure; the view only lays it out.
 */

import type { EngineState, PlacedRecord, QueryShape, RunningQuery } from '../../../engine';
import { keptRecords, sinkKeyText } from '../../../engine';
import { loadedKsqlEngine } from '../../store/ksql-loader';

export interface StreamDot {
  readonly id: string;
  readonly card: string;
  readonly ts: number;
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  readonly late: boolean;
  /** When the query read it (model time): a dot read during this step is outlined as new. */
  readonly processedAtMs: number;
}

export interface OutputRowView {
  readonly id: string;
  readonly card: string;
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  /** null: a tombstone (the row was retracted). */
  readonly count: number | null;
}

export interface StreamModel {
  readonly query: RunningQuery | undefined;
  readonly shape: QueryShape | null;
  /** The query's text without the preamble: what the editor edits. */
  readonly text: string;
  /** Card rows, in the order the cards first appeared. */
  readonly cards: readonly string[];
  readonly dots: readonly StreamDot[];
  /** count(*) per `card|windowStart` so far: the attempts the query has counted in that window. */
  readonly counts: ReadonlyMap<string, number>;
  /** `card|windowStart` whose latest output row passed HAVING (not retracted). */
  readonly flagged: ReadonlySet<string>;
  readonly output: readonly OutputRowView[];
}

export const cellKey = (card: string, windowStart: number | null) => `${card}|${windowStart ?? '-'}`;

/** The card a key stands for: the GROUP BY value (one column in the fraud query). */
export function cardOf(key: Readonly<Record<string, unknown>> | null): string {
  if (key === null) return '—';
  return Object.values(key).map(String).join(', ');
}

export function stripPreamble(script: string, preamble: string | undefined): string {
  if (!preamble || !script.startsWith(preamble)) return script;
  return script.slice(preamble.length).replace(/^\s*\n/, '');
}

function dotOf(r: PlacedRecord): StreamDot {
  const w = r.windows[0];
  return {
    id: `${r.topic}/${r.partition}/${r.offset}`,
    card: cardOf(r.key),
    ts: r.timestampMs,
    windowStart: w?.start ?? null,
    windowEnd: w?.end ?? null,
    late: r.late,
    processedAtMs: r.processedAtMs,
  };
}

function outputRows(state: EngineState, q: RunningQuery, topic: string, playheadMs: number): OutputRowView[] {
  const rows: { row: OutputRowView; at: number }[] = [];
  for (const p of state.topics[topic]?.partitions ?? []) {
    if (p.leader === null) continue;
    const from = q.outputFrom[topic]?.[p.partition] ?? 0;
    for (const r of keptRecords(p.logs[p.leader]!)) {
      // This run's rows, once the leader has appended them and they are committed (a consumer's view).
      if (r.offset < from || r.appendedAtMs > playheadMs || r.offset >= p.highWatermark) continue;
      let value: Record<string, unknown> | null = null;
      try {
        value = r.value === '' ? null : (JSON.parse(r.value) as Record<string, unknown>);
      } catch {
        continue;
      }
      const shape = loadedKsqlEngine().describe(q.script);
      const c = value === null || !shape?.countColumn ? null : value[shape.countColumn];
      const start = r.headers.windowStart;
      const end = r.headers.windowEnd;
      rows.push({
        at: r.appendedAtMs,
        row: {
          id: `${topic}/${p.partition}/${r.offset}`,
          card: sinkKeyText(r.key),
          windowStart: start === undefined ? null : Number(start),
          windowEnd: end === undefined ? null : Number(end),
          count: value === null ? null : typeof c === 'number' ? c : 0,
        },
      });
    }
  }
  return rows.sort((a, b) => a.at - b.at).map((r) => r.row);
}

export function streamModel(
  state: EngineState,
  queryId: string | undefined,
  outputTopic: string,
  preamble: string | undefined,
  playheadMs: number,
): StreamModel {
  const query = queryId === undefined ? undefined : state.ksql.queries[queryId];
  const empty: StreamModel = {
    query,
    shape: null,
    text: '',
    cards: [],
    dots: [],
    counts: new Map(),
    flagged: new Set(),
    output: [],
  };
  if (!query) return empty;
  const cards: string[] = [];
  const seen = new Set<string>();
  const dots: StreamDot[] = [];
  const counts = new Map<string, number>();
  for (const r of query.placed) {
    const card = cardOf(r.key);
    if (!seen.has(card)) {
      seen.add(card);
      cards.push(card);
    }
    if (r.processedAtMs > playheadMs) continue;
    dots.push(dotOf(r));
    if (r.late || r.key === null) continue;
    for (const w of r.windows) {
      const k = cellKey(card, w.start);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const output = outputRows(state, query, outputTopic, playheadMs);
  const flagged = new Set<string>();
  for (const row of output) {
    const k = cellKey(row.card, row.windowStart);
    if (row.count === null) flagged.delete(k);
    else flagged.add(k);
  }
  return {
    query,
    shape: loadedKsqlEngine().describe(query.script),
    text: stripPreamble(query.script, preamble),
    cards,
    dots,
    counts,
    flagged,
    output,
  };
}

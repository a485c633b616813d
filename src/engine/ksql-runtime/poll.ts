/**
 * One poll of a running query: read below the high watermark from every source partition, take the records
 * in timestamp order across partitions, run each through the ksql engine, and produce what it emits.
 */

import type { LogRecord } from '../broker/log';
import type { Tx } from '../core/tx';
import type { CompiledQuery, OutputRow, ProcessResult } from '../ksql';
import { produce } from '../producer/producer';
import { readableRecords } from '../replication/read';
import type { KsqlEngine } from './engine-api';
import type { Placement } from './placement';
import { sinkKey } from './sink-key';
import { type PlacedRecord, QUERY_MAX_POLL_RECORDS, type RunningQuery } from './types';

export function setQuery(tx: Tx, q: RunningQuery): void {
  tx.state = { ...tx.state, ksql: { queries: { ...tx.state.ksql.queries, [q.id]: q } } };
}

interface Head {
  readonly source: string;
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly LogRecord[];
  next: number;
}

/** A JSON value as the ksql engine reads it; anything else (bad JSON, not an object) is skipped. */
function parseValue(value: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(value);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    // ksqlDB logs a deserialization error to its processing log and skips the record.
    return null;
  }
}

/** The partition whose next record has the smallest timestamp (ties: source, then partition order). */
function oldestHead(heads: Head[]): Head | undefined {
  let best: Head | undefined;
  let bestTs = Number.POSITIVE_INFINITY;
  for (const h of heads) {
    const r = h.records[h.next];
    if (r !== undefined && r.timestampMs < bestTs) {
      best = h;
      bestTs = r.timestampMs;
    }
  }
  return best;
}

function readHeads(tx: Tx, q: RunningQuery): Head[] {
  const heads: Head[] = [];
  for (const s of q.sources) {
    const positions = q.positions[s.topic] ?? [];
    const count = tx.topic(s.topic)?.partitions.length ?? 0;
    for (let p = 0; p < count; p++) {
      let from = positions[p] ?? 0;
      let read = readableRecords(tx.state, s.topic, p, from, QUERY_MAX_POLL_RECORDS);
      if (read.error === 'OFFSET_OUT_OF_RANGE') {
        // Retention removed what the query had not read yet: auto.offset.reset=earliest.
        from = read.logStartOffset;
        read = readableRecords(tx.state, s.topic, p, from, QUERY_MAX_POLL_RECORDS);
      }
      if (read.records.length > 0)
        heads.push({ source: s.name, topic: s.topic, partition: p, records: read.records, next: 0 });
    }
  }
  return heads;
}

function countOf(row: OutputRow, countColumn: string | null): number | undefined {
  const v = countColumn === null || row.value === null ? undefined : row.value[countColumn];
  return typeof v === 'number' ? v : undefined;
}

/** Writes an emitted row to its sink topic. Returns the engine's refusal, if any. */
function writeRow(tx: Tx, q: RunningQuery, row: OutputRow): string | undefined {
  if (!q.sinks.includes(row.sink)) return undefined;
  const headers: Record<string, string> = {};
  // KEY_FORMAT KAFKA: the key column's own bytes; Kafka appends the window to them, the simulator keeps it
  // in headers (sink-key.ts). Partitioning uses the GROUP BY key alone, as WindowedStreamPartitioner does.
  if (row.windowStart !== undefined) headers.windowStart = String(row.windowStart);
  if (row.windowEnd !== undefined) headers.windowEnd = String(row.windowEnd);
  const err = produce(tx, {
    type: 'produce',
    producer: q.producer,
    topic: row.sink,
    key: sinkKey(row.key),
    // A tombstone is a null value in Kafka; record values here are strings, and no JSON row is ever empty.
    value: row.value === null ? '' : JSON.stringify(row.value),
    headers,
  });
  return err?.message;
}

/** One record run through the query: the query after it, what it emitted, and where the view places it. */
interface Processed {
  readonly query: RunningQuery;
  readonly result: ProcessResult;
  readonly place: Placement;
}

function processHead(
  q: RunningQuery,
  compiled: CompiledQuery,
  engine: KsqlEngine,
  h: Head,
  record: LogRecord,
): Processed {
  const value = parseValue(record.value);
  const rec = { ts: record.timestampMs, key: record.key, value: value ?? {} };
  const result: ProcessResult =
    value === null
      ? { state: q.state, outputs: [], late: false }
      : engine.processRecord(compiled, q.state, h.source, rec);
  // The view follows the first query reading this source: its key and windows place the record.
  const plan = compiled.queries[compiled.consumers[h.source]?.[0] ?? -1];
  const place: Placement =
    plan && value !== null
      ? engine.placeRecord(plan, rec, result.outputs)
      : { key: null, windows: [], ts: null };
  const positions = (q.positions[h.topic] ?? []).slice();
  positions[h.partition] = record.offset + 1;
  const query = {
    ...q,
    state: result.state,
    positions: { ...q.positions, [h.topic]: positions },
    processed: q.processed + 1,
    emitted: q.emitted + result.outputs.length,
    late: q.late + (result.late ? 1 : 0),
  };
  return { query, result, place };
}

/** Says the record was processed (and dropped, if late), and gives where the view places it. */
function recordProcessed(
  tx: Tx,
  h: Head,
  record: LogRecord,
  { query: q, result, place }: Processed,
): PlacedRecord {
  const placed: PlacedRecord = {
    topic: h.topic,
    partition: h.partition,
    offset: record.offset,
    timestampMs: place.ts ?? record.timestampMs,
    processedAtMs: tx.state.now,
    key: place.key,
    windows: place.windows,
    late: result.late,
  };
  const first = place.windows[0];
  const which = {
    query: q.id,
    topic: h.topic,
    partition: h.partition,
    offset: record.offset,
    timestampMs: place.ts ?? record.timestampMs,
    key: place.key,
  };
  tx.emit({
    type: 'recordProcessedByQuery',
    ...which,
    ...(first ? { windowStart: first.start, windowEnd: first.end } : {}),
    ...(place.windows.length > 1 ? { windows: [...place.windows] } : {}),
    late: result.late,
  });
  if (result.late) tx.emit({ type: 'lateRecordDropped', ...which });
  return placed;
}

/** Says what the query emitted and writes each row to its sink. Returns the engine's refusal, if any. */
function emitRows(
  tx: Tx,
  q: RunningQuery,
  outputs: readonly OutputRow[],
  countColumn: string | null,
): string | undefined {
  for (const row of outputs) {
    const count = countOf(row, countColumn);
    tx.emit({
      type: 'queryEmitted',
      query: q.id,
      sink: row.sink,
      key: row.key,
      ...(row.windowStart !== undefined ? { windowStart: row.windowStart } : {}),
      ...(row.windowEnd !== undefined ? { windowEnd: row.windowEnd } : {}),
      value: row.value,
      ...(count !== undefined ? { count } : {}),
    });
    const failure = writeRow(tx, q, row);
    if (failure) return failure;
  }
  return undefined;
}

/** Returns why the query failed, or undefined. */
export function pollOnce(
  tx: Tx,
  start: RunningQuery,
  compiled: CompiledQuery,
  engine: KsqlEngine,
): string | undefined {
  const countColumn = engine.countColumn(start.script);
  const heads = readHeads(tx, start);
  let q = start;
  const placed: PlacedRecord[] = [];
  const done = () => setQuery(tx, { ...q, placed: [...start.placed, ...placed] });
  for (let n = 0; n < QUERY_MAX_POLL_RECORDS; n++) {
    const h = oldestHead(heads);
    if (!h) break;
    const record = h.records[h.next]!;
    h.next++;
    const processed = processHead(q, compiled, engine, h, record);
    q = processed.query;
    placed.push(recordProcessed(tx, h, record, processed));
    const failure = emitRows(tx, q, processed.result.outputs, countColumn);
    if (failure) {
      done();
      return failure;
    }
  }
  done();
  return undefined;
}

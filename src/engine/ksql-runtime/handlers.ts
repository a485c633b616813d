/**
 * Persistent queries in the simulation. A query is a small Kafka Streams app: it polls its source
 * partitions every QUERY_POLL_INTERVAL_MS, reads what lies below the high watermark (as any consumer does),
 * takes the records in timestamp order across partitions (a StreamTask picks the partition whose head
 * record is oldest), runs each through the ksql engine and produces the rows it emits.
 *
 * Output goes through the normal produce path, with the query's own producer: that is what Kafka Streams
 * does (a KafkaProducer per app), so the rows cross the network, are batched (linger.ms 100, Streams'
 * default), partitioned by murmur2 of their key and appended by the leader like any other record, and the
 * views and invariants need no special case.
 */

import { createTopic } from '../broker/cluster';
import type { EngineError } from '../core/events';
import type { ModuleHandlers, NoMessages } from '../core/module';
import type { Tx } from '../core/tx';
import type { CompiledQuery } from '../ksql';
import type { KsqlError } from '../ksql/errors';
import { PUSH_QUERY_SINK } from '../ksql/push-sink';
import { addProducer } from '../producer/producer';
import { pollOnce, setQuery } from './poll';
import type { KsqlRuntimeTimerPayloads } from './protocol';
import {
  type KsqlRuntimeCommand,
  type KsqlRuntimeSlice,
  QUERY_POLL_INTERVAL_MS,
  QUERY_PRODUCER_LINGER_MS,
  type QuerySource,
  type RunningQuery,
} from './types';

type Cmd<T extends KsqlRuntimeCommand['type']> = Extract<KsqlRuntimeCommand, { type: T }>;

const POLL_TIMER = 'ksqlPoll';

const slice = (tx: Tx): KsqlRuntimeSlice => tx.state.ksql;

/** ksqlDB's statement error: its message, where it points, and what the parser expected there. */
export function ksqlStatementError(e: KsqlError): EngineError {
  const error: EngineError = {
    code: 'KSQL_STATEMENT_ERROR',
    message: e.message,
    line: e.line,
    column: e.column,
  };
  if (e.expected) error.expected = e.expected;
  return error;
}

const isPushSink = (sink: string) => sink === PUSH_QUERY_SINK || sink.startsWith(`${PUSH_QUERY_SINK}_`);

/** The topics a script reads: its declared sources that no statement of the script produces. */
function sourcesOf(compiled: CompiledQuery): QuerySource[] {
  return Object.values(compiled.sources)
    .filter((s) => s.producedBy === undefined && (compiled.consumers[s.name]?.length ?? 0) > 0)
    .map((s) => ({ name: s.name, topic: s.topic ?? s.name }));
}

function partitionCount(tx: Tx, topic: string): number {
  return tx.topic(topic)?.partitions.length ?? 0;
}

function logEndOffsets(tx: Tx, topic: string): number[] {
  return (tx.topic(topic)?.partitions ?? []).map((p) =>
    p.leader === null ? 0 : (p.logs[p.leader]?.logEndOffset ?? 0),
  );
}

/** ksqlDB's answer while its server is still starting (its REST API's "not yet ready" error). */
const NOT_READY: EngineError = {
  code: 'KSQL_NOT_READY',
  message: 'KSQL is not yet ready to serve requests: the query engine has not loaded.',
};

function runQuery(tx: Tx, cmd: Cmd<'runQuery'>): EngineError | undefined {
  if (typeof cmd.query !== 'string' || cmd.query === '')
    return { code: 'INVALID_REQUEST', message: 'runQuery needs a query id.' };
  const engine = tx.env.ksql;
  if (!engine) return NOT_READY;
  const strict = cmd.strict === true;
  const compiled = engine.compile(String(cmd.script ?? ''), strict);
  if (!compiled.ok) return ksqlStatementError(compiled.error);
  const query = compiled.query;
  const sources = sourcesOf(query);
  const sinks = [...new Set(query.queries.map((q) => q.sink).filter((s) => !isPushSink(s)))];
  const refused = sourcesError(tx, sources) ?? createSinks(tx, sources, sinks);
  if (refused) return refused;
  const producer = `ksql-${cmd.query}`;
  if (!tx.producer(producer)) {
    const err = addProducer(tx, { type: 'addProducer', producer, lingerMs: QUERY_PRODUCER_LINGER_MS });
    if (err) return err;
  }
  startQuery(tx, cmd, { sources, sinks, producer, state: engine.initialQueryState(query), query });
  return undefined;
}

/** ksqlDB refuses a script that reads no stream, or a source over a topic that does not exist. */
function sourcesError(tx: Tx, sources: readonly QuerySource[]): EngineError | undefined {
  if (sources.length === 0)
    return { code: 'KSQL_STATEMENT_ERROR', message: 'The script has no query reading a stream.' };
  for (const s of sources) {
    // ksqlDB refuses a source over a topic that does not exist (without PARTITIONS in its WITH clause).
    if (!tx.topic(s.topic))
      return {
        code: 'KSQL_STATEMENT_ERROR',
        message: `Topic '${s.topic}' does not exist. If you want to create a new topic for the stream/table please re-run the statement providing the required 'PARTITIONS' configuration in the WITH clause.`,
      };
  }
  return undefined;
}

/** Creates the sink topics that do not exist yet; a query may not write to its own source. */
function createSinks(
  tx: Tx,
  sources: readonly QuerySource[],
  sinks: readonly string[],
): EngineError | undefined {
  for (const sink of sinks) {
    if (sources.some((s) => s.topic === sink))
      return {
        code: 'KSQL_STATEMENT_ERROR',
        message: `A query cannot write to its own source topic '${sink}'.`,
      };
    if (tx.topic(sink)) continue;
    // CREATE ... AS creates its sink topic with the source's partition count (ksqlDB's default), RF 1 here.
    const err = createTopic(tx, {
      type: 'createTopic',
      topic: sink,
      partitions: Math.max(1, partitionCount(tx, sources[0]!.topic)),
      config: { replicationFactor: 1, minInsyncReplicas: 1 },
    });
    if (err) return err;
  }
  return undefined;
}

/** A checked script, ready to run: what it reads and writes, its producer and its initial state. */
interface QueryStart {
  readonly sources: QuerySource[];
  readonly sinks: string[];
  readonly producer: string;
  readonly state: RunningQuery['state'];
  readonly query: CompiledQuery;
}

function startQuery(
  tx: Tx,
  cmd: Cmd<'runQuery'>,
  { sources, sinks, producer, state, query }: QueryStart,
): void {
  const restarted = slice(tx).queries[cmd.query] !== undefined;
  // A rerun starts over: the old run's poll stops, its windows and counts are forgotten, and the source is
  // read again from its earliest offset (as after SET 'auto.offset.reset'='earliest').
  tx.cancel((t) => t.kind === POLL_TIMER && t.payload.query === cmd.query);
  const positions: Record<string, number[]> = {};
  for (const s of sources)
    positions[s.topic] = (tx.topic(s.topic)?.partitions ?? []).map((p) =>
      p.leader === null ? 0 : (p.logs[p.leader]?.logStartOffset ?? 0),
    );
  const outputFrom: Record<string, number[]> = {};
  for (const sink of sinks) outputFrom[sink] = logEndOffsets(tx, sink);
  setQuery(tx, {
    id: cmd.query,
    script: cmd.script,
    strict: cmd.strict === true,
    status: 'RUNNING',
    sources,
    sinks,
    producer,
    positions,
    outputFrom,
    state,
    warnings: query.warnings,
    startedAtMs: tx.state.now,
    placed: [],
    processed: 0,
    emitted: 0,
    late: 0,
  });
  tx.emit({
    type: 'queryStarted',
    query: cmd.query,
    sources: sources.map((s) => s.topic),
    sinks,
    warnings: [...query.warnings],
    restarted,
  });
  tx.schedule(POLL_TIMER, tx.state.now, { query: cmd.query });
}

function stopQuery(tx: Tx, cmd: Cmd<'stopQuery'>): EngineError | undefined {
  const q = slice(tx).queries[cmd.query];
  if (!q) return { code: 'KSQL_STATEMENT_ERROR', message: `Unknown queryId: ${cmd.query}` };
  const { [cmd.query]: _gone, ...rest } = slice(tx).queries;
  tx.state = { ...tx.state, ksql: { queries: rest } };
  tx.cancel((t) => t.kind === POLL_TIMER && t.payload.query === cmd.query);
  tx.emit({ type: 'queryStopped', query: cmd.query });
  return undefined;
}

function onPoll(tx: Tx, id: string): void {
  const q = slice(tx).queries[id];
  if (q?.status !== 'RUNNING') return;
  if (hasNewRecords(tx, q)) pollAndProcess(tx, q);
  else tx.schedule(POLL_TIMER, tx.state.now + QUERY_POLL_INTERVAL_MS, { query: id });
}

/** Whether any source partition has records below its high watermark that the query has not read. */
function hasNewRecords(tx: Tx, q: RunningQuery): boolean {
  for (const s of q.sources) {
    const positions = q.positions[s.topic];
    const partitions = tx.topic(s.topic)?.partitions ?? [];
    for (let p = 0; p < partitions.length; p++)
      if (partitions[p]!.highWatermark > (positions?.[p] ?? 0)) return true;
  }
  return false;
}

function pollAndProcess(tx: Tx, q: RunningQuery): void {
  const id = q.id;
  // Absent only when a run that started a query is stepped on without the engine: the query then stalls.
  const engine = tx.env.ksql;
  const compiled = engine?.compile(q.script, q.strict);
  if (!engine || !compiled?.ok) return;
  const failure = pollOnce(tx, q, compiled.query, engine);
  const now = slice(tx).queries[id]!;
  if (failure) {
    setQuery(tx, { ...now, status: 'FAILED' });
    tx.emit({ type: 'queryFailed', query: id, message: failure });
    return;
  }
  tx.schedule(POLL_TIMER, tx.state.now + QUERY_POLL_INTERVAL_MS, { query: id });
}

export const ksqlRuntimeHandlers: ModuleHandlers<KsqlRuntimeCommand, NoMessages, KsqlRuntimeTimerPayloads> = {
  commands: { runQuery, stopQuery },
  messages: {},
  timers: { [POLL_TIMER]: (tx, t) => onPoll(tx, t.payload.query) },
};

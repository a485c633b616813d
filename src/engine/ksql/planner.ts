/**
 * Plans a whole script: declared sources, CREATE ... AS SELECT queries (whose STREAM sinks later statements may
 * read) and bare push queries. Applies ksqlDB's result-type rule (issue 6, point 3): strict mode reports
 * ksqlDB's own error; otherwise the query runs as what it really is, with a teaching note in `warnings`.
 */
import type { ColumnDef, PropValue, Select, SourceType, Statement } from './ast';
import { fail, KSQL_MESSAGES, ok, type Pos, type Result } from './errors';
import { sqlTypeOf } from './expressions';
import type { CompiledQuery, QueryPlan, SourceColumn, SourceDef } from './plan';
import { isAggregation, planSelect } from './plan-select';
import { PUSH_QUERY_SINK } from './push-sink';

export { PUSH_QUERY_SINK };

const KNOWN_PROPS = new Set([
  'KAFKA_TOPIC',
  'VALUE_FORMAT',
  'KEY_FORMAT',
  'FORMAT',
  'TIMESTAMP',
  'TIMESTAMP_FORMAT',
  'PARTITIONS',
  'REPLICAS',
  'VALUE_DELIMITER',
  'WRAP_SINGLE_VALUE',
  'RETENTION_MS',
]);

export interface PlanOptions {
  strict?: boolean;
  /** Schemas of sources the script reads but does not declare (runKsql infers them from its inputs). */
  sources?: Record<string, SourceColumn[]>;
}

/** A column declared by the user: JSON field names match case-insensitively, so try the usual spellings. */
export function declaredColumn(c: { name: string; type: string; key: boolean }): SourceColumn {
  const fields = [...new Set([c.name, c.name.toUpperCase(), c.name.toLowerCase()])];
  return { name: c.name, type: sqlTypeOf(c.type), key: c.key, fields };
}

interface Builder {
  compiled: CompiledQuery;
  options: PlanOptions;
  pushCount: number;
}

export function planScript(statements: Statement[], options: PlanOptions): Result<CompiledQuery> {
  const compiled: CompiledQuery = {
    sources: {},
    lookup: {},
    queries: [],
    consumers: {},
    sinks: [],
    warnings: [],
  };
  const b: Builder = { compiled, options, pushCount: 0 };
  for (const st of statements) {
    const r = st.kind === 'createSource' ? declareSource(b, st) : planQueryStatement(b, st);
    if (!r.ok) return r;
  }
  return ok(compiled);
}

function addSource(b: Builder, def: SourceDef, pos: Pos): Result<true> {
  const c = b.compiled;
  if (c.sources[def.name]) {
    const kind = def.sourceType.toLowerCase();
    return fail(`Cannot add ${kind} '${def.name}': A ${kind} with the same name already exists`, pos);
  }
  c.sources[def.name] = def;
  c.lookup[def.name.toLowerCase()] = def.name;
  if (def.topic !== undefined && c.lookup[def.topic.toLowerCase()] === undefined)
    c.lookup[def.topic.toLowerCase()] = def.name;
  return ok(true);
}

function checkProps(
  b: Builder,
  props: Record<string, PropValue>,
  pos: Pos,
  needTopic: boolean,
): Result<true> {
  const unknown = Object.keys(props).filter((k) => !KNOWN_PROPS.has(k));
  if (unknown.length > 0)
    return fail(
      `Invalid config variable(s) in the WITH clause: ${unknown.join(',')}`,
      props[unknown[0]!]!.pos,
    );
  if (needTopic && b.options.strict && !props.KAFKA_TOPIC)
    return fail('Missing required property "KAFKA_TOPIC" which has no default value.', pos);
  return ok(true);
}

function declareSource(b: Builder, st: Extract<Statement, { kind: 'createSource' }>): Result<true> {
  const props = checkProps(b, st.props, st.pos, true);
  if (!props.ok) return props;
  const seen = new Set<string>();
  for (const c of st.columns) {
    if (seen.has(c.name)) return fail(`Duplicate column names: ${c.name}`, c.pos);
    seen.add(c.name);
  }
  const columns = st.columns.map((c: ColumnDef) => declaredColumn(c));
  let timestampIndex = -1;
  const tsProp = st.props.TIMESTAMP;
  if (tsProp) {
    const name = String(tsProp.value).toUpperCase();
    timestampIndex = columns.findIndex((c) => c.name === name || c.name === tsProp.value);
    if (timestampIndex < 0)
      return fail(
        `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${name}'`,
        tsProp.pos,
      );
  }
  const topic = st.props.KAFKA_TOPIC ? String(st.props.KAFKA_TOPIC.value) : undefined;
  const def: SourceDef = { name: st.name, sourceType: st.sourceType, columns, timestampIndex };
  if (topic !== undefined) def.topic = topic;
  return addSource(b, def, st.pos);
}

function resolveSource(b: Builder, select: Select): Result<SourceDef> {
  const c = b.compiled;
  const name = select.from.name;
  const known = c.sources[name] ?? c.sources[c.lookup[name.toLowerCase()] ?? ''];
  if (known) {
    if (known.sourceType === 'TABLE')
      return fail(
        `Reading from the TABLE ${known.name} is not supported by this simulator (streams only).`,
        select.from.pos,
      );
    return ok(known);
  }
  const given = b.options.sources ?? {};
  const match = Object.keys(given).find((k) => k.toUpperCase() === name.toUpperCase());
  if (match === undefined) return fail(`${name} does not exist.`, select.from.pos);
  const def: SourceDef = {
    name,
    sourceType: 'STREAM',
    columns: given[match]!,
    timestampIndex: -1,
    topic: match,
  };
  const added = addSource(b, def, select.from.pos);
  return added.ok ? ok(def) : added;
}

/** The result-type rule of EngineExecutor.validateResultType (KAFKA-DETAILS 4.1). */
function checkResultType(
  b: Builder,
  requested: SourceType,
  actual: SourceType,
  name: string,
  pos: Pos,
): Result<true> {
  if (requested === actual) return ok(true);
  if (b.options.strict)
    return fail(actual === 'TABLE' ? KSQL_MESSAGES.produceTable : KSQL_MESSAGES.produceStream, pos);
  b.compiled.warnings.push(
    actual === 'TABLE'
      ? `CREATE STREAM ${name} AS SELECT ... GROUP BY runs here as the TABLE it really is: an aggregation produces a TABLE, and ksqlDB rejects this statement ("${KSQL_MESSAGES.produceTable}"). Write CREATE TABLE ${name} AS SELECT ...`
      : `CREATE TABLE ${name} AS SELECT without GROUP BY runs here as the STREAM it really is; ksqlDB rejects this statement ("${KSQL_MESSAGES.produceStream}").`,
  );
  return ok(true);
}

function planQueryStatement(b: Builder, st: Exclude<Statement, { kind: 'createSource' }>): Result<true> {
  const c = b.compiled;
  const select = st.select;
  if (st.kind === 'select' && !select.emit) {
    const message = 'Pull queries on streams are not supported: add EMIT CHANGES to the end of a push query.';
    if (b.options.strict) return fail(message, select.pos);
    c.warnings.push(`${message} The query runs here as a push query (EMIT CHANGES).`);
  }
  if (st.kind === 'createAs') {
    const props = checkProps(b, st.props, st.pos, false);
    if (!props.ok) return props;
    const actual: SourceType = isAggregation(select) ? 'TABLE' : 'STREAM';
    const rt = checkResultType(b, st.sourceType, actual, st.name, st.typePos);
    if (!rt.ok) return rt;
  }
  const source = resolveSource(b, select);
  if (!source.ok) return source;
  let sink = st.kind === 'createAs' ? st.name : PUSH_QUERY_SINK;
  if (st.kind === 'select') {
    b.pushCount++;
    if (b.pushCount > 1) sink = `${PUSH_QUERY_SINK}_${b.pushCount}`;
  }
  const emit = select.emit?.mode ?? 'CHANGES';
  const plan = planSelect(select, source.value, { index: c.queries.length, sink, emit });
  if (!plan.ok) return plan;
  return registerQuery(b, plan.value, st.kind === 'createAs' ? st.pos : select.pos);
}

function registerQuery(b: Builder, plan: QueryPlan, pos: Pos): Result<true> {
  const c = b.compiled;
  c.queries.push(plan);
  const readers = c.consumers[plan.source.name] ?? [];
  readers.push(plan.index);
  c.consumers[plan.source.name] = readers;
  c.sinks.push(plan.sink);
  const keyNames = plan.kind === 'aggregate' ? plan.keyNames : plan.keyItems.map((k) => k.name);
  const keyTypes = new Set(keyNames);
  const columns = [...keyNames, ...plan.valueItems.map((v) => v.name)].map((name) => ({
    name,
    type: 'ANY' as const,
    key: keyTypes.has(name),
    fields: [name],
  }));
  const sink: SourceDef = {
    name: plan.sink,
    sourceType: plan.sinkType,
    columns,
    timestampIndex: -1,
    producedBy: plan.index,
  };
  return addSource(b, sink, pos);
}

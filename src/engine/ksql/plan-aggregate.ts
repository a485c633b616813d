/**
 * Plans an aggregation: GROUP BY columns become the key, each distinct aggregate call gets an accumulator slot,
 * and the SELECT items and HAVING are compiled over the row an aggregate emits
 * (WINDOWSTART, WINDOWEND, group values, aggregate results).
 */

import { aggregateFor } from './aggregate';
import type { Expr, Select } from './ast';
import { fail, KSQL_MESSAGES, ok, type Result } from './errors';
import { compileExpr, type Scope, type SqlType } from './expressions';
import {
  type AggregatePlan,
  type AggregateSlot,
  type OutputItem,
  POST_GROUP,
  POST_WINDOWEND,
  POST_WINDOWSTART,
  type SourceDef,
} from './plan';
import { checkDuplicates, compileCondition, inputScope, itemNames, type SelectTarget } from './plan-select';
import { planWindow } from './windows';

type CallExpr = Extract<Expr, { kind: 'call' }>;

/** The call without positions, so that COUNT(*) in SELECT and in HAVING share one accumulator. */
function canonical(e: Expr): string {
  return JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : v));
}

interface AggBuilder {
  slots: AggregateSlot[];
  keys: string[];
  types: SqlType[];
}

function resolveCall(
  e: CallExpr,
  source: SourceDef,
  alias: string | undefined,
  b: AggBuilder,
  groups: number,
  reads: Set<number>,
) {
  const key = canonical(e);
  const existing = b.keys.indexOf(key);
  if (existing >= 0) return ok({ index: POST_GROUP + groups + existing, type: b.types[existing]! });
  const fn = aggregateFor(e.name, e.star, e.args.length);
  if (fn === undefined)
    return fail<{ index: number; type: SqlType }>(
      `Can't find any functions with the name '${e.name}'.`,
      e.pos,
    );
  if (fn === 'arity')
    return fail<{ index: number; type: SqlType }>(
      `Function ${e.name} does not accept ${e.star ? '*' : `${e.args.length} argument(s)`}.`,
      e.pos,
    );
  let argType: SqlType = 'ANY';
  let arg = null;
  const argExpr = e.args[0];
  if (argExpr && !e.star) {
    const nested: Scope = {
      ...inputScope(source, alias, e.name, reads),
      call: (c) => fail('Aggregate functions can not be nested.', c.pos),
    };
    const compiled = compileExpr(argExpr, nested);
    if (!compiled.ok) return compiled;
    arg = compiled.value.evaluate;
    argType = compiled.value.type;
  }
  b.slots.push({ fn, arg });
  b.keys.push(key);
  b.types.push(fn.resultType(argType));
  return ok({ index: POST_GROUP + groups + b.slots.length - 1, type: fn.resultType(argType) });
}

function postScope(
  clause: 'SELECT' | 'HAVING',
  groupNames: string[],
  windowed: boolean,
  resolve: (e: CallExpr) => Result<{ index: number; type: SqlType }>,
  groupTypes: SqlType[],
): Scope {
  return {
    column: (e) => {
      if (e.name === 'WINDOWSTART' || e.name === 'WINDOWEND') {
        if (!windowed) return fail(`${e.name} is only available in windowed aggregations.`, e.pos);
        return ok({
          index: e.name === 'WINDOWSTART' ? POST_WINDOWSTART : POST_WINDOWEND,
          type: 'INTEGER' as SqlType,
        });
      }
      const g = groupNames.indexOf(e.name);
      if (g >= 0) return ok({ index: POST_GROUP + g, type: groupTypes[g]! });
      const message =
        clause === 'SELECT'
          ? `Non-aggregate SELECT expression(s) not part of GROUP BY: ${e.name}`
          : `Non-aggregate HAVING expression not part of GROUP BY: ${e.name}`;
      return fail(message, e.pos);
    },
    call: resolve,
  };
}

function planGroupBy(select: Select, source: SourceDef, reads: Set<number>): Result<number[]> {
  if (!select.groupBy) {
    const first = select.items.find((it) => it.kind === 'expr');
    const pos = first?.pos ?? select.pos;
    return fail('Aggregate functions require a GROUP BY clause in this subset (as in ksqlDB).', pos);
  }
  const scope = inputScope(source, select.from.alias, 'GROUP BY', reads);
  const slots: number[] = [];
  for (const e of select.groupBy) {
    if (e.kind !== 'column') return fail('GROUP BY supports column references only in this subset.', e.pos);
    const r = scope.column(e);
    if (!r.ok) return r;
    if (r.value.index >= source.columns.length) return fail('GROUP BY ROWTIME is not supported.', e.pos);
    slots.push(r.value.index);
  }
  return ok(slots);
}

export function planAggregate(
  select: Select,
  source: SourceDef,
  target: SelectTarget,
): Result<AggregatePlan> {
  const alias = select.from.alias;
  if (target.emit === 'FINAL' && !select.window)
    return fail(KSQL_MESSAGES.emitFinalNotWindowed, select.emit?.pos ?? select.pos);
  const reads = new Set<number>();
  if (source.timestampIndex >= 0) reads.add(source.timestampIndex);
  const where = compileCondition(select.where, inputScope(source, alias, 'WHERE', reads), 'WHERE');
  if (!where.ok) return where;
  const groupBy = planGroupBy(select, source, reads);
  if (!groupBy.ok) return groupBy;
  const groupNames = groupBy.value.map((i) => source.columns[i]!.name);
  const groupTypes = groupBy.value.map((i) => source.columns[i]!.type);
  const b: AggBuilder = { slots: [], keys: [], types: [] };
  const resolve = (e: CallExpr) => resolveCall(e, source, alias, b, groupNames.length, reads);
  const windowed = select.window !== undefined;
  const names = itemNames(select.items, new Set(groupNames));
  const keyNames = [...groupNames];
  const valueItems: OutputItem[] = [];
  const selectScope = postScope('SELECT', groupNames, windowed, resolve, groupTypes);
  for (let i = 0; i < select.items.length; i++) {
    const item = select.items[i]!;
    if (item.kind === 'star') return fail('SELECT * is not supported in an aggregation.', item.pos);
    const c = compileExpr(item.expr, selectScope);
    if (!c.ok) return c;
    const g = item.expr.kind === 'column' ? groupNames.indexOf(item.expr.name) : -1;
    // A selected GROUP BY column is the key (under its alias if it has one) and is kept out of the value,
    // as ksqlDB stores key columns only in the record key.
    if (g >= 0) keyNames[g] = names[i]!;
    else valueItems.push({ name: names[i]!, evaluate: c.value.evaluate });
  }
  const dup = checkDuplicates([...keyNames, ...valueItems.map((v) => v.name)], select.pos);
  if (!dup.ok) return dup;
  const having = compileCondition(
    select.having,
    postScope('HAVING', groupNames, windowed, resolve, groupTypes),
    'HAVING',
  );
  if (!having.ok) return having;
  return ok({
    kind: 'aggregate',
    index: target.index,
    sink: target.sink,
    sinkType: 'TABLE',
    source,
    inputWidth: source.columns.length + 1,
    // Complete once HAVING is compiled: SELECT and HAVING read the aggregate's row, never the input.
    readColumns: [...reads].sort((x, y) => x - y),
    where: where.value,
    groupBy: groupBy.value,
    keyNames,
    aggs: b.slots,
    window: select.window ? planWindow(select.window, target.emit) : null,
    emit: target.emit,
    having: having.value,
    valueItems,
  });
}

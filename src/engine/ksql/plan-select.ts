/**
 * Plans one SELECT: resolves names to row slots, names the output columns as ksqlDB does, and compiles every
 * expression to a closure. An aggregation (GROUP BY) becomes an AggregatePlan and produces a TABLE; anything
 * else is a projection and produces a STREAM (ksqlDB's rule, KAFKA-DETAILS 4.1).
 */
import type { EmitMode, Expr, Select, SelectItem } from './ast';
import { fail, KSQL_MESSAGES, ok, type Pos, type Result } from './errors';
import { compileExpr, type Evaluator, type Scope, type SqlType } from './expressions';
import type { OutputItem, ProjectionPlan, QueryPlan, SourceDef } from './plan';
import { planAggregate } from './plan-aggregate';

export interface SelectTarget {
  index: number;
  sink: string;
  emit: EmitMode;
}

type ColumnExpr = Extract<Expr, { kind: 'column' }>;

/**
 * Columns of the source plus ROWTIME, by name. `reads` collects the source columns resolved, so that the
 * processor reads only those from each record (QueryCommon.readColumns).
 */
export function inputScope(
  source: SourceDef,
  alias: string | undefined,
  clause: string,
  reads: Set<number>,
): Scope {
  return {
    column: (e) => {
      if (e.qualifier !== undefined && e.qualifier !== source.name && e.qualifier !== alias)
        return fail(`Source '${e.qualifier}' is not in the FROM clause.`, e.pos);
      const i = source.columns.findIndex((c) => c.name === e.name);
      if (i >= 0) {
        reads.add(i);
        return ok({ index: i, type: source.columns[i]!.type });
      }
      if (e.name === 'ROWTIME') return ok({ index: source.columns.length, type: 'INTEGER' as SqlType });
      return fail(`${clause} column '${e.name}' cannot be resolved.`, e.pos);
    },
    call: (e) => fail(`Aggregate functions are not allowed in ${clause}: ${e.name}.`, e.pos),
  };
}

export function containsCall(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return true;
    case 'unary':
    case 'isNull':
      return containsCall(e.operand);
    case 'binary':
      return containsCall(e.left) || containsCall(e.right);
    default:
      return false;
  }
}

/**
 * ksqlDB's names: an alias, else a bare column's own name, else KSQL_COL_0, KSQL_COL_1, ... skipping names
 * already taken (KAFKA.md "ksqlDB stream processing").
 */
export function itemNames(items: SelectItem[], taken: Set<string>): string[] {
  const used = new Set(taken);
  for (const it of items) if (it.kind === 'expr' && it.alias) used.add(it.alias);
  let n = 0;
  return items.map((it) => {
    if (it.kind === 'star') return '*';
    if (it.alias) return it.alias;
    if (it.expr.kind === 'column') return it.expr.name;
    while (used.has(`KSQL_COL_${n}`)) n++;
    const name = `KSQL_COL_${n}`;
    used.add(name);
    n++;
    return name;
  });
}

export function compileCondition(
  expr: Expr | undefined,
  scope: Scope,
  clause: string,
): Result<Evaluator | null> {
  if (!expr) return ok(null);
  const c = compileExpr(expr, scope);
  if (!c.ok) return c;
  if (c.value.type !== 'BOOLEAN' && c.value.type !== 'ANY')
    return fail(`Type error in ${clause} expression: Should be BOOLEAN but is ${c.value.type}.`, expr.pos);
  return ok(c.value.evaluate);
}

export function checkDuplicates(names: string[], pos: Pos): Result<true> {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return fail(`Duplicate column name in SELECT: ${name}.`, pos);
    seen.add(name);
  }
  return ok(true);
}

export function isAggregation(select: Select): boolean {
  if (select.groupBy) return true;
  if (select.having) return true;
  return select.items.some((it) => it.kind === 'expr' && containsCall(it.expr));
}

export function planSelect(select: Select, source: SourceDef, target: SelectTarget): Result<QueryPlan> {
  if (isAggregation(select)) return planAggregate(select, source, target);
  if (target.emit === 'FINAL')
    return fail(KSQL_MESSAGES.emitFinalNotWindowed, select.emit?.pos ?? select.pos);
  const windowClause = select.window;
  if (windowClause) return fail('WINDOW clause requires a GROUP BY clause.', windowClause.pos);
  return planProjection(select, source, target);
}

function planProjection(select: Select, source: SourceDef, target: SelectTarget): Result<ProjectionPlan> {
  const alias = select.from.alias;
  const where = compileCondition(select.where, inputScope(source, alias, 'WHERE', new Set()), 'WHERE');
  if (!where.ok) return where;
  const scope = inputScope(source, alias, 'SELECT', new Set());
  const keyItems: OutputItem[] = [];
  const valueItems: OutputItem[] = [];
  const names = itemNames(select.items, new Set(source.columns.map((c) => c.name)));
  const expanded: string[] = [];
  for (let i = 0; i < select.items.length; i++) {
    const item = select.items[i]!;
    if (item.kind === 'star') {
      source.columns.forEach((c, slot) => {
        const out = { name: c.name, evaluate: (row: unknown[]) => row[slot] };
        (c.key ? keyItems : valueItems).push(out);
        expanded.push(c.name);
      });
      continue;
    }
    const c = compileExpr(item.expr, scope);
    if (!c.ok) return c;
    const out = { name: names[i]!, evaluate: c.value.evaluate };
    // A source key column selected as is stays in the key (ksqlDB keeps key columns out of the value).
    (isKeyColumn(item.expr, source) ? keyItems : valueItems).push(out);
    expanded.push(out.name);
  }
  const dup = checkDuplicates(expanded, select.pos);
  if (!dup.ok) return dup;
  return ok({
    kind: 'projection',
    index: target.index,
    sink: target.sink,
    sinkType: 'STREAM',
    source,
    inputWidth: source.columns.length + 1,
    // A projection may forward any column (SELECT *): it reads them all.
    readColumns: source.columns.map((_, i) => i),
    where: where.value,
    keyItems,
    valueItems,
  });
}

function isKeyColumn(e: Expr, source: SourceDef): e is ColumnExpr {
  return e.kind === 'column' && source.columns.some((c) => c.key && c.name === e.name);
}

/**
 * What a view needs to know about a query's text, read from its syntax tree (never from running it): the
 * window, the HAVING threshold on COUNT(*), the name of the count column, and where each clause sits, so the
 * stage can reveal the query clause by clause.
 */
import type { Expr, Select, Statement } from '../ksql/ast';
import { parseScript } from '../ksql/parser';
import { itemNames } from '../ksql/plan-select';

export interface QueryShape {
  /** The sink (upper-case, as ksqlDB stores it) of the first query statement, or null for a push query. */
  readonly sink: string | null;
  readonly sinkType: 'STREAM' | 'TABLE' | null;
  readonly source: string;
  readonly window: { type: 'TUMBLING' | 'HOPPING' | 'SESSION'; sizeMs: number; advanceMs: number } | null;
  readonly groupBy: readonly string[];
  /** `HAVING COUNT(*) > n` (or >=, <, <=, =) when the condition has that shape. */
  readonly having: { op: string; value: number } | null;
  /** The output column that holds COUNT(*), if selected. */
  readonly countColumn: string | null;
}

const shapes = new Map<string, QueryShape | null>();

function countCall(e: Expr): boolean {
  return e.kind === 'call' && e.name.toUpperCase() === 'COUNT';
}

function havingOf(e: Expr | undefined): QueryShape['having'] {
  if (e?.kind !== 'binary') return null;
  const flip: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '=': '=' };
  if (!(e.op in flip)) return null;
  if (countCall(e.left) && e.right.kind === 'literal' && typeof e.right.value === 'number')
    return { op: e.op, value: e.right.value };
  if (countCall(e.right) && e.left.kind === 'literal' && typeof e.left.value === 'number')
    return { op: flip[e.op]!, value: e.left.value };
  return null;
}

function shapeOf(st: Exclude<Statement, { kind: 'createSource' }>): QueryShape {
  const select: Select = st.select;
  const groupBy = (select.groupBy ?? []).map((g) => (g.kind === 'column' ? g.name : '?'));
  const names = itemNames(select.items, new Set(groupBy));
  const countAt = select.items.findIndex((it) => it.kind === 'expr' && countCall(it.expr));
  const w = select.window;
  return {
    sink: st.kind === 'createAs' ? st.name : null,
    sinkType: st.kind === 'createAs' ? st.sourceType : null,
    source: select.from.name,
    window: w
      ? {
          type: w.type,
          sizeMs: w.sizeMs,
          advanceMs: w.type === 'HOPPING' ? (w.advanceMs ?? w.sizeMs) : w.sizeMs,
        }
      : null,
    groupBy,
    having: havingOf(select.having),
    countColumn: countAt >= 0 ? (names[countAt] ?? null) : null,
  };
}

/** The shape of the script's first query statement, or null when the script does not parse. */
export function describeQuery(script: string): QueryShape | null {
  const known = shapes.get(script);
  if (known !== undefined) return known;
  const parsed = parseScript(script);
  let shape: QueryShape | null = null;
  if (parsed.ok) {
    const st = parsed.value.find((s) => s.kind !== 'createSource');
    if (st) shape = shapeOf(st);
  }
  if (shapes.size > 64) shapes.clear();
  shapes.set(script, shape);
  return shape;
}

/**
 * Expressions by precedence, loosest first: OR, AND, NOT, comparison (and IS [NOT] NULL), + -, * / %, unary
 * minus, then literals, columns, calls and parentheses. The shape follows ksqlDB's SqlBase.g4 booleanExpression /
 * valueExpression rules, trimmed to the subset.
 */
import type { BinaryOp, Expr } from './ast';
import { ok, type Result } from './errors';
import { RESERVED, type TokenStream } from './token-stream';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
/** Where an expression may start, for error messages. */
export const EXPRESSION_START = ['column', 'number', 'string', 'TRUE', 'FALSE', 'NULL', 'NOT', "'('", "'-'"];
/** Guards against stack overflow on inputs like 100,000 opening parentheses. */
const MAX_DEPTH = 200;

export function parseExpression(ts: TokenStream, depth = 0): Result<Expr> {
  if (depth > MAX_DEPTH) return tooDeep(ts);
  return parseOr(ts, depth + 1);
}

function tooDeep<T>(ts: TokenStream): Result<T> {
  return ts.error(['a shorter expression'], 'a less deeply nested expression');
}

function parseOr(ts: TokenStream, depth: number): Result<Expr> {
  return parseLeftAssoc(ts, depth, ['OR'], parseAnd);
}

function parseAnd(ts: TokenStream, depth: number): Result<Expr> {
  return parseLeftAssoc(ts, depth, ['AND'], parseNot);
}

function parseNot(ts: TokenStream, depth: number): Result<Expr> {
  const t = ts.peek();
  if (!ts.isKeyword('NOT')) return parseComparison(ts, depth);
  if (depth > MAX_DEPTH) return tooDeep(ts);
  ts.next();
  const operand = parseNot(ts, depth + 1);
  if (!operand.ok) return operand;
  return ok({ kind: 'unary', op: 'NOT', operand: operand.value, pos: t.pos });
}

function parseComparison(ts: TokenStream, depth: number): Result<Expr> {
  const left = parseAdditive(ts, depth);
  if (!left.ok) return left;
  const t = ts.peek();
  if (t.kind === 'symbol' && COMPARISONS.has(t.text)) {
    ts.next();
    const right = parseAdditive(ts, depth);
    if (!right.ok) return right;
    return ok({ kind: 'binary', op: t.text as BinaryOp, left: left.value, right: right.value, pos: t.pos });
  }
  if (ts.isKeyword('IS')) {
    ts.next();
    const negated = ts.acceptKeyword('NOT');
    const nul = ts.expectKeyword('NULL');
    if (!nul.ok) return nul;
    return ok({ kind: 'isNull', operand: left.value, negated, pos: t.pos });
  }
  return left;
}

function parseAdditive(ts: TokenStream, depth: number): Result<Expr> {
  return parseLeftAssoc(ts, depth, ['+', '-'], parseMultiplicative);
}

function parseMultiplicative(ts: TokenStream, depth: number): Result<Expr> {
  return parseLeftAssoc(ts, depth, ['*', '/', '%'], parseUnary);
}

/** One precedence level of left-associative binary operators (symbols or keywords). */
function parseLeftAssoc(
  ts: TokenStream,
  depth: number,
  ops: string[],
  operand: (ts: TokenStream, depth: number) => Result<Expr>,
): Result<Expr> {
  const first = operand(ts, depth);
  if (!first.ok) return first;
  let left = first.value;
  for (;;) {
    const t = ts.peek();
    const isOp = (t.kind === 'symbol' || t.kind === 'ident') && ops.includes(t.text);
    if (!isOp) return ok(left);
    ts.next();
    const right = operand(ts, depth);
    if (!right.ok) return right;
    left = { kind: 'binary', op: t.text as BinaryOp, left, right: right.value, pos: t.pos };
  }
}

function parseUnary(ts: TokenStream, depth: number): Result<Expr> {
  const t = ts.peek();
  if (t.kind === 'symbol' && (t.text === '-' || t.text === '+') && depth > MAX_DEPTH) return tooDeep(ts);
  if (ts.acceptSymbol('-')) {
    const operand = parseUnary(ts, depth + 1);
    if (!operand.ok) return operand;
    const v = operand.value;
    // Fold a negative number literal so that `-5` stays a literal (HAVING SUM(x) > -5).
    if (v.kind === 'literal' && typeof v.value === 'number') return ok({ ...v, value: -v.value, pos: t.pos });
    return ok({ kind: 'unary', op: '-', operand: v, pos: t.pos });
  }
  if (ts.acceptSymbol('+')) return parseUnary(ts, depth + 1);
  return parsePrimary(ts, depth);
}

function parsePrimary(ts: TokenStream, depth: number): Result<Expr> {
  const t = ts.peek();
  if (t.kind === 'number') {
    ts.next();
    return ok({ kind: 'literal', value: Number(t.text), integer: !t.text.includes('.'), pos: t.pos });
  }
  if (t.kind === 'string') {
    ts.next();
    return ok({ kind: 'literal', value: t.text, integer: false, pos: t.pos });
  }
  if (ts.acceptSymbol('(')) {
    const inner = parseExpression(ts, depth + 1);
    if (!inner.ok) return inner;
    const close = ts.expectSymbol(')');
    return close.ok ? inner : close;
  }
  if (t.kind === 'ident' && (t.text === 'TRUE' || t.text === 'FALSE' || t.text === 'NULL')) {
    ts.next();
    const value = t.text === 'NULL' ? null : t.text === 'TRUE';
    return ok({ kind: 'literal', value, integer: false, pos: t.pos });
  }
  if ((t.kind === 'ident' && !RESERVED.has(t.text)) || t.kind === 'quoted') {
    ts.next();
    if (t.kind === 'ident' && ts.isSymbol('(')) return parseCall(ts, t.text, t.pos, depth);
    if (ts.isSymbol('.')) {
      ts.next();
      const col = ts.expectIdentifier('a column name');
      if (!col.ok) return col;
      return ok({ kind: 'column', name: col.value.name, qualifier: t.text, pos: t.pos });
    }
    return ok({ kind: 'column', name: t.text, pos: t.pos });
  }
  return ts.error(EXPRESSION_START, 'an expression');
}

/** NAME( [*] | [expr {, expr}] ) */
function parseCall(ts: TokenStream, name: string, pos: Expr['pos'], depth: number): Result<Expr> {
  ts.next();
  if (ts.acceptSymbol('*')) {
    const close = ts.expectSymbol(')');
    if (!close.ok) return close;
    return ok({ kind: 'call', name, args: [], star: true, pos });
  }
  const args: Expr[] = [];
  if (!ts.isSymbol(')')) {
    do {
      const arg = parseExpression(ts, depth + 1);
      if (!arg.ok) return arg;
      args.push(arg.value);
    } while (ts.acceptSymbol(','));
  }
  if (!ts.isSymbol(')')) return ts.error(["','", "')'"]);
  ts.next();
  return ok({ kind: 'call', name, args, star: false, pos });
}

/**
 * Expressions compiled once to closures over a row (an array of slots), so a record costs no tree walk and no
 * name lookup. Closures over the syntax tree, not generated code: no eval, no new Function.
 *
 * SQL null semantics as in ksqlDB: arithmetic and comparisons with NULL give NULL, AND/OR are three-valued, and
 * WHERE/HAVING treat NULL as false. Integer division truncates and a division by zero gives NULL (ksqlDB logs
 * the error to its processing log and writes NULL for the expression).
 */
import type { BinaryOp, Expr } from './ast';
import { fail, ok, type Result } from './errors';

export type SqlType = 'INTEGER' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'ANY';
export type Row = unknown[];
export type Evaluator = (row: Row) => unknown;
export interface Compiled {
  evaluate: Evaluator;
  type: SqlType;
}

/** Resolves a column or an aggregate call to a slot of the row (the planner knows which are allowed where). */
export interface Scope {
  column(expr: Extract<Expr, { kind: 'column' }>): Result<{ index: number; type: SqlType }>;
  call(expr: Extract<Expr, { kind: 'call' }>): Result<{ index: number; type: SqlType }>;
}

export function sqlTypeOf(declared: string): SqlType {
  if (declared === 'INT' || declared === 'INTEGER' || declared === 'BIGINT') return 'INTEGER';
  if (declared === 'DOUBLE' || declared === 'DECIMAL') return 'DOUBLE';
  if (declared === 'STRING' || declared === 'VARCHAR') return 'STRING';
  if (declared === 'BOOLEAN') return 'BOOLEAN';
  return 'ANY';
}

const isNumeric = (t: SqlType): boolean => t === 'INTEGER' || t === 'DOUBLE' || t === 'ANY';

export function compileExpr(expr: Expr, scope: Scope): Result<Compiled> {
  switch (expr.kind) {
    case 'literal': {
      const v = expr.value;
      const type: SqlType =
        typeof v === 'number'
          ? expr.integer
            ? 'INTEGER'
            : 'DOUBLE'
          : typeof v === 'string'
            ? 'STRING'
            : typeof v === 'boolean'
              ? 'BOOLEAN'
              : 'ANY';
      return ok({ evaluate: () => v, type });
    }
    case 'column':
    case 'call': {
      const slot = expr.kind === 'column' ? scope.column(expr) : scope.call(expr);
      if (!slot.ok) return slot;
      const i = slot.value.index;
      return ok({ evaluate: (row) => row[i], type: slot.value.type });
    }
    case 'isNull': {
      const operand = compileExpr(expr.operand, scope);
      if (!operand.ok) return operand;
      const f = operand.value.evaluate;
      const evaluate: Evaluator = expr.negated ? (row) => f(row) != null : (row) => f(row) == null;
      return ok({ evaluate, type: 'BOOLEAN' });
    }
    case 'unary':
      return compileUnary(expr, scope);
    case 'binary':
      return compileBinary(expr, scope);
  }
}

function compileUnary(expr: Extract<Expr, { kind: 'unary' }>, scope: Scope): Result<Compiled> {
  const operand = compileExpr(expr.operand, scope);
  if (!operand.ok) return operand;
  const f = operand.value.evaluate;
  const t = operand.value.type;
  if (expr.op === 'NOT') {
    if (t !== 'BOOLEAN' && t !== 'ANY') return fail(`NOT expects a BOOLEAN operand but got ${t}.`, expr.pos);
    return ok({ evaluate: (row) => not(f(row)), type: 'BOOLEAN' });
  }
  if (!isNumeric(t)) return fail(`Unary minus expects a number but got ${t}.`, expr.pos);
  return ok({ evaluate: (row) => neg(f(row)), type: t });
}

function not(v: unknown): unknown {
  return v == null ? null : !v;
}

function neg(v: unknown): unknown {
  return typeof v === 'number' ? -v : null;
}

function compileBinary(expr: Extract<Expr, { kind: 'binary' }>, scope: Scope): Result<Compiled> {
  const l = compileExpr(expr.left, scope);
  if (!l.ok) return l;
  const r = compileExpr(expr.right, scope);
  if (!r.ok) return r;
  const a = l.value.evaluate;
  const b = r.value.evaluate;
  const lt = l.value.type;
  const rt = r.value.type;
  const op = expr.op;
  if (op === 'AND' || op === 'OR') {
    for (const t of [lt, rt])
      if (t !== 'BOOLEAN' && t !== 'ANY')
        return fail(`${op} expects BOOLEAN operands but got ${t}.`, expr.pos);
    const evaluate: Evaluator = op === 'AND' ? (row) => and(a(row), b(row)) : (row) => or(a(row), b(row));
    return ok({ evaluate, type: 'BOOLEAN' });
  }
  if (op === '=' || op === '<>' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (!comparable(lt, rt)) return fail(`Cannot compare ${lt} to ${rt} with ${op}.`, expr.pos);
    return ok({ evaluate: comparison(op, a, b), type: 'BOOLEAN' });
  }
  if (op === '+' && lt === 'STRING' && rt === 'STRING') {
    return ok({ evaluate: (row) => concat(a(row), b(row)), type: 'STRING' });
  }
  if (!isNumeric(lt) || !isNumeric(rt))
    return fail(`Unsupported arithmetic types. ${lt} ${op} ${rt}`, expr.pos);
  const type: SqlType =
    lt === 'INTEGER' && rt === 'INTEGER' ? 'INTEGER' : lt === 'ANY' || rt === 'ANY' ? 'ANY' : 'DOUBLE';
  return ok({ evaluate: arithmetic(op, a, b, type === 'INTEGER'), type });
}

function comparable(a: SqlType, b: SqlType): boolean {
  if (a === 'ANY' || b === 'ANY' || a === b) return true;
  return isNumeric(a) && isNumeric(b);
}

function and(x: unknown, y: unknown): unknown {
  if (x === false || y === false) return false;
  if (x == null || y == null) return null;
  return true;
}

function or(x: unknown, y: unknown): unknown {
  if (x === true || y === true) return true;
  if (x == null || y == null) return null;
  return false;
}

function concat(x: unknown, y: unknown): unknown {
  return x == null || y == null ? null : String(x) + String(y);
}

/** -1, 0 or 1; NULL when either side is NULL; NaN (no order) when the types differ. */
function compare(x: unknown, y: unknown): number | null {
  if (x == null || y == null) return null;
  if (typeof x !== typeof y) return Number.NaN;
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

function comparison(op: BinaryOp, a: Evaluator, b: Evaluator): Evaluator {
  switch (op) {
    case '=':
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c === 0;
      };
    case '<>':
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c !== 0;
      };
    case '<':
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c < 0;
      };
    case '<=':
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c <= 0;
      };
    case '>':
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c > 0;
      };
    default:
      return (row) => {
        const c = compare(a(row), b(row));
        return c === null ? null : c >= 0;
      };
  }
}

function arithmetic(op: BinaryOp, a: Evaluator, b: Evaluator, integer: boolean): Evaluator {
  const num = (f: (x: number, y: number) => number | null): Evaluator => {
    return (row) => {
      const x = a(row);
      const y = b(row);
      return typeof x === 'number' && typeof y === 'number' ? f(x, y) : null;
    };
  };
  switch (op) {
    case '+':
      return num((x, y) => x + y);
    case '-':
      return num((x, y) => x - y);
    case '*':
      return num((x, y) => x * y);
    case '/':
      return integer ? num((x, y) => (y === 0 ? null : Math.trunc(x / y))) : num((x, y) => x / y);
    default:
      return integer ? num((x, y) => (y === 0 ? null : x % y)) : num((x, y) => x % y);
  }
}

/**
 * Statements of the subset (issue 6, point 1), by recursive descent over the tokens. Never throws: every rule
 * returns a Result, and the first syntax error ends the parse with its position and the expected tokens.
 */
import type { ColumnDef, EmitMode, Expr, PropValue, Select, SelectItem, SourceType, Statement } from './ast';
import { ok, type Pos, type Result } from './errors';
import { tokenize } from './lexer';
import { EXPRESSION_START, parseExpression } from './parse-expression';
import { parseWindow } from './parse-window';
import { TokenStream } from './token-stream';

const TYPES = [
  'BOOLEAN',
  'INT',
  'INTEGER',
  'BIGINT',
  'DOUBLE',
  'DECIMAL',
  'STRING',
  'VARCHAR',
  'BYTES',
  'TIMESTAMP',
];

/** The clauses after FROM, in the order ksqlDB's grammar allows them. */
const CLAUSES = ['WINDOW', 'WHERE', 'GROUP', 'HAVING', 'EMIT'] as const;

export function parseScript(src: string): Result<Statement[]> {
  const tokens = tokenize(src);
  if (!tokens.ok) return tokens;
  const ts = new TokenStream(tokens.value);
  const statements: Statement[] = [];
  for (;;) {
    while (ts.acceptSymbol(';'));
    if (ts.peek().kind === 'eof') break;
    const st = parseStatement(ts);
    if (!st.ok) return st;
    statements.push(st.value.statement);
    if (ts.acceptSymbol(';') || ts.peek().kind === 'eof') continue;
    return ts.error([...st.value.next, "';'"]);
  }
  if (statements.length === 0) return ts.error(['CREATE', 'SELECT'], 'a statement (CREATE or SELECT)');
  return ok(statements);
}

/** A statement, and the optional tokens that could still have followed it (for the error after it). */
type Parsed = { statement: Statement; next: string[] };

function parseStatement(ts: TokenStream): Result<Parsed> {
  const t = ts.peek();
  if (ts.isKeyword('SELECT')) {
    const sel = parseSelect(ts);
    if (!sel.ok) return sel;
    return ok({ statement: { kind: 'select', select: sel.value.select, pos: t.pos }, next: sel.value.next });
  }
  if (!ts.isKeyword('CREATE')) return ts.error(['CREATE', 'SELECT'], 'a statement (CREATE or SELECT)');
  ts.next();
  const typeTok = ts.expectKeyword('STREAM', 'TABLE');
  if (!typeTok.ok) return typeTok;
  const sourceType = typeTok.value.text as SourceType;
  const name = ts.expectIdentifier('a stream or table name');
  if (!name.ok) return name;
  const base = { sourceType, name: name.value.name, pos: t.pos, typePos: typeTok.value.pos };
  if (ts.isSymbol('(')) {
    const columns = parseColumns(ts);
    if (!columns.ok) return columns;
    const props = ts.isKeyword('WITH') ? parseProps(ts) : ok({});
    if (!props.ok) return props;
    const statement: Statement = {
      kind: 'createSource',
      ...base,
      columns: columns.value,
      props: props.value,
    };
    return ok({ statement, next: ts.isKeyword('WITH') ? [] : ['WITH'] });
  }
  const props = ts.isKeyword('WITH') ? parseProps(ts) : ok({});
  if (!props.ok) return props;
  if (!ts.isKeyword('AS')) return ts.error(Object.keys(props.value).length ? ['AS'] : ["'('", 'WITH', 'AS']);
  ts.next();
  if (!ts.isKeyword('SELECT')) return ts.error(['SELECT']);
  const sel = parseSelect(ts);
  if (!sel.ok) return sel;
  return ok({
    statement: { kind: 'createAs', ...base, props: props.value, select: sel.value.select },
    next: sel.value.next,
  });
}

function parseColumns(ts: TokenStream): Result<ColumnDef[]> {
  ts.next();
  const columns: ColumnDef[] = [];
  do {
    const name = ts.expectIdentifier('a column name');
    if (!name.ok) return name;
    const type = ts.expectKeyword(...TYPES);
    if (!type.ok) return type;
    if (ts.acceptSymbol('(')) {
      do {
        const n = ts.expectInteger();
        if (!n.ok) return n;
      } while (ts.acceptSymbol(','));
      const close = ts.expectSymbol(')');
      if (!close.ok) return close;
    }
    let key = ts.acceptKeyword('KEY');
    if (!key && ts.acceptKeyword('PRIMARY')) {
      const k = ts.expectKeyword('KEY');
      if (!k.ok) return k;
      key = true;
    }
    columns.push({ name: name.value.name, type: type.value.text, key, pos: name.value.pos });
  } while (ts.acceptSymbol(','));
  if (!ts.isSymbol(')')) return ts.error(['KEY', "','", "')'"]);
  ts.next();
  return ok(columns);
}

function parseProps(ts: TokenStream): Result<Record<string, PropValue>> {
  ts.next();
  const open = ts.expectSymbol('(');
  if (!open.ok) return open;
  const props: Record<string, PropValue> = {};
  do {
    const name = ts.expectIdentifier('a property name (e.g. KAFKA_TOPIC)');
    if (!name.ok) return name;
    const eq = ts.expectSymbol('=');
    if (!eq.ok) return eq;
    const v = ts.peek();
    if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'ident' && v.kind !== 'quoted')
      return ts.error(['string', 'number'], 'a property value');
    ts.next();
    props[name.value.name.toUpperCase()] = {
      value: v.kind === 'number' ? Number(v.text) : v.text,
      pos: v.pos,
    };
  } while (ts.acceptSymbol(','));
  const close = ts.isSymbol(')') ? ts.expectSymbol(')') : ts.error<never>(["','", "')'"]);
  return close.ok ? ok(props) : close;
}

function parseSelectItem(ts: TokenStream): Result<SelectItem> {
  const t = ts.peek();
  if (ts.acceptSymbol('*')) return ok({ kind: 'star', pos: t.pos });
  const expr = parseExpression(ts);
  if (!expr.ok) return expr;
  const item: SelectItem = { kind: 'expr', expr: expr.value, pos: t.pos };
  if (ts.acceptKeyword('AS')) {
    const alias = ts.expectIdentifier('an alias');
    if (!alias.ok) return alias;
    item.alias = alias.value.name;
  } else if (ts.peek().kind === 'quoted' || (ts.peek().kind === 'ident' && !isClauseWord(ts))) {
    const alias = ts.expectIdentifier('an alias');
    if (alias.ok) item.alias = alias.value.name;
    else return alias;
  }
  return ok(item);
}

function isClauseWord(ts: TokenStream): boolean {
  return ['FROM', 'AS', 'AND', 'OR', 'IS', 'NOT', 'WINDOW', 'WHERE', 'GROUP', 'HAVING', 'EMIT'].some((w) =>
    ts.isKeyword(w),
  );
}

function parseExprList(ts: TokenStream): Result<Expr[]> {
  const list: Expr[] = [];
  do {
    const e = parseExpression(ts);
    if (!e.ok) return e;
    list.push(e.value);
  } while (ts.acceptSymbol(','));
  return ok(list);
}

/** SELECT items FROM source [alias] [WINDOW ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [EMIT ...]. */
function parseSelect(ts: TokenStream): Result<{ select: Select; next: string[] }> {
  const start = ts.next().pos;
  const items: SelectItem[] = [];
  do {
    const item = parseSelectItem(ts);
    if (!item.ok) return item;
    items.push(item.value);
  } while (ts.acceptSymbol(','));
  if (!ts.isKeyword('FROM')) return ts.error(items.length ? ["','", 'AS', 'FROM'] : EXPRESSION_START);
  ts.next();
  const from = ts.expectIdentifier('a stream name');
  if (!from.ok) return from;
  const select: Select = { items, from: { name: from.value.name, pos: from.value.pos }, pos: start };
  if (ts.peek().kind === 'quoted' || (ts.peek().kind === 'ident' && !CLAUSES.some((c) => ts.isKeyword(c)))) {
    const alias = ts.expectIdentifier('an alias');
    if (!alias.ok) return alias;
    select.from.alias = alias.value.name;
  }
  return parseClauses(ts, select);
}

function parseClauses(ts: TokenStream, select: Select): Result<{ select: Select; next: string[] }> {
  let stage = 0;
  for (;;) {
    const t = ts.peek();
    const idx = t.kind === 'ident' ? CLAUSES.indexOf(t.text as (typeof CLAUSES)[number]) : -1;
    if (idx < stage) return ok({ select, next: CLAUSES.slice(stage) });
    ts.next();
    stage = idx + 1;
    const r = parseClause(ts, select, CLAUSES[idx]!, t.pos);
    if (!r.ok) return r;
  }
}

function parseClause(ts: TokenStream, select: Select, clause: string, pos: Pos): Result<true> {
  if (clause === 'WINDOW') {
    const w = parseWindow(ts);
    if (!w.ok) return w;
    select.window = w.value;
  } else if (clause === 'WHERE' || clause === 'HAVING') {
    const e = parseExpression(ts);
    if (!e.ok) return e;
    if (clause === 'WHERE') select.where = e.value;
    else select.having = e.value;
  } else if (clause === 'GROUP') {
    const by = ts.expectKeyword('BY');
    if (!by.ok) return by;
    const list = parseExprList(ts);
    if (!list.ok) return list;
    select.groupBy = list.value;
  } else {
    const mode = ts.expectKeyword('CHANGES', 'FINAL');
    if (!mode.ok) return mode;
    select.emit = { mode: mode.value.text as EmitMode, pos };
  }
  return ok(true);
}

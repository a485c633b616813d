/**
 * Turns a script into tokens with 1-based line and column. Unquoted identifiers are upper-cased here (ksqlDB's
 * rule); keywords are identifiers that the parser recognises by their upper-case text, so `select` == `SELECT`.
 */
import { fail, ok, type Pos, type Result } from './errors';

export type TokenKind = 'ident' | 'quoted' | 'number' | 'string' | 'symbol' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Upper-cased for `ident`; the unescaped text for `quoted` and `string`; the raw text otherwise. */
  text: string;
  /** The source text as written, for error messages. */
  raw: string;
  pos: Pos;
}

const SYMBOLS = ['<>', '!=', '<=', '>=', '(', ')', ',', ';', '.', '*', '+', '-', '/', '%', '=', '<', '>'];

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c) || c === '@' || c === '$';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

class Cursor {
  i = 0;
  line = 1;
  column = 1;
  constructor(readonly src: string) {}
  peek(ahead = 0): string {
    return this.src[this.i + ahead] ?? '';
  }
  advance(): string {
    const c = this.src[this.i] ?? '';
    this.i++;
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    return c;
  }
  pos(): Pos {
    return { line: this.line, column: this.column };
  }
}

/** Reads a quoted run ('...' or "...") where a doubled quote stands for one, as in SQL. */
function readQuoted(cur: Cursor, quote: string): string | null {
  cur.advance();
  let out = '';
  while (cur.i < cur.src.length) {
    const c = cur.advance();
    if (c !== quote) out += c;
    else if (cur.peek() === quote) out += cur.advance();
    else return out;
  }
  return null;
}

function readNumber(cur: Cursor): string {
  let text = '';
  while (isDigit(cur.peek())) text += cur.advance();
  if (cur.peek() === '.' && isDigit(cur.peek(1))) {
    text += cur.advance();
    while (isDigit(cur.peek())) text += cur.advance();
  }
  return text;
}

/** Skips blanks and comments (`-- to end of line` and block comments); false on an unterminated block comment. */
function skipTrivia(cur: Cursor): boolean {
  for (;;) {
    const c = cur.peek();
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') cur.advance();
    else if (c === '-' && cur.peek(1) === '-') {
      while (cur.i < cur.src.length && cur.peek() !== '\n') cur.advance();
    } else if (c === '/' && cur.peek(1) === '*') {
      cur.advance();
      cur.advance();
      while (!(cur.peek() === '*' && cur.peek(1) === '/')) {
        if (cur.i >= cur.src.length) return false;
        cur.advance();
      }
      cur.advance();
      cur.advance();
    } else return true;
  }
}

export function tokenize(src: string): Result<Token[]> {
  const cur = new Cursor(typeof src === 'string' ? src : '');
  const tokens: Token[] = [];
  for (;;) {
    const start = cur.pos();
    if (!skipTrivia(cur)) return fail('Unterminated comment: expected */', start);
    const pos = cur.pos();
    const c = cur.peek();
    if (c === '') break;
    if (isIdentStart(c)) {
      let raw = '';
      while (isIdentPart(cur.peek())) raw += cur.advance();
      tokens.push({ kind: 'ident', text: raw.toUpperCase(), raw, pos });
    } else if (isDigit(c)) {
      const raw = readNumber(cur);
      tokens.push({ kind: 'number', text: raw, raw, pos });
    } else if (c === "'" || c === '"' || c === '`') {
      const startI = cur.i;
      const text = readQuoted(cur, c);
      if (text === null) return fail(`Unterminated ${c === "'" ? 'string' : 'quoted identifier'}`, pos, [c]);
      const raw = cur.src.slice(startI, cur.i);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text, raw, pos });
    } else {
      const sym = SYMBOLS.find((s) => cur.src.startsWith(s, cur.i));
      if (!sym) return fail(`Unexpected character '${c}'`, pos);
      for (let k = 0; k < sym.length; k++) cur.advance();
      tokens.push({ kind: 'symbol', text: sym === '!=' ? '<>' : sym, raw: sym, pos });
    }
  }
  tokens.push({ kind: 'eof', text: '', raw: '', pos: cur.pos() });
  return ok(tokens);
}

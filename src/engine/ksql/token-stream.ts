/**
 * The parser's view of the tokens: look-ahead, keyword tests and errors that say what would have been accepted.
 * Every `expect*` returns a Result so that a syntax error travels up as a value (nothing throws).
 */
import { describeToken, fail, ok, oneOf, type Pos, type Result } from './errors';
import type { Token } from './lexer';

/** Words that end an expression or a select item, so they cannot be an implicit alias. */
export const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'WINDOW',
  'EMIT',
  'AS',
  'AND',
  'OR',
  'NOT',
  'CREATE',
  'WITH',
  'IS',
  'NULL',
  'TRUE',
  'FALSE',
  'PARTITION',
  'LIMIT',
  'CHANGES',
  'FINAL',
]);

export class TokenStream {
  i = 0;
  constructor(readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1]!;
    return this.tokens[this.i + ahead] ?? last;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.text === word;
  }

  isSymbol(sym: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'symbol' && t.text === sym;
  }

  /** Consumes the keyword if it is next. */
  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i++;
    return true;
  }

  acceptSymbol(sym: string): boolean {
    if (!this.isSymbol(sym)) return false;
    this.i++;
    return true;
  }

  /** A syntax error at the next token, naming what was expected. */
  error<T>(expected: string[], what?: string): Result<T> {
    const t = this.peek();
    const found = t.kind === 'eof' ? 'end of input' : describeToken(t.raw);
    const message = `Syntax error: expected ${what ?? oneOf(expected)} but found ${found}`;
    return fail(message, t.pos, expected);
  }

  expectKeyword(...words: string[]): Result<Token> {
    const t = this.peek();
    if (t.kind === 'ident' && words.includes(t.text)) return ok(this.next());
    return this.error(words);
  }

  expectSymbol(sym: string): Result<Token> {
    if (this.isSymbol(sym)) return ok(this.next());
    return this.error([`'${sym}'`]);
  }

  /** An identifier: unquoted (upper-cased, not reserved) or quoted (kept as written). */
  expectIdentifier(what = 'an identifier'): Result<{ name: string; pos: Pos }> {
    const t = this.peek();
    if ((t.kind === 'ident' && !RESERVED.has(t.text)) || t.kind === 'quoted') {
      this.next();
      return ok({ name: t.text, pos: t.pos });
    }
    return this.error(['identifier'], what);
  }

  /** A non-negative integer literal. */
  expectInteger(what = 'a number'): Result<{ value: number; pos: Pos }> {
    const t = this.peek();
    if (t.kind === 'number' && /^\d+$/.test(t.text)) {
      this.next();
      return ok({ value: Number(t.text), pos: t.pos });
    }
    return this.error(['number'], what);
  }
}

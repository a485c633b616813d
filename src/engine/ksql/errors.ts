/**
 * Errors are values (STYLE.md: nothing throws). Every error carries a 1-based line and column so the editor can
 * point at it; a syntax error also lists what the parser would have accepted there.
 */
export interface KsqlError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** What the parser would have accepted at that point (syntax errors only). */
  expected?: string[];
}

export interface Pos {
  line: number;
  column: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KsqlError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(message: string, pos: Pos, expected?: string[]): Result<T> {
  const error: KsqlError = { message, line: pos.line, column: pos.column };
  if (expected) error.expected = expected;
  return { ok: false, error };
}

/** ksqlDB's own messages, word for word (KAFKA-DETAILS 4.1; EngineExecutor.validateResultType, QTT suppress.json). */
export const KSQL_MESSAGES = {
  produceTable:
    'Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.',
  produceStream:
    'Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.',
  emitFinalNotWindowed: 'EMIT FINAL is only supported for windowed aggregations.',
} as const;

/** Quotes a token for an error message the way ksqlDB's parser does: 'FROM'. */
export function describeToken(text: string): string {
  return text === '' ? 'end of input' : `'${text}'`;
}

/** "a, b or c": the expected list in a sentence. */
export function oneOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

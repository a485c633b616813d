/**
 * The query as the editor shows it (without the preamble) and ksqlDB's errors mapped onto it. Shared by the
 * lazily loaded editor and the rest of the view; the compiler comes from the loaded ksql engine.
 */
import type { KsqlError } from '../../../engine';
import { loadedKsqlEngine } from '../../store/ksql-loader';

export interface EditorError {
  readonly message: string;
  /** 1-based, in the editor's text. */
  readonly line: number;
  readonly column: number;
}

export function fullScript(preamble: string | undefined, text: string): string {
  return preamble ? `${preamble}\n\n${text}` : text;
}

function preambleLines(preamble: string | undefined): number {
  return preamble ? preamble.split('\n').length + 1 : 0;
}

export function toEditorError(e: KsqlError, preamble: string | undefined): EditorError {
  const line = e.line - preambleLines(preamble);
  return line >= 1
    ? { message: e.message, line, column: e.column }
    : { message: e.message, line: 1, column: 1 };
}

/** The first error ksqlDB would report for the edited text, or null when it compiles (talk mode). */
export function checkQuery(preamble: string | undefined, text: string): EditorError | null {
  const r = loadedKsqlEngine().compile(fullScript(preamble, text), false);
  return r.ok ? null : toEditorError(r.error, preamble);
}

export const describeError = (e: EditorError): string => `line ${e.line}, column ${e.column}: ${e.message}`;

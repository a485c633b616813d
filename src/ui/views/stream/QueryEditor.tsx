/**
 * The query editor: CodeMirror 6 with SQL highlighting, ksqlDB's errors as inline diagnostics at their line
 * and column, Mod-Enter to run, Escape to hand the keys back to the deck. Loaded lazily (React.lazy), so
 * CodeMirror stays out of the initial bundle. CodeMirror injects style sheets at run time (the CSP allows
 * inline styles) and needs no eval.
 */
import { sql } from '@codemirror/lang-sql';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, linter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { checkQuery, type EditorError } from './query-errors';

/** Colours from the deck's CSS variables, so both themes keep their contrast. */
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--accent)', fontWeight: '700' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--ok)' },
  { tag: [tags.operator, tags.punctuation, tags.bracket], color: 'var(--muted)' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', fontSize: '1rem' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--accent)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', border: 'none' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)' },
  '&.cm-focused': { outline: '3px solid var(--accent)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--text)',
    border: '2px solid var(--lane-edge)',
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
});

function diagnosticAt(view: EditorView, e: EditorError): Diagnostic {
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(1, e.line), doc.lines));
  const from = Math.min(line.from + Math.max(0, e.column - 1), line.to);
  const word = /^\w+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
  return { from, to: Math.min(line.to, from + Math.max(1, word)), severity: 'error', message: e.message };
}

interface Props {
  text: string;
  preamble: string | undefined;
  /** Called with the current text on Mod-Enter; the panel's Run button reads it through `textRef`. */
  onRun: (text: string) => void;
  onError: (error: EditorError | null) => void;
  textRef: { current: () => string };
}

export default function QueryEditor({ text, preamble, onRun, onError, textRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onRun, onError });
  callbacks.current = { onRun, onError };
  useEffect(() => {
    if (!host.current) return;
    const lint = linter(
      (view) => {
        const error = checkQuery(preamble, view.state.doc.toString());
        callbacks.current.onError(error);
        return error ? [diagnosticAt(view, error)] : [];
      },
      { delay: 300 },
    );
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          minimalSetup,
          lineNumbers(),
          // Wrapped lines: the editor never scrolls sideways, so it needs no scrollable region of its own.
          EditorView.lineWrapping,
          sql(),
          syntaxHighlighting(highlight),
          theme,
          lint,
          EditorView.contentAttributes.of({ 'aria-label': 'ksqlDB query, editable' }),
          keymap.of([
            {
              key: 'Mod-Enter',
              run: (v) => {
                callbacks.current.onRun(v.state.doc.toString());
                return true;
              },
            },
            {
              key: 'Escape',
              run: (v) => {
                v.contentDOM.blur();
                return true;
              },
            },
          ]),
        ],
      }),
    });
    textRef.current = () => view.state.doc.toString();
    return () => view.destroy();
  }, [text, preamble, textRef]);
  return <div ref={host} className="query-editor-host" />;
}

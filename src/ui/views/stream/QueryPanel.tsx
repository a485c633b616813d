/**
 * The query on stage. While the talk builds it, the clauses shown so far (the newest one marked) with the
 * rest held as blanks; once it is whole and the scene allows, a real editor (loaded lazily) whose Run
 * records a live action `runQuery`, so the edit survives a reload, syncs to the presenter's window, and
 * forks the run like any live action.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { CommandButton } from '../../CommandButton';
import { send } from '../../player/actor';
import { liveCommands } from '../../player/live-commands';
import { clauseLines } from './clauses';
import { checkQuery, describeError, type EditorError, fullScript } from './query-errors';

const QueryEditor = lazy(() => import('./QueryEditor'));

interface Props {
  text: string;
  clauses: number;
  /** The newest clause gets a marker while the query is being built. */
  building: boolean;
  editable: boolean;
  queryId: string;
  preamble: string | undefined;
}

function StaticQuery({ text, clauses, building }: { text: string; clauses: number; building: boolean }) {
  return (
    <pre className="query-static">
      {clauseLines(text).map((l, i) => {
        const shown = l.clause <= clauses;
        const newest = building && l.clause === clauses;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, by position
          <span key={i} className={`query-line${newest ? ' newest' : ''}${shown ? '' : ' pending'}`}>
            {shown ? l.text : ' '}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

export function QueryPanel({ text, clauses, building, editable, queryId, preamble }: Props) {
  const [error, setError] = useState<EditorError | null>(null);
  const textRef = useRef<() => string>(() => text);
  /** The query to run, or null (and the error shown) when it does not compile. */
  const checked = (current: string) => {
    const e = checkQuery(preamble, current);
    setError(e);
    return e ? null : { queryId, text: current, script: fullScript(preamble, current) };
  };
  const run = (current: string) => {
    const query = checked(current);
    if (query) liveCommands.runQuery.run(send, query);
  };
  if (!editable) return <StaticQuery text={text} clauses={clauses} building={building} />;
  return (
    <div className="query-panel">
      <div className="query-editor" data-typing data-testid="query-editor">
        <Suspense fallback={<StaticQuery text={text} clauses={clauses} building={false} />}>
          <QueryEditor
            key={text}
            text={text}
            preamble={preamble}
            onRun={run}
            onError={setError}
            textRef={textRef}
          />
        </Suspense>
      </div>
      <div className="query-actions">
        <CommandButton
          command={liveCommands.runQuery}
          gather={() => checked(textRef.current())}
          testId="query-run"
        />
        {error ? (
          <p className="query-error" role="alert" data-testid="query-error">
            {describeError(error)}
          </p>
        ) : (
          <p className="query-hint">Edit, then Run (Ctrl+Enter). Esc returns the keys to the deck.</p>
        )}
      </div>
    </div>
  );
}

/**
 * Stream processing on stage: the query (built clause by clause, then editable) and the output topic on
 * the left; the input stream on a timeline with its windows, card rows and counts on the right. A function
 * of (engine frame, playhead, step); the engine decides every key, window, count and row.
 */
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { ALL_CLAUSES, CLAUSE } from './clauses';
import { OutputList } from './OutputList';
import { QueryPanel } from './QueryPanel';
import { streamModel } from './stream-model';
import { Timeline } from './Timeline';
import './stream.css';

interface Props {
  view: Extract<SceneView, { kind: 'stream' }>;
  frame: Frame;
  playheadMs: number;
  step: number;
}

export function StreamView({ view, frame, playheadMs, step }: Props) {
  const model = streamModel(frame.state, view.query, view.output, view.preamble, playheadMs);
  const clauses = view.clauses?.[step] ?? ALL_CLAUSES;
  const previousClauses = step > 0 ? (view.clauses?.[step - 1] ?? ALL_CLAUSES) : clauses;
  const span = frame.toMs - frame.fromMs;
  const progress = span > 0 ? Math.min(1, Math.max(0, (playheadMs - frame.fromMs) / span)) : 1;
  const spanMs = view.spanMs ?? [frame.state.now - 30 * 60_000, frame.state.now];
  const editable = view.editableFrom !== undefined && step >= view.editableFrom && view.query !== undefined;
  const warning = model.query?.warnings[0];
  const focus = view.focus?.[step] ?? null;
  return (
    <div className="stream-view">
      <div className="stream-side">
        {model.query ? (
          <QueryPanel
            text={model.text}
            clauses={clauses}
            building={clauses < ALL_CLAUSES || previousClauses < ALL_CLAUSES}
            editable={editable}
            queryId={view.query ?? ''}
            preamble={view.preamble}
          />
        ) : (
          <p className="stage-empty">No query is running.</p>
        )}
        {clauses >= CLAUSE.CREATE && warning && (
          <p className="stream-warning" role="note">
            ⚠ {warning.split(': ')[0]}.
          </p>
        )}
        {clauses >= CLAUSE.CREATE && <OutputList topic={view.output} rows={model.output} focus={focus} />}
      </div>
      <div className="stream-main">
        <Timeline
          model={model}
          clauses={clauses}
          previousClauses={previousClauses}
          progress={progress}
          spanMs={spanMs}
          playheadMs={playheadMs}
          stepFromMs={frame.fromMs}
          cardRows={view.cardRows}
          focus={focus}
        />
      </div>
    </div>
  );
}

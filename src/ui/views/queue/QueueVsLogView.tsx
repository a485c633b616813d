/** Not built yet: the 'queue-vs-log' view. Says so on stage rather than drawing something wrong. */
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';

export function QueueVsLogView({
  view,
}: {
  view: Extract<SceneView, { kind: 'queue-vs-log' }>;
  frame: Frame;
  playheadMs: number;
}) {
  return <p className="stage-empty">The {view.kind} view is not built yet.</p>;
}

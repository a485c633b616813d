/** Not built yet: the 'brokers' view. Says so on stage rather than drawing something wrong. */
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';

export function BrokersView({
  view,
}: {
  view: Extract<SceneView, { kind: 'brokers' }>;
  frame: Frame;
  playheadMs: number;
}) {
  return <p className="stage-empty">The {view.kind} view is not built yet.</p>;
}

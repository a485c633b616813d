/** Picks the view a scene asks for; every view is a function of (engine frame, playhead). */
import type { SceneView } from '../../scenarios/types';
import type { Frame } from '../store/frames';
import { TopicView } from './TopicView';

export function Stage({ view, frame, playheadMs }: { view: SceneView; frame: Frame; playheadMs: number }) {
  switch (view.kind) {
    case 'topic':
      return (
        <TopicView frame={frame} playheadMs={playheadMs} topic={view.topic} producers={view.producers} />
      );
  }
}

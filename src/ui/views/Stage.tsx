/** Picks the view a scene asks for; every view is a function of (engine frame, playhead). */
import type { SceneView } from '../../scenarios/types';
import type { Frame } from '../store/frames';
import { BrokersView } from './brokers/BrokersView';
import { ConsumersView } from './consumers/ConsumersView';
import { DiagramView } from './diagrams/DiagramView';
import { QueueVsLogView } from './queue/QueueVsLogView';
import { ScalableView } from './scalable/ScalableView';
import { StreamView } from './stream/StreamView';
import { TopicView } from './TopicView';

export function Stage({
  view,
  frame,
  playheadMs,
  step,
}: {
  view: SceneView;
  frame: Frame;
  playheadMs: number;
  step: number;
}) {
  switch (view.kind) {
    case 'topic':
      return (
        <TopicView frame={frame} playheadMs={playheadMs} topic={view.topic} producers={view.producers} />
      );
    case 'consumers':
      return <ConsumersView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'brokers':
      return <BrokersView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'scalable':
      return <ScalableView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'queue-vs-log':
      return <QueueVsLogView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'stream':
      return <StreamView view={view} frame={frame} playheadMs={playheadMs} step={step} />;
    case 'diagram':
      return <DiagramView view={view} frame={frame} playheadMs={playheadMs} step={step} />;
  }
}

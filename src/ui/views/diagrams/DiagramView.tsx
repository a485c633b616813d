/**
 * The talk's diagrams and charts. Most show no Kafka behaviour (that is the engine's), so they are drawn
 * from data, revealed step by step: step k shows the first k + 1 parts. The stream pipeline is the exception:
 * it draws what the engine's running query has read and written.
 */
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import './diagrams.css';
import { Giants } from './Giants';
import { Origins } from './Origins';
import { Pipeline } from './Pipeline';
import { WhoStreams } from './WhoStreams';
import { WrapUp } from './WrapUp';

interface Props {
  view: Extract<SceneView, { kind: 'diagram' }>;
  frame: Frame;
  playheadMs: number;
  step: number;
}

export function DiagramView({ view, step, frame, playheadMs }: Props) {
  const reveal = step + 1;
  switch (view.diagram) {
    case 'who-streams':
      return <WhoStreams reveal={reveal} />;
    case 'streaming-giants':
      return <Giants reveal={reveal} />;
    case 'origins':
      return <Origins reveal={reveal} />;
    case 'wrap-up':
      return <WrapUp reveal={reveal} />;
    case 'stream-pipeline':
      return (
        <Pipeline
          frame={frame}
          playheadMs={playheadMs}
          query={view.query}
          source={view.source}
          output={view.output}
        />
      );
  }
}

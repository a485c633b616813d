/**
 * The talk's diagrams and charts. They show no Kafka behaviour (that is the engine's), so they are drawn
 * from data, revealed step by step: step k shows the first k + 1 parts.
 */
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import './diagrams.css';
import { Giants } from './Giants';
import { Origins } from './Origins';
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
    case 'origins': {
      const span = Math.max(1, frame.toMs - frame.fromMs);
      return <Origins reveal={reveal} phase={((playheadMs - frame.fromMs) / span) % 1} />;
    }
    case 'wrap-up':
      return <WrapUp reveal={reveal} />;
  }
}

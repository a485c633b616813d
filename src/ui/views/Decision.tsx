/** The partitioner's last decision in this step, with the engine's real numbers. */
import type { EngineEvent } from '../../engine';
import type { Frame } from '../store/frames';
import { useFrame } from '../store/hooks';
import { describeChoice } from './describe-choice';

export function Decision({ frame, playheadMs }: { frame: Frame; playheadMs: number }) {
  let last: Extract<EngineEvent, { type: 'partitionChosen' }> | undefined;
  for (const e of frame.events) if (e.type === 'partitionChosen' && e.atMs <= playheadMs) last = e;
  if (!last) return null;
  return (
    <p className="decision" data-testid="partition-choice">
      <span className="decision-label">{last.producer} chose</span> {describeChoice(last)}
    </p>
  );
}

/** The decision at the deck's playhead: the one part of the narration that follows the animation. */
export function CurrentDecision() {
  const { frame, playheadMs } = useFrame();
  return frame ? <Decision frame={frame} playheadMs={playheadMs} /> : null;
}

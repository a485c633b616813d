import { useFrame, usePlace } from '../store/hooks';
import { Stage } from './Stage';

/** The stage at the deck's place: the main window and the presenter window show the very same one. */
export function CurrentStage() {
  const { sceneIndex, step, scene } = usePlace();
  const { frame, playheadMs, engine } = useFrame();
  return (
    <Stage
      view={scene.view}
      frame={frame}
      playheadMs={playheadMs}
      sceneIndex={sceneIndex}
      step={step}
      engineFailed={engine === 'failed'}
    />
  );
}

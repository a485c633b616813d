/**
 * A miniature of the stage at a place of the deck: the stage's own view, drawn at the stage's size and
 * scaled down to its box with a CSS transform, so it is the very picture the room would see there. Its
 * frame is a still picture computed in idle time (store/still-frames.ts); until then, a placeholder.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { sceneAt } from '../store/deck-scenes';
import { deckStore } from '../store/deck-store';
import { type Frame, NO_LIVE } from '../store/frames';
import { request, stillFrame } from '../store/still-frames';
import { Stage } from '../views/Stage';

/** The size the stage is drawn at before scaling: the stage's box in a 1280x720 window. */
const DRAWN_WIDTH_PX = 1248;
const DRAWN_HEIGHT_PX = 560;

function useStill(sceneIndex: number, step: number, given: Frame | null): Frame | null {
  const live = useStore(deckStore, (s) => s.live[sceneAt(sceneIndex).id] ?? NO_LIVE);
  const [frame, setFrame] = useState<Frame | null>(() => given ?? stillFrame(sceneIndex, step, live));
  useEffect(() => {
    if (given) return setFrame(given);
    const cached = stillFrame(sceneIndex, step, live);
    setFrame(cached);
    if (cached) return;
    let mounted = true;
    const withdraw = request({
      sceneIndex,
      step,
      live,
      done: (f) => {
        if (mounted) setFrame(f);
      },
    });
    return () => {
      mounted = false;
      withdraw();
    };
  }, [sceneIndex, step, live, given]);
  return frame;
}

function useScaleToFit(): [React.RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fitBox = () =>
      setScale(Math.min(el.clientWidth / DRAWN_WIDTH_PX, el.clientHeight / DRAWN_HEIGHT_PX) || 0);
    fitBox();
    const observer = new ResizeObserver(fitBox);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [box, scale];
}

interface Props {
  sceneIndex: number;
  step: number;
  /** The frame when the caller has it already (the current place's). */
  frame?: Frame | null;
}

export function Miniature({ sceneIndex, step, frame: given = null }: Props) {
  const frame = useStill(sceneIndex, step, given);
  const [box, scale] = useScaleToFit();
  const scene = sceneAt(sceneIndex);
  return (
    // A picture of a place, not controls or text to read: hidden from assistive technology, which gets the
    // scene's title from the cell instead.
    <div className="miniature" ref={box} aria-hidden="true" inert data-ready={frame ? 'true' : undefined}>
      {frame ? (
        <div
          className="miniature-drawn"
          style={{
            width: DRAWN_WIDTH_PX,
            height: DRAWN_HEIGHT_PX,
            transform: `scale(${scale})`,
          }}
        >
          <Stage
            view={scene.view}
            frame={frame}
            playheadMs={frame.state.now}
            sceneIndex={sceneIndex}
            step={step}
          />
        </div>
      ) : (
        <div className="miniature-placeholder" />
      )}
    </div>
  );
}

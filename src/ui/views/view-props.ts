import type { Frame } from '../store/frames';

/** What the stage gives every view: the frame and playhead, and where in the deck the frame is. */
export interface ViewProps<V> {
  readonly view: V;
  readonly frame: Frame;
  readonly playheadMs: number;
  /** The scene the frame belongs to: views that plot the run so far read it (the handout draws any scene). */
  readonly sceneIndex: number;
  readonly step: number;
}

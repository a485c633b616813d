/**
 * A scene as a run: its setup and each step's commands laid end to end, with live actions (what the
 * presenter did on stage) after the step they were taken at. stepEnds[k] is how many commands lead to the
 * end of step k.
 */
import type { Command } from '../engine';
import type { Scene } from './types';

export interface LiveAction {
  /**
   * Unique per window (a Lamport counter and the window's id, see src/ui/store/live-ids.ts), so two windows
   * merge their live actions by id; absent in data saved before ids existed.
   */
  readonly id?: string;
  /** The step the presenter was on when acting. */
  readonly step: number;
  /** What the presenter did, e.g. "produce alice: hi"; shown in the live log. */
  readonly label: string;
  /** The engine commands it issued (a produce and the time for it to land, say). */
  readonly commands: readonly Command[];
}

export interface SceneRun {
  /** liveStarts[i]: the command index where live action i begins (for animating just that action). */
  readonly liveStarts: readonly number[];
  readonly seed: number;
  readonly commands: readonly Command[];
  /** stepStarts[k]: commands before step k's own commands run (the state the step animates from). */
  readonly stepStarts: readonly number[];
  readonly stepEnds: readonly number[];
}

export function sceneRun(scene: Scene, live: readonly LiveAction[] = []): SceneRun {
  const commands: Command[] = [...scene.setup];
  const stepStarts: number[] = [];
  const stepEnds: number[] = [];
  const liveStarts: number[] = live.map(() => -1);
  scene.steps.forEach((step, k) => {
    stepStarts.push(commands.length);
    commands.push(...step.commands);
    live.forEach((a, i) => {
      if (a.step !== k) return;
      liveStarts[i] = commands.length;
      commands.push(...a.commands);
    });
    stepEnds.push(commands.length);
  });
  return { seed: scene.seed, commands, stepStarts, stepEnds, liveStarts };
}

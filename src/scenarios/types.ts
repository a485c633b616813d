/**
 * A scene is data: which slides of the talk it covers, the engine commands of each step, and the words
 * said over it. Scenes import only engine types; they never poke engine fields, they issue commands.
 */
import type { Command } from '../engine/commands';
import type { EngineState } from '../engine/types';

/** A claim the narration makes, checked against the engine state after the step by the scene tests. */
export interface Claim {
  readonly text: string;
  readonly holds: (state: EngineState) => boolean;
}

export interface Step {
  /** A short title shown in the step list and the presenter view. */
  readonly title: string;
  /** What the audience reads on screen: short, in plain words. */
  readonly narration: string;
  /** What the presenter sees in the speaker view. */
  readonly notes: string;
  readonly commands: readonly Command[];
  readonly claims?: readonly Claim[];
  /** A question put to the room; the next step shows the answer. */
  readonly predict?: string;
}

/** What the stage draws for this scene. */
export interface SceneView {
  readonly kind: 'topic';
  readonly topic: string;
  readonly producers: readonly string[];
}

export interface Scene {
  readonly id: string;
  readonly title: string;
  /** Slide numbers of the talk (../shared/seed) this scene covers. */
  readonly slides: readonly number[];
  readonly seed: number;
  /** Commands run before the first step: the cluster, topics and clients the scene starts with. */
  readonly setup: readonly Command[];
  readonly steps: readonly Step[];
  readonly view: SceneView;
  /** The same thing on a real cluster, for a learner to redo it. */
  readonly realCommands: readonly string[];
}

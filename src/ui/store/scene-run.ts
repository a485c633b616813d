/**
 * The one owner of a scene's run: its Timeline (checkpoints and the last state sought) and its live actions.
 * A live action forks the run where it is laid out (after the step it was taken at, src/scenarios/run.ts):
 * the Timeline is truncated there, the action's commands are pushed (computed at once, for the engine's
 * refusals) and the following steps' commands appended (computed when sought), so the checkpoints before
 * the fork are kept and a click never replays the scene from its seed. Everything that reads a scene's
 * states (frames, the lag chart, the handout, prefetch, claims) reads them from here.
 *
 * `sceneRunFor` keeps one controller per scene (the last few used) in step with the deck's record of live
 * actions (`DeckState.live`, which is persisted and synced): asked for another list than the one it holds
 * (from storage, the other window, a clear), a controller starts over from that list.
 */
import type { StepEnv } from '../../engine';
import { Timeline } from '../../engine';
import { type LiveAction, type SceneRun, sceneRun } from '../../scenarios/run';
import type { Scene } from '../../scenarios/types';
import { sceneAt } from './deck-scenes';
import { ksqlEnv, ksqlReadyFor, sceneNeedsKsql } from './ksql-loader';

/** What readers may do with the run's Timeline: seek along it, never fork it (only the controller does). */
export type RunTimeline = Pick<Timeline, 'stateAt' | 'seek' | 'commandAt' | 'checkpointCount' | 'length'>;

export class SceneRunController {
  private current: Timeline;
  private actions: readonly LiveAction[];
  private layout: SceneRun;
  private revisionNo = 0;

  constructor(
    readonly scene: Scene,
    live: readonly LiveAction[],
    readonly env: StepEnv,
  ) {
    this.actions = live;
    this.layout = sceneRun(scene, live);
    this.current = new Timeline(this.layout.seed, this.layout.commands, env);
  }

  /** The run's states, checkpointed: frames, the lag chart and the handout seek along it. */
  get timeline(): RunTimeline {
    return this.current;
  }

  /** The live actions, in the order they were taken (the very list given or made by insert). */
  get live(): readonly LiveAction[] {
    return this.actions;
  }

  /** Where each step and live action starts and ends in the run. */
  get run(): SceneRun {
    return this.layout;
  }

  /** Changes with every change of the run: a reader caching what it computed from the run checks it. */
  get revision(): number {
    return this.revisionNo;
  }

  /**
   * Takes a live action at its step. Live actions taken at later steps (before stepping back) are the old
   * future and are dropped, as the timeline forks. Returns the engine's refusals of the action's commands;
   * if there are any, nothing changes (the action is not taken).
   */
  insert(action: LiveAction): string[] {
    const live = [...this.actions.filter((a) => a.step <= action.step), action];
    const layout = sceneRun(this.scene, live);
    const fork = layout.liveStarts[live.length - 1]!;
    const oldFuture = this.layout.commands.slice(fork);
    const timeline = this.current;
    timeline.truncate(fork);
    const errors: string[] = [];
    for (const c of action.commands) {
      const r = timeline.push(c);
      if (r.error) errors.push(r.error.message);
    }
    if (errors.length > 0) {
      // Refused: the run goes back to what it was (its states up to the fork are still cached).
      timeline.truncate(fork);
      timeline.extend(oldFuture);
      return errors;
    }
    timeline.extend(layout.commands.slice(fork + action.commands.length));
    this.changed(live, layout);
    return [];
  }

  /** Starts over from another list of live actions (storage, the other window, a clear). */
  reset(live: readonly LiveAction[]): void {
    const layout = sceneRun(this.scene, live);
    this.current = new Timeline(layout.seed, layout.commands, this.env);
    this.changed(live, layout);
  }

  private changed(live: readonly LiveAction[], layout: SceneRun): void {
    this.revisionNo++;
    this.actions = live;
    this.layout = layout;
  }
}

/** The controllers of the last few scenes used, most recent first (a heavy scene's run is tens of MB). */
const controllers: SceneRunController[] = [];
const CONTROLLERS_KEPT = 6;

/**
 * The scene's run with these live actions (and `taking`, a live action about to be taken). Throws for a
 * scene that runs queries while the ksql engine is still loading: check ksqlReadyFor first (a run computed
 * without it would cache KSQL_NOT_READY refusals).
 */
export function sceneRunFor(
  sceneIndex: number,
  live: readonly LiveAction[],
  taking?: LiveAction,
): SceneRunController {
  const scene = sceneAt(sceneIndex);
  const needs = taking ? [...live, taking] : live;
  if (!ksqlReadyFor(scene, needs))
    throw new Error(`Scene ${scene.id} needs the ksql engine: check ksqlReadyFor before asking for frames.`);
  const i = controllers.findIndex((c) => c.scene === scene);
  let controller = i >= 0 ? controllers.splice(i, 1)[0]! : null;
  // A run made before the engine loaded is made again with it once it runs queries (only a live action can
  // add one to a scene that had none).
  if (controller?.env.ksql === undefined && sceneNeedsKsql(scene, needs)) controller = null;
  if (controller === null) controller = new SceneRunController(scene, live, ksqlEnv());
  else if (controller.live !== live) controller.reset(live);
  controllers.unshift(controller);
  if (controllers.length > CONTROLLERS_KEPT) controllers.pop();
  return controller;
}

/**
 * Takes a live action in the scene whose live actions are `live` (the deck's record): returns the new list
 * of live actions, or the engine's refusals (nothing taken).
 */
export function takeLiveAction(
  sceneIndex: number,
  live: readonly LiveAction[],
  action: LiveAction,
): { live: readonly LiveAction[] } | { errors: string[] } {
  const controller = sceneRunFor(sceneIndex, live, action);
  const errors = controller.insert(action);
  return errors.length > 0 ? { errors } : { live: controller.live };
}

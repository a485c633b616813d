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
import type { Command, EngineState, SeekResult, StepEnv } from '../../engine';
import { needsKsqlEngine, Timeline } from '../../engine';
import { type LiveAction, type SceneRun, sceneRun } from '../../scenarios/run';
import type { Scene } from '../../scenarios/types';
import { sceneAt } from './deck-scenes';
import { ksqlEnv, ksqlReadyFor, sceneNeedsKsql } from './ksql-loader';

export class SceneRunController {
  private timeline: Timeline;
  private actions: readonly LiveAction[];
  private layout: SceneRun;
  private revisionNo = 0;
  /** keptAt[r]: how many leading commands the change from revision r to r + 1 left as they were. */
  private readonly keptAt: number[] = [];

  constructor(
    readonly scene: Scene,
    live: readonly LiveAction[],
    readonly env: StepEnv,
  ) {
    this.actions = live;
    this.layout = sceneRun(scene, live);
    this.timeline = new Timeline(this.layout.seed, this.layout.commands, env);
  }

  /** The live actions, in the order they were taken (the very list given or made by insert). */
  get live(): readonly LiveAction[] {
    return this.actions;
  }

  /** Where each step and live action starts and ends in the run. */
  get run(): SceneRun {
    return this.layout;
  }

  /** Changes with every change of the run: a reader caching by position checks it (see unchangedSince). */
  get revision(): number {
    return this.revisionNo;
  }

  /** How many leading commands are the same now as at `revision` (all of them if nothing changed since). */
  unchangedSince(revision: number): number {
    let kept = this.layout.commands.length;
    for (let r = revision; r < this.revisionNo; r++) kept = Math.min(kept, this.keptAt[r]!);
    return kept;
  }

  /** How many checkpoints the Timeline holds (a fork keeps those before it). */
  get checkpointCount(): number {
    return this.timeline.checkpointCount;
  }

  stateAt(k: number): EngineState {
    return this.timeline.stateAt(k);
  }

  seek(k: number): SeekResult {
    return this.timeline.seek(k);
  }

  commandAt(i: number): Command | undefined {
    return this.timeline.commandAt(i);
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
    this.timeline.truncate(fork);
    const errors: string[] = [];
    for (const c of action.commands) {
      const r = this.timeline.push(c);
      if (r.error) errors.push(r.error.message);
    }
    if (errors.length > 0) {
      // Refused: the run goes back to what it was (its states up to the fork are still cached).
      this.timeline.truncate(fork);
      this.timeline.extend(oldFuture);
      return errors;
    }
    this.timeline.extend(layout.commands.slice(fork + action.commands.length));
    this.changed(fork, live, layout);
    return [];
  }

  /** Starts over from another list of live actions (storage, the other window, a clear). */
  reset(live: readonly LiveAction[]): void {
    const layout = sceneRun(this.scene, live);
    this.timeline = new Timeline(layout.seed, layout.commands, this.env);
    this.changed(0, live, layout);
  }

  private changed(kept: number, live: readonly LiveAction[], layout: SceneRun): void {
    this.keptAt[this.revisionNo] = kept;
    this.revisionNo++;
    this.actions = live;
    this.layout = layout;
  }
}

/** The controllers of the last few scenes used, most recent first (a heavy scene's run is tens of MB). */
const controllers: SceneRunController[] = [];
const CONTROLLERS_KEPT = 6;

/**
 * The scene's run with these live actions. Throws for a scene that runs queries while the ksql engine is
 * still loading: check ksqlReadyFor first (a run computed without it would cache KSQL_NOT_READY refusals).
 */
export function sceneRunFor(sceneIndex: number, live: readonly LiveAction[]): SceneRunController {
  const scene = sceneAt(sceneIndex);
  if (!ksqlReadyFor(scene, live))
    throw new Error(`Scene ${scene.id} needs the ksql engine: check ksqlReadyFor before asking for frames.`);
  const i = controllers.findIndex((c) => c.scene === scene);
  let controller = i >= 0 ? controllers.splice(i, 1)[0]! : null;
  // A run made before the engine loaded is made again with it, if it runs queries (only a live action can
  // add one to a scene that had none).
  const stale = controller !== null && controller.env.ksql === undefined && sceneNeedsKsql(scene, live);
  if (controller === null || stale) controller = new SceneRunController(scene, live, ksqlEnv());
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
  let controller = sceneRunFor(sceneIndex, live);
  if (needsKsqlEngine(action.commands) && controller.env.ksql === undefined) {
    // Made before the engine loaded, for a scene without queries: made again with it, for this query.
    const i = controllers.indexOf(controller);
    controller = new SceneRunController(controller.scene, live, ksqlEnv());
    controllers[i] = controller;
  }
  const errors = controller.insert(action);
  return errors.length > 0 ? { errors } : { live: controller.live };
}

/**
 * Derived engine data for the current place: the state at the end of the step, the events that led there,
 * and the model-time window the animation plays over. Computed from the run through one cached Timeline
 * per scene and live-action list (seeks are cheap: checkpoints plus a short replay).
 */
import type { EngineEvent, EngineState } from '../../engine';
import { Timeline } from '../../engine';
import { scenes } from '../../scenarios/registry';
import { type LiveAction, type SceneRun, sceneRun } from '../../scenarios/run';
import { ksqlReadyFor } from './ksql-loader';

export interface Frame {
  readonly state: EngineState;
  /** Every event of the animated stretch (the step, or one live action), in order. */
  readonly events: readonly EngineEvent[];
  /** Model time at the start of the stretch and when its last interesting event is over. */
  readonly fromMs: number;
  readonly toMs: number;
  /**
   * The state the stretch starts from, for views that replay its events up to the playhead (a leader that
   * changes mid-step, a record truncated away). Absent for still pictures, which have no events.
   */
  readonly fromState?: EngineState;
}

export interface Entry {
  live: readonly LiveAction[];
  timeline: Timeline;
  run: SceneRun;
}

/** A few timelines, most recent first: the current scene with its live actions, and pristine ones. */
const cache: { sceneIndex: number; entry: Entry }[] = [];
const CACHE_SIZE = 6;

export const NO_LIVE: readonly LiveAction[] = [];

/** The scene's run with these live actions, and its cached Timeline (shared with every frame of it). */
export function timelineFor(sceneIndex: number, live: readonly LiveAction[]): Entry {
  const i = cache.findIndex((c) => c.sceneIndex === sceneIndex && c.entry.live === live);
  if (i >= 0) {
    const [hit] = cache.splice(i, 1);
    cache.unshift(hit!);
    return hit!.entry;
  }
  const scene = scenes[sceneIndex]!;
  // Computed without the ksql engine, the scene's queries would be refused and the refusals cached.
  if (!ksqlReadyFor(scene, live))
    throw new Error(`Scene ${scene.id} needs the ksql engine: check ksqlReadyFor before asking for frames.`);
  const run = sceneRun(scene, live);
  const entry = { live, timeline: new Timeline(run.seed, run.commands), run };
  cache.unshift({ sceneIndex, entry });
  if (cache.length > CACHE_SIZE) cache.pop();
  return entry;
}

/** When an event is over in model time: a message when it lands, anything else when it happens. */
function endOf(e: EngineEvent): number {
  return e.type === 'messageSent' ? e.message.arrivesAtMs : e.atMs;
}

interface FrameKey {
  readonly sceneIndex: number;
  readonly step: number;
  readonly live: readonly LiveAction[];
  readonly focus: number | null;
}

/** A frame being built: a generator that steps the engine a few commands per call, then returns the frame. */
interface Build {
  readonly key: FrameKey;
  readonly steps: Generator<void, Frame, void>;
  frame: Frame | null;
}

/**
 * Frames built or being built, most recent first: the one on screen and the neighbours that prefetch builds
 * in idle time, so that a key press finds its frame ready instead of computing a heavy step.
 */
const builds: Build[] = [];
const BUILDS_KEPT = 4;

const sameKey = (a: FrameKey, b: FrameKey) =>
  a.sceneIndex === b.sceneIndex && a.step === b.step && a.live === b.live && a.focus === b.focus;

function* buildFrame({ sceneIndex, step, live, focus }: FrameKey): Generator<void, Frame, void> {
  const { timeline, run } = timelineFor(sceneIndex, live);
  const focusStart = focus !== null && live[focus]?.step === step ? run.liveStarts[focus] : undefined;
  const start = focusStart !== undefined && focusStart >= 0 ? focusStart : (run.stepStarts[step] ?? 0);
  const end = run.stepEnds[step] ?? start;
  const fromState = timeline.stateAt(start);
  const events: EngineEvent[] = [];
  for (let i = start + 1; i <= end; i++) {
    yield;
    events.push(...timeline.seek(i).events);
  }
  const state = timeline.stateAt(end);
  let toMs = fromState.now;
  for (const e of events) if (e.type !== 'clockAdvanced') toMs = Math.max(toMs, endOf(e));
  return { state, events, fromMs: fromState.now, toMs: Math.min(toMs, state.now), fromState };
}

function buildFor(key: FrameKey): Build {
  const i = builds.findIndex((b) => sameKey(b.key, key));
  if (i >= 0) {
    const [hit] = builds.splice(i, 1);
    builds.unshift(hit!);
    return hit!;
  }
  const build: Build = { key, steps: buildFrame(key), frame: null };
  builds.unshift(build);
  if (builds.length > BUILDS_KEPT) builds.pop();
  return build;
}

/** Runs a build until it is done or `hasTime` says to stop; returns the frame once done. */
function advanceBuild(build: Build, hasTime: () => boolean): Frame | null {
  while (build.frame === null) {
    let r: IteratorResult<void, Frame>;
    try {
      r = build.steps.next();
    } catch (e) {
      // A build that failed is dropped, so that asking again fails the same way instead of finding no frame.
      builds.splice(builds.indexOf(build), 1);
      throw e;
    }
    if (r.done) build.frame = r.value;
    else if (!hasTime()) break;
  }
  return build.frame;
}

const always = () => true;

export function frameAt(
  sceneIndex: number,
  step: number,
  live: readonly LiveAction[],
  liveFocus: number | null = null,
): Frame {
  return advanceBuild(buildFor({ sceneIndex, step, live, focus: liveFocus }), always)!;
}

/**
 * Builds a step's frame ahead of time, in slices: `hasTime` is asked between engine commands (an idle
 * deadline), so a key press is never kept waiting for more than one command. Returns whether it is done.
 */
export function prefetchFrame(
  sceneIndex: number,
  step: number,
  live: readonly LiveAction[],
  hasTime: () => boolean,
): boolean {
  return advanceBuild(buildFor({ sceneIndex, step, live, focus: null }), hasTime) !== null;
}

/** The engine's refusals of live action `index`'s commands, as messages (empty when all were taken). */
export function liveErrors(sceneIndex: number, live: readonly LiveAction[], index: number): string[] {
  const { timeline, run } = timelineFor(sceneIndex, live);
  const start = run.liveStarts[index] ?? -1;
  if (start < 0) return [];
  const errors: string[] = [];
  for (let i = 0; i < live[index]!.commands.length; i++) {
    const r = timeline.seek(start + i + 1);
    if (r.error) errors.push(r.error.message);
  }
  return errors;
}

/** The engine state at the end of a step (no animation): for the handout, the overview and claims. */
export function stateAtStep(
  sceneIndex: number,
  step: number,
  live: readonly LiveAction[] = NO_LIVE,
): EngineState {
  const { timeline, run } = timelineFor(sceneIndex, live);
  return timeline.stateAt(run.stepEnds[step] ?? 0);
}

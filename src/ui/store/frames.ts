/**
 * Derived engine data for the current place: the state at the end of the step, the events that led there,
 * and the model-time window the animation plays over. Read from the scene's run (scene-run.ts, one owner
 * per scene: seeks are cheap, checkpoints plus a short replay).
 */
import type { EngineEvent, EngineState } from '../../engine';
import type { LiveAction } from '../../scenarios/run';
import { type SceneRunController, sceneRunFor } from './scene-run';

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

export const NO_LIVE: readonly LiveAction[] = [];

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
  /** The run it reads, at the revision it started from: a build the run changed under is started again. */
  readonly run: SceneRunController;
  readonly revision: number;
}

/**
 * Frames built or being built, most recent first: the one on screen and the neighbours that prefetch builds
 * in idle time, so that a key press finds its frame ready instead of computing a heavy step.
 */
const builds: Build[] = [];
const BUILDS_KEPT = 4;

const sameKey = (a: FrameKey, b: FrameKey) =>
  a.sceneIndex === b.sceneIndex && a.step === b.step && a.live === b.live && a.focus === b.focus;

function* buildFrame(
  controller: SceneRunController,
  { step, live, focus }: FrameKey,
): Generator<void, Frame, void> {
  const { run, timeline } = controller;
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
  const run = sceneRunFor(key.sceneIndex, key.live);
  const i = builds.findIndex((b) => sameKey(b.key, key));
  if (i >= 0) {
    const [hit] = builds.splice(i, 1);
    // A finished frame is a value; an unfinished one is only resumed on the run it started on.
    if (hit!.frame !== null || (hit!.run === run && hit!.revision === run.revision)) {
      builds.unshift(hit!);
      return hit!;
    }
  }
  const build: Build = { key, steps: buildFrame(run, key), frame: null, run, revision: run.revision };
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

/** The engine state at the end of a step (no animation): for the handout, the overview and claims. */
export function stateAtStep(
  sceneIndex: number,
  step: number,
  live: readonly LiveAction[] = NO_LIVE,
): EngineState {
  const { run, timeline } = sceneRunFor(sceneIndex, live);
  return timeline.stateAt(run.stepEnds[step] ?? 0);
}

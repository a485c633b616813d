/**
 * Every event of a scene's run from its start to the end of a step, for views that draw what happened
 * before the step on screen (a record acknowledged steps ago and lost since, a broker that crashed rather
 * than shut down). Stepped once per run revision and extended as the deck moves on, like metrics-history.ts.
 */
import type { EngineEvent, EngineState } from '../../engine';
import { step } from '../../engine';
import type { LiveAction } from '../../scenarios/run';
import { type SceneRunController, sceneRunFor } from './scene-run';

interface Replayed {
  revision: number;
  state: EngineState;
  upTo: number;
  events: EngineEvent[];
  /** eventsAfter[k]: how many events the first k commands made. */
  eventsAfter: number[];
}

const replayed = new WeakMap<SceneRunController, Replayed>();

function extend(run: SceneRunController, to: number): Replayed {
  let entry = replayed.get(run);
  if (!entry || entry.revision !== run.revision) {
    entry = { revision: run.revision, state: run.timeline.stateAt(0), upTo: 0, events: [], eventsAfter: [0] };
    replayed.set(run, entry);
  }
  while (entry.upTo < to) {
    const command = run.timeline.commandAt(entry.upTo)!;
    const r = step(entry.state, command, run.env);
    if (r.ok) {
      entry.events.push(...r.events);
      entry.state = r.state;
    }
    entry.upTo++;
    entry.eventsAfter[entry.upTo] = entry.events.length;
  }
  return entry;
}

/** The run's events up to the end of `stepIndex` (or of the last step) (with the scene's live actions), oldest first. */
export function runEventsUpTo(
  sceneIndex: number,
  stepIndex: number,
  live: readonly LiveAction[],
): readonly EngineEvent[] {
  const controller = sceneRunFor(sceneIndex, live);
  const ends = controller.run.stepEnds;
  // Past the last step: the whole run (a view sizing itself for the whole scene asks for that).
  const to = ends[Math.min(stepIndex, ends.length - 1)] ?? 0;
  const entry = extend(controller, to);
  return entry.events.slice(0, entry.eventsAfter[to]);
}

import { beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY, type Command, type EngineEvent, type StepEnv } from '../../engine';
import { canonical } from '../../engine/testing/canonical';
import { ksqlEngine } from '../../engine/testing/ksql';
import { sceneIndexById, scenes } from '../../scenarios/registry';
import type { LiveAction } from '../../scenarios/run';
import type { Scene } from '../../scenarios/types';
import { deckStore, initialDeckState, recordLive } from './deck-store';
import { frameAt, NO_LIVE } from './frames';
import { SceneRunController, sceneRunFor } from './scene-run';

const env: StepEnv = { ksql: ksqlEngine };
const sceneById = (id: string): Scene => scenes[sceneIndexById(id)]!;

const produce = (step: number, value: string): LiveAction => ({
  step,
  label: `produce ${value}`,
  commands: [
    { type: 'produce', producer: 'producer-1', topic: 'events', key: 'alice', value },
    { type: 'advance', ms: 500 },
  ],
});
const wait = (step: number): LiveAction => ({
  step,
  label: 'wait',
  commands: [{ type: 'advance', ms: 1_000 }],
});

/**
 * Every step's state at its end and the events leading there, as canonical text: a replica log shares its
 * array with the run's old future, which may have appended to it, so toEqual would see records past its end.
 */
function stepsOf(run: SceneRunController): { state: string; events: string }[] {
  return run.scene.steps.map((_, k) => {
    const events: EngineEvent[] = [];
    for (let i = run.run.stepStarts[k]! + 1; i <= run.run.stepEnds[k]!; i++)
      events.push(...run.timeline.seek(i).events);
    return { state: canonical(run.timeline.stateAt(run.run.stepEnds[k]!)), events: canonical(events) };
  });
}

const fromScratch = (scene: Scene, live: readonly LiveAction[]) =>
  stepsOf(new SceneRunController(scene, live, env));

describe('a scene run taking a live action', () => {
  it('forks where the action is laid out and keeps the checkpoints before it', () => {
    const scene = sceneById('fraud-query');
    const run = new SceneRunController(scene, NO_LIVE, env);
    const end = run.run.commands.length;
    run.timeline.stateAt(end);
    const checkpoints = Array.from({ length: Math.floor(end / CHECKPOINT_EVERY) + 1 }, (_, i) =>
      run.timeline.stateAt(i * CHECKPOINT_EVERY),
    );
    const step = 3;
    expect(run.insert(wait(step))).toEqual([]);
    const fork = run.run.liveStarts[0]!;
    expect(fork).toBe(run.run.stepEnds[step]! - 1);
    const kept = Math.floor(fork / CHECKPOINT_EVERY) + 1;
    expect(kept).toBeGreaterThan(2);
    expect(run.timeline.checkpointCount).toBeGreaterThanOrEqual(kept);
    // The very states, not recomputed ones: nothing before the fork was replayed.
    for (let i = 0; i < kept; i++) expect(run.timeline.stateAt(i * CHECKPOINT_EVERY)).toBe(checkpoints[i]);
    expect(run.revision).toBe(1);
  });

  it('gives the frames a run built from scratch with the same live actions gives', () => {
    const scene = sceneById('sandbox');
    const run = new SceneRunController(scene, NO_LIVE, env);
    stepsOf(run);
    expect(run.insert(produce(2, 'one'))).toEqual([]);
    expect(run.insert(produce(4, 'two'))).toEqual([]);
    expect(run.insert(wait(4))).toEqual([]);
    expect(run.live.map((a) => a.label)).toEqual(['produce one', 'produce two', 'wait']);
    expect(stepsOf(run)).toEqual(fromScratch(scene, run.live));
  });

  it('taken after stepping back, drops the later live actions and equals a run from scratch', () => {
    const scene = sceneById('sandbox');
    const run = new SceneRunController(scene, NO_LIVE, env);
    for (const a of [produce(1, 'a'), produce(3, 'b'), produce(5, 'c')]) expect(run.insert(a)).toEqual([]);
    stepsOf(run);
    expect(run.insert(wait(3))).toEqual([]);
    expect(run.live.map((a) => a.label)).toEqual(['produce a', 'produce b', 'wait']);
    expect(stepsOf(run)).toEqual(fromScratch(scene, run.live));
    expect(run.insert(produce(0, 'first'))).toEqual([]);
    expect(run.live.map((a) => a.label)).toEqual(['produce first']);
    expect(stepsOf(run)).toEqual(fromScratch(scene, run.live));
  });

  it('refused by the engine, changes nothing', () => {
    const scene = sceneById('sandbox');
    const run = new SceneRunController(scene, [produce(2, 'kept')], env);
    const before = stepsOf(run);
    const live = run.live;
    const revision = run.revision;
    const bad: Command = { type: 'produce', producer: 'nobody', topic: 'events', key: null, value: 'x' };
    const errors = run.insert({ step: 1, label: 'bad', commands: [bad, { type: 'advance', ms: 10 }] });
    expect(errors).toHaveLength(1);
    expect(run.live).toBe(live);
    expect(run.revision).toBe(revision);
    expect(stepsOf(run)).toEqual(before);
  });
});

describe('the deck recording live actions through the scene run', () => {
  const sceneIndex = sceneIndexById('sandbox');
  beforeEach(() => deckStore.setState({ ...initialDeckState, sceneIndex, step: 2 }));

  it('records the run’s live actions, and its frames are those of a run from scratch', () => {
    const before = sceneRunFor(sceneIndex, NO_LIVE);
    expect(recordLive('produce hi', produce(2, 'hi').commands)).toBe(true);
    const live = deckStore.getState().live.sandbox!;
    expect(live.map((a) => a.label)).toEqual(['produce hi']);
    // The same owner, forked in place: the deck's record is the list it holds.
    const after = sceneRunFor(sceneIndex, live);
    expect(after).toBe(before);
    expect(after.live).toBe(live);
    const expected = fromScratch(sceneById('sandbox'), live);
    for (const k of [2, 3, 6]) {
      const frame = frameAt(sceneIndex, k, live);
      expect(canonical(frame.state)).toBe(expected[k]!.state);
      expect(canonical(frame.events)).toBe(expected[k]!.events);
    }
  });

  it('refuses an action the engine refuses: false, the error as the notice, nothing recorded', () => {
    const bad: Command = { type: 'produce', producer: 'nobody', topic: 'events', key: null, value: 'x' };
    expect(recordLive('bad', [bad])).toBe(false);
    expect(deckStore.getState().live.sandbox).toBeUndefined();
    expect(deckStore.getState().notice).toMatch(/^Not done: /);
  });
});

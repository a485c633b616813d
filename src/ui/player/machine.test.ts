/**
 * The player machine through xstate's pure transition(): no actor, no timers, no store writes (actions come
 * back as values). Only LIVE reaches the store, since taking a live action is the store's decision.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { sceneIndexById } from '../../scenarios/registry';
import { deckStepCounts, deckStore, initialDeckState } from '../store/deck-store';
import { isAnimating, overlayOf, type PlayerEvent, playerMachine } from './machine';

type Snapshot = SnapshotFrom<typeof playerMachine>;

/** A deck of two scenes, with 3 and 2 steps. */
const STEP_COUNTS = [3, 2];

function start(sceneIndex = 0, step = 0, stepCounts: readonly number[] = STEP_COUNTS): Snapshot {
  return initialTransition(playerMachine, {
    reducedMotion: false,
    stepCounts,
    place: { sceneIndex, step },
  })[0];
}

/** Sends events in turn; returns the last snapshot and the names of every action to run. */
function run(snapshot: Snapshot, ...events: PlayerEvent[]): { s: Snapshot; actions: string[] } {
  let s = snapshot;
  const actions: string[] = [];
  for (const e of events) {
    const [next, todo] = transition(playerMachine, s, e);
    s = next;
    actions.push(...todo.map((a) => a.type));
  }
  return { s, actions };
}

describe('the player machine', () => {
  beforeEach(() => deckStore.setState(initialDeckState));

  it('NEXT from a shown step animates the next one and moves the place', () => {
    const { s, actions } = run(start(0, 1), { type: 'NEXT' });
    expect(s.matches({ playback: 'animating' })).toBe(true);
    expect(isAnimating(s)).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 0, step: 2 });
    expect(actions).toContain('showPlaceAnimated');
  });

  it("NEXT at a scene's last step runs on into the next scene", () => {
    const { s } = run(start(0, 2), { type: 'NEXT' });
    expect(s.context.place).toEqual({ sceneIndex: 1, step: 0 });
  });

  it('PREV during an animation shows the earlier step at once', () => {
    const { s, actions } = run(start(0, 0), { type: 'NEXT' }, { type: 'PREV' });
    expect(s.matches({ playback: 'showing' })).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 0, step: 0 });
    expect(actions.at(-1)).toBe('showPlace');
  });

  it('a second NEXT during an animation jumps it to the end and animates the step after', () => {
    const { s } = run(start(0, 0), { type: 'NEXT' }, { type: 'NEXT' });
    expect(s.matches({ playback: 'animating' })).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 0, step: 2 });
  });

  it('a step key on a black screen only brings the picture back', () => {
    const black = run(start(0, 1), { type: 'TOGGLE_BLACK' }).s;
    expect(black.matches({ screen: 'black' })).toBe(true);
    for (const key of [{ type: 'NEXT' }, { type: 'PREV' }] as const) {
      const { s, actions } = run(black, key);
      expect(s.matches({ screen: 'normal' })).toBe(true);
      expect(s.matches({ playback: 'showing' })).toBe(true);
      expect(s.context.place).toEqual({ sceneIndex: 0, step: 1 });
      expect(actions).not.toContain('showPlace');
      expect(actions).not.toContain('showPlaceAnimated');
    }
  });

  it('NEXT at the end of the deck stays and says so', () => {
    const { s, actions } = run(start(1, 1), { type: 'NEXT' });
    expect(s.matches({ playback: 'showing' })).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 1, step: 1 });
    expect(actions).toEqual(['sayEndOfDeck']);
  });

  it('autoplay dwells, animates each next step, and stops at the end of the deck with a notice', () => {
    let { s } = run(start(1, 0), { type: 'TOGGLE_PLAY' });
    expect(s.matches({ playback: { playing: 'dwelling' } })).toBe(true);
    ({ s } = run(s, { type: 'DONE' }));
    expect(s.matches({ playback: { playing: 'animating' } })).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 1, step: 1 });
    ({ s } = run(s, { type: 'DONE' }));
    expect(s.matches({ playback: { playing: 'dwelling' } })).toBe(true);
    const end = run(s, { type: 'DONE' });
    expect(end.s.matches({ playback: 'showing' })).toBe(true);
    expect(end.actions).toContain('sayEndOfDeck');
  });

  it('autoplay at the end of the deck does not start, and says why', () => {
    const { s, actions } = run(start(1, 1), { type: 'TOGGLE_PLAY' });
    expect(s.matches({ playback: 'showing' })).toBe(true);
    expect(actions).toEqual(['sayEndOfDeck']);
  });

  it('the black screen pauses autoplay', () => {
    const { s } = run(start(0, 0), { type: 'TOGGLE_PLAY' }, { type: 'TOGGLE_BLACK' });
    expect(s.matches({ playback: 'showing' })).toBe(true);
  });

  it('TOGGLE_HELP then TOGGLE_OVERVIEW shows the overview instead of the help; a jump closes it', () => {
    let { s } = run(start(), { type: 'TOGGLE_HELP' });
    expect(s.matches({ overlay: 'help' })).toBe(true);
    ({ s } = run(s, { type: 'TOGGLE_OVERVIEW' }));
    expect(s.matches({ overlay: 'overview' })).toBe(true);
    ({ s } = run(s, { type: 'GOTO', sceneIndex: 1, step: 0 }));
    expect(s.matches({ overlay: 'none' })).toBe(true);
    expect(s.context.place).toEqual({ sceneIndex: 1, step: 0 });
  });

  describe('overlays and Esc', () => {
    const regions = (s: Snapshot) => ({
      overlay: overlayOf(s),
      black: s.matches({ screen: 'black' }),
      panel: s.matches({ panel: 'open' }),
    });

    it('Esc on the help closes it and opens nothing else', () => {
      const { s } = run(start(), { type: 'TOGGLE_HELP' }, { type: 'ESCAPE' });
      expect(regions(s)).toEqual({ overlay: 'none', black: false, panel: false });
    });

    it('Esc with nothing open does nothing', () => {
      const before = start(0, 1);
      const { s, actions } = run(before, { type: 'ESCAPE' });
      expect(regions(s)).toEqual({ overlay: 'none', black: false, panel: false });
      expect(s.context.place).toEqual({ sceneIndex: 0, step: 1 });
      expect(actions).toEqual([]);
    });

    it('Esc closes only the topmost: the black screen, then the overlay, then the Live panel', () => {
      let { s } = run(
        start(),
        { type: 'TOGGLE_LIVE_PANEL' },
        { type: 'TOGGLE_REAL' },
        { type: 'TOGGLE_BLACK' },
      );
      expect(regions(s)).toEqual({ overlay: 'real', black: true, panel: true });
      ({ s } = run(s, { type: 'ESCAPE' }));
      expect(regions(s)).toEqual({ overlay: 'real', black: false, panel: true });
      ({ s } = run(s, { type: 'ESCAPE' }));
      expect(regions(s)).toEqual({ overlay: 'none', black: false, panel: true });
      ({ s } = run(s, { type: 'ESCAPE' }));
      expect(regions(s)).toEqual({ overlay: 'none', black: false, panel: false });
    });

    it('one overlay at a time: opening the overview replaces the help or run-it-for-real', () => {
      let { s } = run(start(), { type: 'TOGGLE_REAL' }, { type: 'TOGGLE_OVERVIEW' });
      expect(overlayOf(s)).toBe('overview');
      ({ s } = run(s, { type: 'TOGGLE_HELP' }));
      expect(overlayOf(s)).toBe('help');
      ({ s } = run(s, { type: 'TOGGLE_HELP' }));
      expect(overlayOf(s)).toBe('none');
    });

    it('the overview selects the current scene; moves are clamped to the deck; pick jumps there and closes', () => {
      let { s } = run(start(1, 1, [3, 2, 4, 1]), { type: 'TOGGLE_OVERVIEW' });
      expect(s.context.overviewSelection).toBe(1);
      ({ s } = run(s, { type: 'OVERVIEW_MOVE', by: 2 }));
      expect(s.context.overviewSelection).toBe(3);
      ({ s } = run(s, { type: 'OVERVIEW_MOVE', by: 5 }));
      expect(s.context.overviewSelection).toBe(3);
      ({ s } = run(s, { type: 'OVERVIEW_MOVE', by: -9 }));
      expect(s.context.overviewSelection).toBe(0);
      ({ s } = run(s, { type: 'OVERVIEW_MOVE', by: 2 }, { type: 'OVERVIEW_PICK' }));
      expect(overlayOf(s)).toBe('none');
      expect(s.context.place).toEqual({ sceneIndex: 2, step: 0 });
    });

    it('a move or a pick outside the overview does nothing', () => {
      const { s } = run(start(0, 1), { type: 'OVERVIEW_MOVE', by: 1 }, { type: 'OVERVIEW_PICK' });
      expect(s.context.overviewSelection).toBe(0);
      expect(s.context.place).toEqual({ sceneIndex: 0, step: 1 });
    });
  });

  it('GOTO lands on the nearest place in the deck', () => {
    expect(run(start(), { type: 'GOTO', sceneIndex: 7, step: 9 }).s.context.place).toEqual({
      sceneIndex: 1,
      step: 1,
    });
    expect(run(start(), { type: 'GOTO', sceneIndex: 0, step: -3 }).s.context.place).toEqual({
      sceneIndex: 0,
      step: 0,
    });
  });

  describe('live actions', () => {
    const sceneIndex = sceneIndexById('produce-with-key');
    const here = () => {
      deckStore.setState({ sceneIndex, step: 1 });
      return start(sceneIndex, 1, deckStepCounts);
    };

    it('a LIVE action the engine takes is recorded and animated from its own start', () => {
      const { s, actions } = run(here(), {
        type: 'LIVE',
        label: 'java-app: acks=1',
        commands: [{ type: 'configureProducer', producer: 'java-app', acks: 1, idempotent: false }],
      });
      expect(s.matches({ playback: 'animating' })).toBe(true);
      expect(actions).toContain('animateLive');
      expect(deckStore.getState().live['produce-with-key']).toHaveLength(1);
    });

    it('a LIVE action the store refuses stays in showing, with the reason as the notice', () => {
      const { s, actions } = run(here(), {
        type: 'LIVE',
        label: 'kill broker 99',
        commands: [{ type: 'killBroker', broker: 99 }],
      });
      expect(s.matches({ playback: 'showing' })).toBe(true);
      expect(actions).not.toContain('animateLive');
      expect(deckStore.getState().live['produce-with-key']).toBeUndefined();
      expect(deckStore.getState().notice).toMatch(/^Not done/);
    });

    it('a live action leaves the other regions as they were (the live panel stays open)', () => {
      const { s } = run(
        here(),
        { type: 'TOGGLE_LIVE_PANEL' },
        { type: 'TOGGLE_HELP' },
        {
          type: 'LIVE',
          label: 'java-app: acks=0',
          commands: [{ type: 'configureProducer', producer: 'java-app', acks: 0, idempotent: false }],
        },
      );
      expect(s.matches({ panel: 'open' })).toBe(true);
      expect(s.matches({ overlay: 'help' })).toBe(true);
    });

    it('CLEAR_LIVE shows the step at its end', () => {
      const { s, actions } = run(here(), { type: 'NEXT' }, { type: 'CLEAR_LIVE' });
      expect(s.matches({ playback: 'showing' })).toBe(true);
      expect(actions.at(-1)).toBe('clearLive');
    });
  });
});

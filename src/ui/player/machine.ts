/**
 * The player, an xstate machine with four parallel regions:
 * - playback: showing a step, animating one, or autoplaying (animate, dwell, next);
 * - overlay: none, help, the overview grid, or "run it for real" (one at a time: opening one replaces another);
 * - screen: normal or black (the clicker's blank key), which also pauses autoplay;
 * - panel: the live controls closed or open (docked beside the stage, not over it).
 * ESCAPE closes only the topmost of these, in the order they stack on screen: the black screen, then the
 * overlay, then the Live panel. Every region's guard reads the snapshot before the event, so one Esc never
 * closes two things nor opens anything.
 * It is the one writer of where the deck is and of how far the animation has played (the store's `place`
 * and `progress`): its guards read only its own context (the place and the deck's step counts) and the
 * event. Wall time enters only through the invoked ticker actor. Stepping back shows the earlier state at
 * once and never waits for an animation; a key press during an animation jumps it cleanly to the next state.
 */

import {
  and,
  assign,
  enqueueActions,
  fromCallback,
  not,
  raise,
  type SnapshotFrom,
  setup,
  stateIn,
} from 'xstate';
import type { Command } from '../../engine';
import {
  clearLive,
  deckStore,
  focusLive,
  goTo,
  recordLive,
  setProgress,
  showNotice,
} from '../store/deck-store';
import { clampPlace, nextPlace, type Place, previousPlace, type StepCounts } from '../store/places';

export type PlayerEvent =
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'GOTO'; sceneIndex: number; step: number }
  /** A live action taken here: recorded in the store and, when the engine takes it, animated. */
  | { type: 'LIVE'; label: string; commands: readonly Command[] }
  /** Animate live action `focus` of the current scene from its start (taken here or in the other window). */
  | { type: 'ANIMATE_LIVE'; focus: number }
  | { type: 'CLEAR_LIVE' }
  | { type: 'TICK'; progress: number }
  | { type: 'DONE' }
  | { type: 'TOGGLE_PLAY' }
  | { type: 'TOGGLE_HELP' }
  | { type: 'TOGGLE_OVERVIEW' }
  | { type: 'CLOSE_OVERLAY' }
  /** Esc: close the topmost overlay, and nothing else. */
  | { type: 'ESCAPE' }
  | { type: 'TOGGLE_REAL' }
  /** In the overview: move the selection by this many cells (clamped to the deck), or jump to it. */
  | { type: 'OVERVIEW_MOVE'; by: number }
  | { type: 'OVERVIEW_PICK' }
  | { type: 'TOGGLE_BLACK' }
  | { type: 'SET_BLACK'; black: boolean }
  | { type: 'TOGGLE_LIVE_PANEL' };

/** Wall time of one step's animation at 1x, and the pause between steps when autoplaying. */
export const STEP_ANIMATION_MS = 1200;
export const AUTOPLAY_DWELL_MS = 2500;

export interface PlayerInput {
  /** Reduced motion: every animation is the same picture at its end (t = 1). */
  reducedMotion: boolean;
  /** How many steps each scene has. */
  stepCounts: StepCounts;
  /** Where the deck starts. */
  place?: Place;
}

export interface PlayerContext {
  readonly reducedMotion: boolean;
  readonly stepCounts: StepCounts;
  readonly place: Place;
  /** The scene selected in the overview grid (its arrows move it, Enter jumps there). */
  readonly overviewSelection: number;
}

/** Reports progress 0..1 over durationMs of wall time, one TICK per painted frame, then DONE. */
const ticker = fromCallback<PlayerEvent, { durationMs: number; report: boolean }>(({ sendBack, input }) => {
  if (input.durationMs <= 0) {
    sendBack({ type: 'DONE' });
    return () => {};
  }
  let raf = 0;
  let start: number | null = null;
  const tick = (now: number) => {
    // rAF passes the time its frame began. After a step that took long to compute, the first frame began
    // before that computation ran, so counting from it would skip the start of the animation (the scalable
    // scene's burst was gone by its first painted frame): count from when the first frame really ran.
    start ??= performance.now();
    const progress = Math.min(1, Math.max(0, (now - start) / input.durationMs));
    if (input.report) sendBack({ type: 'TICK', progress });
    if (progress < 1) raf = requestAnimationFrame(tick);
    else sendBack({ type: 'DONE' });
  };
  raf = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(raf);
});

const speed = () => deckStore.getState().speed;

/** One step's animation, the same whether stepped by hand or autoplayed: the ticker's TICKs move the playhead. */
const animation = {
  invoke: {
    src: 'ticker',
    input: ({ context }: { context: PlayerContext }) => ({
      durationMs: context.reducedMotion ? 0 : STEP_ANIMATION_MS / speed(),
      report: true,
    }),
  },
} as const;

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
  },
  actors: { ticker },
  guards: {
    hasNext: ({ context }) => nextPlace(context.stepCounts, context.place) !== null,
    // A step key on a black screen only brings the picture back; it does not also move on.
    visible: not(stateIn({ screen: 'black' })),
    overlayOpen: not(stateIn({ overlay: 'none' })),
  },
  actions: {
    stepForward: assign({
      place: ({ context }) => nextPlace(context.stepCounts, context.place) ?? context.place,
    }),
    stepBack: assign({
      place: ({ context }) => previousPlace(context.stepCounts, context.place) ?? { sceneIndex: 0, step: 0 },
    }),
    jump: assign({
      place: ({ context }, params: Place) => clampPlace(context.stepCounts, params.sceneIndex, params.step),
    }),
    /** Shows the context's place in the store, at the start of its animation. */
    showPlaceAnimated: ({ context }) => {
      goTo(context.place.sceneIndex, context.place.step);
      setProgress(0);
    },
    /** Shows the context's place in the store, at its final state. */
    showPlace: ({ context }) => {
      goTo(context.place.sceneIndex, context.place.step);
      setProgress(1);
    },
    animateLive: ({ event }) => {
      if (event.type === 'ANIMATE_LIVE') focusLive(event.focus);
      setProgress(0);
    },
    clearLive: () => {
      clearLive();
      setProgress(1);
    },
    selectCurrentScene: assign({ overviewSelection: ({ context }) => context.place.sceneIndex }),
    moveSelection: assign({
      overviewSelection: ({ context }, params: { by: number }) =>
        Math.min(context.stepCounts.length - 1, Math.max(0, context.overviewSelection + params.by)),
    }),
    finishAnimation: () => setProgress(1),
    showProgress: (_, params: { progress: number }) => setProgress(params.progress),
    sayEndOfDeck: () => showNotice('This is the end of the deck.'),
    clearNotice: () => {
      if (deckStore.getState().notice) showNotice(null);
    },
  },
}).createMachine({
  id: 'player',
  type: 'parallel',
  context: ({ input }) => ({
    reducedMotion: input.reducedMotion,
    stepCounts: input.stepCounts,
    place: input.place ?? { sceneIndex: 0, step: 0 },
    overviewSelection: input.place?.sceneIndex ?? 0,
  }),
  states: {
    playback: {
      initial: 'showing',
      on: {
        PREV: {
          guard: 'visible',
          target: '.showing',
          actions: ['clearNotice', 'stepBack', 'showPlace'],
        },
        GOTO: {
          target: '.showing',
          actions: [
            'clearNotice',
            { type: 'jump', params: ({ event }) => ({ sceneIndex: event.sceneIndex, step: event.step }) },
            'showPlace',
          ],
        },
        SET_BLACK: { target: '.showing', actions: 'finishAnimation' },
        TOGGLE_BLACK: { target: '.showing', actions: 'finishAnimation' },
        // Records a live action; when the engine takes it, animates it (the store says which one it is). A
        // refused action changes nothing here: the store shows the engine's message as the notice.
        LIVE: {
          actions: enqueueActions(({ event, enqueue }) => {
            if (recordLive(event.label, event.commands)) {
              enqueue.raise({ type: 'ANIMATE_LIVE', focus: deckStore.getState().liveFocus ?? 0 });
            }
          }),
        },
        // A live action: animate what it did, from its own start.
        ANIMATE_LIVE: { target: '.animating', actions: 'animateLive' },
        CLEAR_LIVE: { target: '.showing', actions: 'clearLive' },
        // Only an animation's ticker reports progress; the autoplay's dwell does not.
        TICK: { actions: { type: 'showProgress', params: ({ event }) => ({ progress: event.progress }) } },
      },
      states: {
        showing: {
          on: {
            NEXT: [
              {
                guard: and(['visible', 'hasNext']),
                target: 'animating',
                actions: ['clearNotice', 'stepForward', 'showPlaceAnimated'],
              },
              { guard: 'visible', actions: 'sayEndOfDeck' },
            ],
            TOGGLE_PLAY: [{ guard: 'hasNext', target: 'playing' }, { actions: 'sayEndOfDeck' }],
          },
        },
        animating: {
          ...animation,
          on: {
            // Another live action while one animates: its animation starts from its own beginning.
            ANIMATE_LIVE: { target: 'animating', reenter: true, actions: 'animateLive' },
            DONE: { target: 'showing', actions: 'finishAnimation' },
            NEXT: [
              {
                guard: 'hasNext',
                target: 'animating',
                reenter: true,
                actions: ['stepForward', 'showPlaceAnimated'],
              },
              { target: 'showing', actions: ['finishAnimation', 'sayEndOfDeck'] },
            ],
            TOGGLE_PLAY: { target: 'playing.dwelling', actions: 'finishAnimation' },
          },
        },
        playing: {
          initial: 'dwelling',
          on: {
            TOGGLE_PLAY: { target: 'showing', actions: 'finishAnimation' },
            NEXT: [
              { guard: 'hasNext', target: '.animating', actions: ['stepForward', 'showPlaceAnimated'] },
              { target: 'showing', actions: ['finishAnimation', 'sayEndOfDeck'] },
            ],
          },
          states: {
            animating: {
              ...animation,
              on: { DONE: { target: 'dwelling', actions: 'finishAnimation' } },
            },
            dwelling: {
              invoke: {
                src: 'ticker',
                input: () => ({ durationMs: AUTOPLAY_DWELL_MS / speed(), report: false }),
              },
              on: {
                DONE: [
                  { guard: 'hasNext', target: 'animating', actions: ['stepForward', 'showPlaceAnimated'] },
                  { target: '#player.playback.showing', actions: 'sayEndOfDeck' },
                ],
              },
            },
          },
        },
      },
    },
    overlay: {
      initial: 'none',
      on: {
        CLOSE_OVERLAY: '.none',
        // Behind a black screen, Esc only brings the picture back.
        ESCAPE: { guard: 'visible', target: '.none' },
        TOGGLE_HELP: '.help',
        TOGGLE_OVERVIEW: { target: '.overview', actions: 'selectCurrentScene' },
        TOGGLE_REAL: '.real',
      },
      states: {
        none: {},
        help: { on: { TOGGLE_HELP: 'none', GOTO: 'none' } },
        overview: {
          on: {
            TOGGLE_OVERVIEW: 'none',
            GOTO: 'none',
            OVERVIEW_MOVE: {
              actions: { type: 'moveSelection', params: ({ event }) => ({ by: event.by }) },
            },
            OVERVIEW_PICK: {
              actions: raise(({ context }) => ({
                type: 'GOTO',
                sceneIndex: context.overviewSelection,
                step: 0,
              })),
            },
          },
        },
        real: { on: { TOGGLE_REAL: 'none' } },
      },
    },
    screen: {
      initial: 'normal',
      states: {
        normal: {
          on: {
            TOGGLE_BLACK: 'black',
            SET_BLACK: { guard: ({ event }) => event.black, target: 'black' },
          },
        },
        black: {
          on: {
            TOGGLE_BLACK: 'normal',
            SET_BLACK: { guard: ({ event }) => !event.black, target: 'normal' },
            // Any step key brings the picture back, as a clicker's user expects.
            NEXT: 'normal',
            PREV: 'normal',
            ESCAPE: 'normal',
          },
        },
      },
    },
    panel: {
      initial: 'closed',
      states: {
        closed: { on: { TOGGLE_LIVE_PANEL: 'open' } },
        open: {
          on: {
            TOGGLE_LIVE_PANEL: 'closed',
            // Only when nothing is above it.
            ESCAPE: { guard: and(['visible', not('overlayOpen')]), target: 'closed' },
          },
        },
      },
    },
  },
});

export type OverlayName = 'none' | 'help' | 'overview' | 'real';

/** Which overlay is open, and whether the screen is black: what decides which keys apply (commands.ts). */
export function overlayOf(snapshot: SnapshotFrom<typeof playerMachine>): OverlayName {
  for (const o of ['help', 'overview', 'real'] as const) if (snapshot.matches({ overlay: o })) return o;
  return 'none';
}

/** Whether a step or a live action is animating (as opposed to shown at its end, or dwelt on in autoplay). */
export function isAnimating(snapshot: SnapshotFrom<typeof playerMachine>): boolean {
  return (
    snapshot.matches({ playback: 'animating' }) || snapshot.matches({ playback: { playing: 'animating' } })
  );
}

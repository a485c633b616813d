/**
 * The player, an xstate machine with three parallel regions:
 * - playback: showing a step, animating one, or autoplaying (animate, dwell, next);
 * - overlay: none, help, or the overview grid;
 * - screen: normal or black (the clicker's blank key), which also pauses autoplay.
 * Wall time enters only through the invoked ticker actor. Stepping back shows the earlier state at once and
 * never waits for an animation; a key press during an animation jumps it cleanly to the next state.
 */
import { and, fromCallback, not, setup, stateIn } from 'xstate';
import { deckStore, goTo, placeAfter, placeBefore, setProgress, showNotice } from '../store/deck-store';

export type PlayerEvent =
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'GOTO'; sceneIndex: number; step: number }
  | { type: 'ANIMATE' }
  | { type: 'FINISH' }
  | { type: 'TICK'; progress: number }
  | { type: 'DONE' }
  | { type: 'TOGGLE_PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE_HELP' }
  | { type: 'TOGGLE_OVERVIEW' }
  | { type: 'CLOSE_OVERLAY' }
  | { type: 'TOGGLE_BLACK' }
  | { type: 'SET_BLACK'; black: boolean };

/** Wall time of one step's animation at 1x, and the pause between steps when autoplaying. */
export const STEP_ANIMATION_MS = 1200;
export const AUTOPLAY_DWELL_MS = 2500;

export interface PlayerInput {
  /** Reduced motion: every animation is the same picture at its end (t = 1). */
  reducedMotion: boolean;
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

export const playerMachine = setup({
  types: {
    context: {} as PlayerInput,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
  },
  actors: { ticker },
  guards: {
    hasNext: () => placeAfter() !== null,
    // A step key on a black screen only brings the picture back; it does not also move on.
    visible: not(stateIn({ screen: 'black' })),
  },
  actions: {
    stepForward: () => {
      const next = placeAfter();
      if (next) goTo(next.sceneIndex, next.step, true);
    },
    stepBack: () => {
      const prev = placeBefore();
      goTo(prev?.sceneIndex ?? 0, prev?.step ?? 0, false);
    },
    jump: (_, params: { sceneIndex: number; step: number }) => goTo(params.sceneIndex, params.step, false),
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
  context: ({ input }) => input,
  states: {
    playback: {
      initial: 'showing',
      on: {
        PREV: {
          guard: 'visible',
          target: '.showing',
          actions: ['finishAnimation', 'clearNotice', 'stepBack'],
        },
        GOTO: {
          target: '.showing',
          actions: [
            'clearNotice',
            { type: 'jump', params: ({ event }) => ({ sceneIndex: event.sceneIndex, step: event.step }) },
          ],
        },
        FINISH: { target: '.showing', actions: 'finishAnimation' },
        PAUSE: { target: '.showing', actions: 'finishAnimation' },
        SET_BLACK: { target: '.showing', actions: 'finishAnimation' },
        TOGGLE_BLACK: { target: '.showing', actions: 'finishAnimation' },
        // A live action: animate what it did, from its own start.
        ANIMATE: { target: '.animating' },
      },
      states: {
        showing: {
          on: {
            NEXT: [
              {
                guard: and(['visible', 'hasNext']),
                target: 'animating',
                actions: ['clearNotice', 'stepForward'],
              },
              { guard: 'visible', actions: 'sayEndOfDeck' },
            ],
            TOGGLE_PLAY: [{ guard: 'hasNext', target: 'playing' }, { actions: 'sayEndOfDeck' }],
          },
        },
        animating: {
          invoke: {
            src: 'ticker',
            input: ({ context }) => ({
              durationMs: context.reducedMotion ? 0 : STEP_ANIMATION_MS / speed(),
              report: true,
            }),
          },
          on: {
            TICK: {
              actions: { type: 'showProgress', params: ({ event }) => ({ progress: event.progress }) },
            },
            DONE: { target: 'showing', actions: 'finishAnimation' },
            NEXT: [
              {
                guard: 'hasNext',
                target: 'animating',
                reenter: true,
                actions: ['finishAnimation', 'stepForward'],
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
              { guard: 'hasNext', target: '.animating', actions: ['finishAnimation', 'stepForward'] },
              { target: 'showing', actions: ['finishAnimation', 'sayEndOfDeck'] },
            ],
          },
          states: {
            animating: {
              invoke: {
                src: 'ticker',
                input: ({ context }) => ({
                  durationMs: context.reducedMotion ? 0 : STEP_ANIMATION_MS / speed(),
                  report: true,
                }),
              },
              on: {
                TICK: {
                  actions: { type: 'showProgress', params: ({ event }) => ({ progress: event.progress }) },
                },
                DONE: { target: 'dwelling', actions: 'finishAnimation' },
              },
            },
            dwelling: {
              invoke: {
                src: 'ticker',
                input: () => ({ durationMs: AUTOPLAY_DWELL_MS / speed(), report: false }),
              },
              on: {
                DONE: [
                  { guard: 'hasNext', target: 'animating', actions: 'stepForward' },
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
      on: { CLOSE_OVERLAY: '.none' },
      states: {
        none: { on: { TOGGLE_HELP: 'help', TOGGLE_OVERVIEW: 'overview' } },
        help: { on: { TOGGLE_HELP: 'none', TOGGLE_OVERVIEW: 'overview', GOTO: 'none' } },
        overview: { on: { TOGGLE_OVERVIEW: 'none', TOGGLE_HELP: 'help', GOTO: 'none' } },
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
          },
        },
      },
    },
  },
});

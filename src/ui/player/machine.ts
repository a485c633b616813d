/**
 * The player: an xstate machine for stepping and animating. Stepping forward plays the step's animation
 * (wall time enters only through the invoked ticker actor); stepping back shows the earlier state at once
 * and never waits for an animation. A key press during an animation jumps it cleanly to the next state.
 */
import { fromCallback, setup } from 'xstate';
import { deckStore, goTo, placeAfter, placeBefore, setProgress, showNotice } from '../store/deck-store';

export type PlayerEvent =
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'GOTO'; sceneIndex: number; step: number }
  | { type: 'FINISH' }
  | { type: 'TICK'; progress: number }
  | { type: 'DONE' };

/** Wall time of one step's animation at 1x. */
export const STEP_ANIMATION_MS = 1200;

const ticker = fromCallback<PlayerEvent, { durationMs: number }>(({ sendBack, input }) => {
  if (input.durationMs <= 0) {
    sendBack({ type: 'DONE' });
    return () => {};
  }
  let raf = 0;
  let start: number | null = null;
  const tick = (now: number) => {
    start ??= now;
    const progress = Math.min(1, (now - start) / input.durationMs);
    sendBack({ type: 'TICK', progress });
    if (progress < 1) raf = requestAnimationFrame(tick);
    else sendBack({ type: 'DONE' });
  };
  raf = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(raf);
});

export const playerMachine = setup({
  types: {
    context: {} as { durationMs: number },
    events: {} as PlayerEvent,
    input: {} as { durationMs: number },
  },
  actors: { ticker },
  guards: {
    hasNext: () => placeAfter() !== null,
  },
  actions: {
    stepForward: () => {
      const next = placeAfter();
      if (next) goTo(next.sceneIndex, next.step, true);
    },
    stepBack: () => {
      const prev = placeBefore();
      if (prev) goTo(prev.sceneIndex, prev.step, false);
      else goTo(0, 0, false);
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
  context: ({ input }) => ({ durationMs: input.durationMs }),
  initial: 'showing',
  on: {
    PREV: { target: '.showing', actions: ['finishAnimation', 'clearNotice', 'stepBack'] },
    GOTO: {
      target: '.showing',
      actions: [
        'clearNotice',
        { type: 'jump', params: ({ event }) => ({ sceneIndex: event.sceneIndex, step: event.step }) },
      ],
    },
    FINISH: { target: '.showing', actions: 'finishAnimation' },
  },
  states: {
    showing: {
      on: {
        NEXT: [
          { guard: 'hasNext', target: 'animating', actions: ['clearNotice', 'stepForward'] },
          { actions: 'sayEndOfDeck' },
        ],
      },
    },
    animating: {
      invoke: { src: 'ticker', input: ({ context }) => ({ durationMs: context.durationMs }) },
      on: {
        TICK: { actions: { type: 'showProgress', params: ({ event }) => ({ progress: event.progress }) } },
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
      },
    },
  },
});

/**
 * Builds the frames on either side of the one on screen while the browser is idle, so that the next key
 * press (or the autoplay's next step) finds its frame ready: a heavy step costs a few hundred ms of engine
 * time, which a presenter would otherwise feel as a stall. Work happens between engine commands and stops
 * when the idle period runs out, so it never holds a frame or a key press up for long.
 */
import type { Actor } from 'xstate';
import { sceneAt } from '../store/deck-scenes';
import { type DeckState, deckStore, placeAfter, placeBefore } from '../store/deck-store';
import { NO_LIVE, prefetchFrame } from '../store/frames';
import { ksqlReadyFor } from '../store/ksql-loader';
import { isAnimating, type playerMachine } from './machine';

/** Leave this much of an idle period to the browser: one engine command can take a few ms. */
const MARGIN_MS = 4;

type Idle = (work: (deadline: { timeRemaining(): number }) => void) => () => void;

/** requestIdleCallback where there is one; elsewhere a short timeout with a 10 ms budget. */
const whenIdle: Idle =
  typeof window.requestIdleCallback === 'function'
    ? (work) => {
        const h = window.requestIdleCallback(work);
        return () => window.cancelIdleCallback(h);
      }
    : (work) => {
        const h = window.setTimeout(() => {
          const end = performance.now() + 10;
          work({ timeRemaining: () => Math.max(0, end - performance.now()) });
        }, 50);
        return () => window.clearTimeout(h);
      };

const placeChanged = (a: DeckState, b: DeckState) =>
  a.sceneIndex !== b.sceneIndex || a.step !== b.step || a.live !== b.live;

/**
 * Only once the step's animation is over (the presenter is talking): idle slices between animation frames
 * are short, and one command of a heavy step can outlast one, which would drop frames of the animation.
 */
export function installPrefetch(player: Actor<typeof playerMachine>): () => void {
  const settled = () => !isAnimating(player.getSnapshot());
  let cancel: (() => void) | null = null;
  const schedule = () => {
    cancel?.();
    cancel = whenIdle(work);
  };
  const work = (deadline: { timeRemaining(): number }) => {
    cancel = null;
    const state = deckStore.getState();
    if (!settled()) return;
    const hasTime = () => deadline.timeRemaining() > MARGIN_MS;
    for (const place of [placeAfter(state), placeBefore(state)]) {
      if (!place) continue;
      const scene = sceneAt(place.sceneIndex);
      const live = state.live[scene.id] ?? NO_LIVE;
      // A scene with queries waits for the ksql engine, which loads on its own once the deck is idle.
      if (!ksqlReadyFor(scene, live)) continue;
      if (!prefetchFrame(place.sceneIndex, place.step, live, hasTime)) {
        schedule();
        return;
      }
    }
  };
  const unsubscribe = deckStore.subscribe((s, prev) => {
    if (placeChanged(s, prev)) schedule();
  });
  let wasSettled = settled();
  const subscription = player.subscribe(() => {
    const now = settled();
    if (now && !wasSettled) schedule();
    wasSettled = now;
  });
  schedule();
  return () => {
    unsubscribe();
    subscription.unsubscribe();
    cancel?.();
  };
}

/**
 * The registry's keys that reach a real cluster: its commands beside the scene, the replay of the scene on
 * it, reality mode. Part of the one registry (commands.ts spreads them into deckCommands), so the help lists
 * them and the key test covers them.
 */
import { replayPlan } from '../../reality/replay-scenes';
import { scenes } from '../../scenarios/registry';
import { toggleReality } from '../reality/reality-mode';
import { realityStore } from '../reality/reality-store';
import { replayStore, toggleReplay } from '../reality/replay/replay-store';
import type { DeckCommand } from './commands';
import { here, onDeck } from './key-situations';

export const realityKeys: readonly DeckCommand[] = [
  {
    id: 'real-commands',
    group: 'live',
    label: 'This scene on a real cluster',
    keys: ['r', 'R'],
    caption: 'Run it for real',
    toggle: { aria: 'expanded', on: (v) => v.realOpen },
    // The audience's window shows it; the presenter's has no room for it (and the learner reads it there).
    when: (_, c) => !c.presenter,
    run: (send) => send({ type: 'TOGGLE_REAL' }),
  },
  {
    id: 'replay-real',
    group: 'live',
    label: 'Replay this scene on a real cluster',
    listed: () => realityStore.getState().bridge !== null,
    keys: ['Alt+r', 'Alt+R', 'Alt+®'],
    // The replay's own store says whether it is open (it is not a state of the player machine).
    caption: () => (replayStore.getState().open ? 'Close the replay' : 'Replay on the real cluster'),
    toggle: { aria: 'expanded', on: () => replayStore.getState().open },
    // Only where a bridge serves the page, and in the audience's window (the presenter's has no room).
    when: (_, c) => !c.presenter && onDeck(undefined, c) && realityStore.getState().bridge !== null,
    run: () => {
      const { sceneIndex, step } = here();
      const scene = scenes[sceneIndex]!;
      void toggleReplay(scene.id, step, replayPlan(scene).replayable);
    },
  },
  {
    id: 'reality',
    group: 'live',
    label: 'Real cluster (npm run real) and back',
    listed: () => realityStore.getState().bridge !== null,
    keys: ['k', 'K'],
    caption: 'Real cluster',
    // Only where a bridge serves the page: the static build has no cluster to show.
    when: (_, c) => !c.presenter && realityStore.getState().bridge !== null,
    run: () => toggleReality(),
  },
];

/** Where the deck's own keys apply, shared by the registry's files (commands.ts and the keys it spreads in). */
import { realityStore } from '../reality/reality-store';
import { deckStore } from '../store/deck-store';
import type { KeyContext } from './commands';

export const here = () => deckStore.getState();
/** Reality mode is on: the stage shows the real cluster, and the deck's moving keys wait for its return. */
export const inReality = () => realityStore.getState().active;
/** The deck's own keys apply unless a modal overlay (the help, the overview) has the keys. */
export const onDeck = (_: unknown, c: KeyContext) =>
  (c.overlay === 'none' || c.overlay === 'real') && !inReality();

/**
 * The registry's keys that move through the deck: step, scene, start and end, go to a slide. Part of the one
 * registry (commands.ts spreads them into deckCommands first), so the help lists them in this order.
 */
import { scenes } from '../../scenarios/registry';
import { lastStepOf } from '../store/deck-store';
import type { DeckCommand } from './commands';
import { here, onDeck } from './key-situations';
import { startSlideEntry } from './slide-entry';

export const movingKeys: readonly DeckCommand[] = [
  {
    id: 'next-step',
    group: 'moving',
    when: onDeck,
    label: 'Next step',
    keys: ['ArrowRight', ' ', 'PageDown', 'Enter'],
    caption: 'Next ▶',
    run: (send) => send({ type: 'NEXT' }),
  },
  {
    id: 'previous-step',
    group: 'moving',
    when: onDeck,
    label: 'Previous step (instant)',
    keys: ['ArrowLeft', 'PageUp', 'Backspace'],
    caption: '◀ Back',
    run: (send) => send({ type: 'PREV' }),
  },
  {
    id: 'end-of-scene',
    group: 'moving',
    when: onDeck,
    label: "End of the scene's steps",
    keys: ['Alt+ArrowRight', 'Alt+PageDown', 'Alt+ ', 'Alt+Enter'],
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: lastStepOf(here().sceneIndex) }),
  },
  {
    id: 'start-of-scene',
    group: 'moving',
    when: onDeck,
    label: 'Start of the scene',
    keys: ['Alt+ArrowLeft', 'Alt+PageUp', 'Alt+Backspace'],
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: 0 }),
  },
  {
    id: 'next-scene',
    group: 'moving',
    when: onDeck,
    label: 'Next scene',
    keys: ['ArrowDown'],
    run: (send) =>
      send({ type: 'GOTO', sceneIndex: Math.min(here().sceneIndex + 1, scenes.length - 1), step: 0 }),
  },
  {
    id: 'previous-scene',
    group: 'moving',
    when: onDeck,
    label: 'Previous scene',
    keys: ['ArrowUp'],
    run: (send) => send({ type: 'GOTO', sceneIndex: Math.max(here().sceneIndex - 1, 0), step: 0 }),
  },
  {
    id: 'first',
    group: 'moving',
    when: onDeck,
    label: 'First scene',
    keys: ['Home'],
    run: (send) => send({ type: 'GOTO', sceneIndex: 0, step: 0 }),
  },
  {
    id: 'last',
    group: 'moving',
    when: onDeck,
    label: 'Last step of the deck',
    keys: ['End'],
    run: (send) => send({ type: 'GOTO', sceneIndex: scenes.length - 1, step: lastStepOf(scenes.length - 1) }),
  },
  {
    id: 'go-to-slide',
    group: 'moving',
    when: onDeck,
    label: 'Go to slide: G, number, Enter',
    keys: ['g', 'G'],
    run: () => startSlideEntry(),
  },
];

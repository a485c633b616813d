/**
 * Every user action, registered once: the key handler and the help overlay read this list, so the help
 * can never disagree with what the keys do.
 */
import { scenes } from '../../scenarios/registry';
import { deckStore, lastStepOf } from '../store/deck-store';
import type { PlayerEvent } from './machine';

export interface DeckCommand {
  readonly id: string;
  readonly label: string;
  /** KeyboardEvent.key values (with "Alt+" for the Alt modifier). */
  readonly keys: readonly string[];
  readonly run: (send: (e: PlayerEvent) => void) => void;
}

const here = () => deckStore.getState();

export const deckCommands: readonly DeckCommand[] = [
  {
    id: 'next-step',
    label: 'Next step',
    keys: ['ArrowRight', ' ', 'PageDown', 'Enter'],
    run: (send) => send({ type: 'NEXT' }),
  },
  {
    id: 'previous-step',
    label: 'Previous step',
    keys: ['ArrowLeft', 'PageUp', 'Backspace'],
    run: (send) => send({ type: 'PREV' }),
  },
  {
    id: 'end-of-scene',
    label: "Jump to the end of the scene's steps",
    keys: ['Alt+ArrowRight', 'Alt+PageDown'],
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: lastStepOf(here().sceneIndex) }),
  },
  {
    id: 'start-of-scene',
    label: 'Jump to the start of the scene',
    keys: ['Alt+ArrowLeft', 'Alt+PageUp'],
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: 0 }),
  },
  {
    id: 'next-scene',
    label: 'Next scene',
    keys: ['ArrowDown'],
    run: (send) =>
      send({ type: 'GOTO', sceneIndex: Math.min(here().sceneIndex + 1, scenes.length - 1), step: 0 }),
  },
  {
    id: 'previous-scene',
    label: 'Previous scene',
    keys: ['ArrowUp'],
    run: (send) => send({ type: 'GOTO', sceneIndex: Math.max(here().sceneIndex - 1, 0), step: 0 }),
  },
  {
    id: 'first',
    label: 'First scene',
    keys: ['Home'],
    run: (send) => send({ type: 'GOTO', sceneIndex: 0, step: 0 }),
  },
  {
    id: 'last',
    label: 'Last step of the deck',
    keys: ['End'],
    run: (send) => send({ type: 'GOTO', sceneIndex: scenes.length - 1, step: lastStepOf(scenes.length - 1) }),
  },
];

export function keyName(e: Pick<KeyboardEvent, 'key' | 'altKey'>): string {
  return e.altKey ? `Alt+${e.key}` : e.key;
}

export function commandForKey(key: string): DeckCommand | undefined {
  return deckCommands.find((c) => c.keys.includes(key));
}

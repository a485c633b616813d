/**
 * Every user action, registered once: the key handler, the help overlay and the buttons read this list,
 * so the help can never disagree with what the keys do.
 */
import { scenes } from '../../scenarios/registry';
import { changeSpeed, cycleTheme, deckStore, lastStepOf } from '../store/deck-store';
import type { PlayerEvent } from './machine';

export interface DeckCommand {
  readonly id: string;
  readonly label: string;
  /** KeyboardEvent.key values, with "Alt+" for the Alt modifier. */
  readonly keys: readonly string[];
  /** How the help overlay writes the keys. */
  readonly keyHelp: string;
  readonly run: (send: (e: PlayerEvent) => void) => void;
}

const here = () => deckStore.getState();

/** Opens the presenter view in a second window; both run the same engine on the same commands. */
function openPresenter(): void {
  const url = new URL(window.location.href);
  url.searchParams.set('view', 'presenter');
  window.open(url.toString(), 'kafka-stage-presenter', 'width=1100,height=700');
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen?.();
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}

export const deckCommands: readonly DeckCommand[] = [
  {
    id: 'next-step',
    label: 'Next step',
    keys: ['ArrowRight', ' ', 'PageDown', 'Enter'],
    keyHelp: '→  Space  PageDown  Enter',
    run: (send) => send({ type: 'NEXT' }),
  },
  {
    id: 'previous-step',
    label: 'Previous step (instant)',
    keys: ['ArrowLeft', 'PageUp', 'Backspace'],
    keyHelp: '←  PageUp  Backspace',
    run: (send) => send({ type: 'PREV' }),
  },
  {
    id: 'end-of-scene',
    label: "Jump to the end of the scene's steps",
    keys: ['Alt+ArrowRight', 'Alt+PageDown', 'Alt+ ', 'Alt+Enter'],
    keyHelp: 'Alt + a next key',
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: lastStepOf(here().sceneIndex) }),
  },
  {
    id: 'start-of-scene',
    label: 'Jump to the start of the scene',
    keys: ['Alt+ArrowLeft', 'Alt+PageUp', 'Alt+Backspace'],
    keyHelp: 'Alt + a back key',
    run: (send) => send({ type: 'GOTO', sceneIndex: here().sceneIndex, step: 0 }),
  },
  {
    id: 'next-scene',
    label: 'Next scene',
    keys: ['ArrowDown'],
    keyHelp: '↓',
    run: (send) =>
      send({ type: 'GOTO', sceneIndex: Math.min(here().sceneIndex + 1, scenes.length - 1), step: 0 }),
  },
  {
    id: 'previous-scene',
    label: 'Previous scene',
    keys: ['ArrowUp'],
    keyHelp: '↑',
    run: (send) => send({ type: 'GOTO', sceneIndex: Math.max(here().sceneIndex - 1, 0), step: 0 }),
  },
  {
    id: 'first',
    label: 'First scene',
    keys: ['Home'],
    keyHelp: 'Home',
    run: (send) => send({ type: 'GOTO', sceneIndex: 0, step: 0 }),
  },
  {
    id: 'last',
    label: 'Last step of the deck',
    keys: ['End'],
    keyHelp: 'End',
    run: (send) => send({ type: 'GOTO', sceneIndex: scenes.length - 1, step: lastStepOf(scenes.length - 1) }),
  },
  {
    id: 'go-to-slide',
    label: 'Go to a slide of the talk: G, its number, Enter',
    keys: ['g', 'G'],
    keyHelp: 'G  number  Enter',
    run: () => {},
  },
  {
    id: 'play',
    label: 'Play / pause autoplay',
    keys: ['p', 'P'],
    keyHelp: 'P',
    run: (send) => send({ type: 'TOGGLE_PLAY' }),
  },
  { id: 'faster', label: 'Faster (up to 4x)', keys: ['+', '='], keyHelp: '+', run: () => changeSpeed(1) },
  {
    id: 'slower',
    label: 'Slower (down to 0.25x)',
    keys: ['-', '_'],
    keyHelp: '−',
    run: () => changeSpeed(-1),
  },
  {
    id: 'overview',
    label: 'Overview of all scenes',
    keys: ['o', 'O', 'Escape'],
    keyHelp: 'O  Esc',
    run: (send) => send({ type: 'TOGGLE_OVERVIEW' }),
  },
  { id: 'help', label: 'This help', keys: ['?'], keyHelp: '?', run: (send) => send({ type: 'TOGGLE_HELP' }) },
  {
    id: 'black',
    label: 'Black screen (pauses the clock)',
    keys: ['b', 'B', '.'],
    keyHelp: 'B  .',
    run: (send) => send({ type: 'TOGGLE_BLACK' }),
  },
  { id: 'fullscreen', label: 'Fullscreen', keys: ['f', 'F'], keyHelp: 'F', run: () => toggleFullscreen() },
  {
    id: 'presenter',
    label: 'Presenter view in a second window',
    keys: ['s', 'S'],
    keyHelp: 'S',
    run: () => openPresenter(),
  },
  {
    id: 'theme',
    label: 'Switch theme (dark / high-contrast projector)',
    keys: ['t', 'T'],
    keyHelp: 'T',
    run: () => cycleTheme(),
  },
  {
    id: 'print',
    label: 'Print the handout (one page per step)',
    keys: ['Alt+p', 'Alt+P', 'Alt+π'],
    keyHelp: 'Alt + P',
    run: () => window.print(),
  },
];

export function keyName(e: Pick<KeyboardEvent, 'key' | 'altKey'>): string {
  return e.altKey ? `Alt+${e.key}` : e.key;
}

export function commandForKey(key: string): DeckCommand | undefined {
  return deckCommands.find((c) => c.keys.includes(key));
}

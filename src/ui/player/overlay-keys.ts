/**
 * Registry entries that apply only in one context: the overview's own keys while it is open (the arrows
 * move its selection, Enter goes there), and the presenter's window's keys (the notes' size). Part of the one
 * registry (commands.ts spreads them into deckCommands), so the help lists them and the key test covers them.
 */
import { windowOverviewGrid } from '../overlays/overview-layout';
import { deckScenes } from '../store/deck-scenes';
import { changeNotesSize } from '../store/notes-size';
import type { DeckCommand, KeyContext } from './commands';

const inOverview = (_: unknown, c: KeyContext) => c.overlay === 'overview';
const inPresenter = (_: unknown, c: KeyContext) => c.presenter;
/** Moves the overview's selection by a row: the grid's columns for the window as it is. */
const overviewRow = () => windowOverviewGrid(deckScenes().length).columns;

export const overviewKeys: readonly DeckCommand[] = [
  {
    id: 'overview-left',
    group: 'overview',
    label: 'Select the scene before',
    keys: ['ArrowLeft'],
    when: inOverview,
    run: (send) => send({ type: 'OVERVIEW_MOVE', by: -1 }),
  },
  {
    id: 'overview-right',
    group: 'overview',
    label: 'Select the scene after',
    keys: ['ArrowRight'],
    when: inOverview,
    run: (send) => send({ type: 'OVERVIEW_MOVE', by: 1 }),
  },
  {
    id: 'overview-up',
    group: 'overview',
    label: 'Select the scene a row up',
    keys: ['ArrowUp'],
    when: inOverview,
    run: (send) => send({ type: 'OVERVIEW_MOVE', by: -overviewRow() }),
  },
  {
    id: 'overview-down',
    group: 'overview',
    label: 'Select the scene a row down',
    keys: ['ArrowDown'],
    when: inOverview,
    run: (send) => send({ type: 'OVERVIEW_MOVE', by: overviewRow() }),
  },
  {
    id: 'overview-pick',
    group: 'overview',
    label: 'Go to the selected scene',
    keys: ['Enter', ' '],
    when: inOverview,
    run: (send) => send({ type: 'OVERVIEW_PICK' }),
  },
];

export const presenterKeys: readonly DeckCommand[] = [
  {
    id: 'notes-larger',
    group: 'presenting',
    label: 'Presenter view: larger notes',
    keys: [']'],
    when: inPresenter,
    run: () => changeNotesSize(1),
  },
  {
    id: 'notes-smaller',
    group: 'presenting',
    label: 'Presenter view: smaller notes',
    keys: ['['],
    when: inPresenter,
    run: () => changeNotesSize(-1),
  },
];

/**
 * Every user action, registered once: the key handler, the help overlay, the deck's and the presenter's
 * buttons and the live panel all read this registry, so a key, its help line and its button can never
 * disagree. An entry is { id, label, keys, group, when, run } (Excalidraw's actions: name, label, keyTest,
 * perform), plus the caption of its button where it has one. `when` also says in which situation a key
 * applies: while the help or the overview is open, the deck's moving keys give way to the overlay's own
 * (arrows move the overview's selection, Enter jumps), so one key never does two things at once.
 */
import { scenes } from '../../scenarios/registry';
import type { SandboxConfig } from '../../scenarios/sandbox-config';
import { toggleRealMetrics } from '../reality/reality-store';
import { changeSpeed, cycleTheme, metricsAvailableIn, toggleMetrics } from '../store/deck-store';
import { applySandbox } from '../store/sandbox';
import { here, inReality, onDeck } from './key-situations';
import { liveCommands } from './live-commands';
import type { OverlayName, PlayerEvent } from './machine';
import { movingKeys } from './moving-keys';
import { overviewKeys, presenterKeys } from './overlay-keys';
import { realityCommands } from './reality-commands';
import { realityKeys } from './reality-keys';

export type Send = (e: PlayerEvent) => void;

/** What a button's caption and state may depend on. */
export interface PlayerView {
  readonly playing: boolean;
  readonly speed: number;
  readonly livePanelOpen: boolean;
  readonly realOpen: boolean;
}

/** Where a key is pressed: which overlay is open (the machine says), and in which window. */
export interface KeyContext {
  readonly overlay: OverlayName;
  /** The presenter's window (?view=presenter) rather than the audience's. */
  readonly presenter: boolean;
}

export const DECK_CONTEXT: KeyContext = { overlay: 'none', presenter: false };

/** How the help groups the keys, in this order. */
export const GROUPS = {
  moving: 'Moving through the deck',
  presenting: 'Presenting',
  overview: 'In the overview',
  live: 'Acting live',
} as const;
export type Group = keyof typeof GROUPS;

export interface Command<Arg = void> {
  readonly id: string;
  /** What it does: the help overlay's line, a button's title. */
  readonly label: string;
  /** KeyboardEvent.key values, with "Alt+" for the Alt modifier; the help writes them (key-format.ts). */
  readonly keys: readonly string[];
  /** Where the help lists it; entries without keys need none. */
  readonly group?: Group;
  /** The text of its button, where it has one. */
  readonly caption?: string | ((arg: Arg, view: PlayerView) => string);
  /** For a toggle: whether it is on (aria-pressed), or for a disclosure whether it is open (aria-expanded). */
  readonly toggle?: { readonly aria: 'pressed' | 'expanded'; readonly on: (view: PlayerView) => boolean };
  /** When it applies; otherwise its key does nothing and its button is not drawn. Always, when absent. */
  readonly when?: (arg: Arg, context: KeyContext) => boolean;
  /** Whether the help lists it: a key that exists only in some setups (a bridge) is listed only there. */
  readonly listed?: () => boolean;
  readonly run: (send: Send, arg: Arg) => void;
}

export type DeckCommand = Command<void>;

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

const sceneHasLive = (_: unknown, c: KeyContext) =>
  onDeck(undefined, c) && (here().live[scenes[here().sceneIndex]!.id]?.length ?? 0) > 0;

export const deckCommands: readonly DeckCommand[] = [
  ...movingKeys,
  {
    id: 'play',
    group: 'presenting',
    label: 'Play / pause autoplay',
    keys: ['p', 'P'],
    caption: (_, v) => `${v.playing ? '❚❚ Pause' : '▶▶ Play'} ${v.speed !== 1 ? `${v.speed}x` : ''}`,
    toggle: { aria: 'pressed', on: (v) => v.playing },
    run: (send) => send({ type: 'TOGGLE_PLAY' }),
  },
  {
    id: 'faster',
    group: 'presenting',
    label: 'Faster (up to 4x)',
    keys: ['+', '='],
    run: () => changeSpeed(1),
  },
  {
    id: 'slower',
    group: 'presenting',
    label: 'Slower (down to 0.25x)',
    keys: ['-', '_'],
    run: () => changeSpeed(-1),
  },
  {
    id: 'overview',
    group: 'presenting',
    label: 'Overview of all scenes',
    keys: ['o', 'O'],
    run: (send) => send({ type: 'TOGGLE_OVERVIEW' }),
  },
  {
    id: 'help',
    group: 'presenting',
    label: 'This help',
    keys: ['?'],
    caption: 'Keys (?)',
    run: (send) => send({ type: 'TOGGLE_HELP' }),
  },
  {
    id: 'black',
    group: 'presenting',
    label: 'Black screen (pauses the clock)',
    keys: ['b', 'B', '.'],
    caption: 'Black screen',
    run: (send) => send({ type: 'TOGGLE_BLACK' }),
  },
  {
    id: 'fullscreen',
    group: 'presenting',
    label: 'Fullscreen',
    keys: ['f', 'F'],
    run: () => toggleFullscreen(),
  },
  {
    id: 'presenter',
    group: 'presenting',
    label: 'Presenter view (second window)',
    keys: ['s', 'S'],
    run: () => openPresenter(),
  },
  {
    id: 'theme',
    group: 'presenting',
    label: 'Theme: dark or projector',
    keys: ['t', 'T'],
    run: () => cycleTheme(),
  },
  {
    id: 'metrics',
    group: 'presenting',
    label: 'Operator metrics (JMX) beside the brokers',
    keys: ['m', 'M'],
    caption: 'Metrics (M)',
    when: () => inReality() || metricsAvailableIn(here().sceneIndex),
    run: () => (inReality() ? toggleRealMetrics() : toggleMetrics()),
  },
  {
    id: 'print',
    group: 'presenting',
    label: 'Print the handout',
    keys: ['Alt+p', 'Alt+P', 'Alt+π'],
    run: () => window.print(),
  },
  {
    id: 'close-top',
    group: 'presenting',
    label: 'Close the topmost overlay',
    keys: ['Escape'],
    run: (send) => send({ type: 'ESCAPE' }),
  },
  {
    id: 'live-panel',
    group: 'live',
    label: 'Live controls, beside the stage',
    keys: ['l', 'L'],
    caption: 'Live',
    toggle: { aria: 'expanded', on: (v) => v.livePanelOpen },
    run: (send) => send({ type: 'TOGGLE_LIVE_PANEL' }),
  },
  ...realityKeys,
  ...overviewKeys,
  ...presenterKeys,
  {
    id: 'clear-live',
    group: 'live',
    label: "Clear this scene's live actions",
    keys: ['Alt+x', 'Alt+X', 'Alt+≈'],
    // Not "live" in the caption: the Live button's name would match it.
    caption: 'Clear this scene’s actions',
    when: sceneHasLive,
    run: (send) => send({ type: 'CLEAR_LIVE' }),
  },
];

/** What the overlays' own buttons do: close the overlay, jump to a scene picked in the overview. */
export const overlayCommands = {
  close: {
    id: 'close-overlay',
    label: 'Close this overlay',
    keys: [],
    caption: 'Close',
    run: (send) => send({ type: 'CLOSE_OVERLAY' }),
  } satisfies Command,
  goToScene: {
    id: 'go-to-scene',
    label: 'Go to the start of this scene',
    keys: [],
    run: (send, sceneIndex) => send({ type: 'GOTO', sceneIndex, step: 0 }),
  } satisfies Command<number>,
};

/** The sandbox's settings form: rebuilding reloads the deck on the new cluster (the settings are in the URL). */
export const sandboxCommands = {
  rebuild: {
    id: 'rebuild-sandbox',
    label: "Rebuild the sandbox's cluster with these settings (its live actions are cleared)",
    keys: [],
    caption: 'Rebuild the cluster',
    run: (_send, config) => applySandbox(config),
  } satisfies Command<SandboxConfig>,
};

/** Every entry of the registry, deck commands, overlay buttons and live controls alike. */
export const allCommands: readonly Command<never>[] = [
  ...deckCommands,
  ...Object.values(overlayCommands),
  ...Object.values(sandboxCommands),
  ...Object.values(liveCommands),
  ...Object.values(realityCommands),
];

export function deckCommand(id: string): DeckCommand {
  const c = deckCommands.find((d) => d.id === id);
  if (!c) throw new Error(`no command ${id}`);
  return c;
}

export function keyName(e: Pick<KeyboardEvent, 'key' | 'altKey'>): string {
  return e.altKey ? `Alt+${e.key}` : e.key;
}

/** The one entry a key runs where it is pressed, if any applies there. */
export function commandForKey(key: string, context: KeyContext = DECK_CONTEXT): DeckCommand | undefined {
  return deckCommands.find((c) => c.keys.includes(key) && (c.when?.(undefined, context) ?? true));
}

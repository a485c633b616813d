/**
 * Every user action, registered once: the key handler, the help overlay, the deck's and the presenter's
 * buttons and the live panel all read this registry, so a key, its help line and its button can never
 * disagree. An entry is { id, label, keys, group, when, run } (Excalidraw's actions: name, label, keyTest,
 * perform), plus the caption of its button where it has one. `when` also says in which situation a key
 * applies: while the help or the overview is open, the deck's moving keys give way to the overlay's own
 * (arrows move the overview's selection, Enter jumps), so one key never does two things at once.
 */
import type { EngineState } from '../../engine';
import type { RealAction } from '../../reality/protocol';
import { replayPlan } from '../../reality/replay-scenes';
import { scenes } from '../../scenarios/registry';
import type { SandboxConfig } from '../../scenarios/sandbox-config';
import { cancelPending, confirmPending, takeRealAction } from '../reality/real-actions';
import { switchView, toggleReality } from '../reality/reality-mode';
import { type RealView, realityStore, toggleRealMetrics } from '../reality/reality-store';
import { replayStore, toggleReplay } from '../reality/replay/replay-store';
import {
  changeSpeed,
  cycleTheme,
  deckStore,
  lastStepOf,
  metricsAvailableIn,
  toggleMetrics,
} from '../store/deck-store';
import { applySandbox } from '../store/sandbox';
import { type LiveEvent, liveActions } from './live-actions';
import { brokerCaption, consumerCaption } from './live-captions';
import type { OverlayName, PlayerEvent } from './machine';
import { overviewKeys, presenterKeys } from './overlay-keys';
import { startSlideEntry } from './slide-entry';

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
  readonly run: (send: Send, arg: Arg) => void;
}

export type DeckCommand = Command<void>;

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

const sceneHasLive = (_: unknown, c: KeyContext) =>
  onDeck(undefined, c) && (here().live[scenes[here().sceneIndex]!.id]?.length ?? 0) > 0;
/** Reality mode is on: the stage shows the real cluster, and the deck's moving keys wait for its return. */
const inReality = () => realityStore.getState().active;
/** The deck's own keys apply unless a modal overlay (the help, the overview) has the keys. */
const onDeck = (_: unknown, c: KeyContext) => (c.overlay === 'none' || c.overlay === 'real') && !inReality();

export const deckCommands: readonly DeckCommand[] = [
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
    label: 'Show or hide the operator metrics (JMX) beside the brokers',
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
    label: 'Close the topmost overlay, only that one',
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
    label: 'Replay this scene on the real cluster, beside the simulation (the same keys step both)',
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
    keys: ['k', 'K'],
    caption: 'Real cluster',
    // Only where a bridge serves the page: the static build has no cluster to show.
    when: (_, c) => !c.presenter && realityStore.getState().bridge !== null,
    run: () => toggleReality(),
  },
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

/** A live control: its builder (live-actions.ts) makes the commands and timing; running it sends that LIVE event. */
function liveCommand<Arg, Shown = Arg>(
  id: string,
  label: string,
  caption: Command<Arg & Shown>['caption'],
  build: (arg: Arg) => LiveEvent,
): Command<Arg & Shown> {
  return { id, label, keys: [], caption, run: (send, arg) => send(build(arg)) };
}

/** What a caption reads to say what the control will do. */
type Seen = { readonly state: EngineState };

export const liveCommands = {
  produce: liveCommand(
    'live-produce',
    'Produce a record now (an empty key is no key)',
    'Produce',
    liveActions.produce,
  ),
  setAcks: liveCommand('live-acks', "Change a producer's acks", undefined, liveActions.setAcks),
  toggleBroker: liveCommand<Parameters<typeof liveActions.toggleBroker>[0], Seen>(
    'live-broker',
    'Crash a broker (kill -9: fenced 9 s later, when its session expires), or restart a dead one',
    (a) => brokerCaption(a.state, a.broker),
    liveActions.toggleBroker,
  ),
  addConsumer: liveCommand(
    'live-add-consumer',
    'Add a consumer to the group',
    'Add consumer',
    liveActions.addConsumer,
  ),
  addGroup: liveCommand('live-add-group', 'Start a new consumer group', 'Add group', liveActions.addGroup),
  killConsumer: liveCommand<Parameters<typeof liveActions.killConsumer>[0], Seen>(
    'live-kill-consumer',
    'Kill a consumer and let its session run out',
    (a) => consumerCaption(a.state, a.consumer),
    liveActions.killConsumer,
  ),
  runQuery: liveCommand(
    'live-run-query',
    'Run the edited query (Ctrl+Enter in the editor)',
    'Run ▶',
    liveActions.runQuery,
  ),
};

/** A live action on the real cluster: the bridge takes it (src/ui/reality/real-actions.ts). */
function realCommand<Arg>(
  id: string,
  label: string,
  caption: string,
  build: (arg: Arg) => RealAction,
): Command<Arg> {
  return { id, label, keys: [], caption, run: (_send, arg) => void takeRealAction(build(arg)) };
}

/** Reality mode's controls: its views, and live actions that a real cluster carries out. */
export const realityCommands = {
  view: {
    id: 'real-view',
    label: 'Show this picture of the real cluster',
    keys: [],
    run: (_send, view) => switchView(view),
  } satisfies Command<RealView>,
  produce: realCommand(
    'real-produce',
    'Produce a record on the real cluster (an empty key is no key): where Kafka put it, beside the prediction',
    'Produce',
    (a: { topic: string; key: string; value: string }) => ({
      kind: 'produce',
      topic: a.topic,
      key: a.key.trim() === '' ? null : a.key,
      value: a.value === '' ? 'live' : a.value,
    }),
  ),
  startConsumer: realCommand(
    'real-start-consumer',
    'Start a consumer in a group, run by the bridge',
    'Start consumer',
    (a: { group: string; topic: string }) => ({ kind: 'startConsumer', group: a.group, topic: a.topic }),
  ),
  stopConsumer: realCommand(
    'real-stop-consumer',
    'Stop a consumer the bridge runs (it leaves its group)',
    'Stop',
    (handle: string) => ({ kind: 'stopConsumer', handle }),
  ),
  createTopic: realCommand(
    'real-create-topic',
    'Create a topic on the real cluster',
    'Create topic',
    (a: { topic: string; partitions: number; replicationFactor: number }) => ({ kind: 'createTopic', ...a }),
  ),
  addPartitions: realCommand(
    'real-add-partitions',
    'Add partitions to the topic (Kafka never removes any; keys may move to other partitions)',
    'Add partitions',
    (a: { topic: string; totalPartitions: number }) => ({ kind: 'addPartitions', ...a }),
  ),
  killBroker: realCommand(
    'real-kill-broker',
    'kill -9 this broker of the local cluster (Kafka fences it when its session expires)',
    'kill -9',
    (brokerId: number) => ({ kind: 'killBroker', brokerId }),
  ),
  restartBroker: realCommand(
    'real-restart-broker',
    'Restart this broker of the local cluster',
    'Restart',
    (brokerId: number) => ({ kind: 'restartBroker', brokerId }),
  ),
  confirm: {
    id: 'real-confirm',
    label: 'Yes: act on this cluster, which Kafka Stage did not start',
    keys: [],
    caption: 'Yes, do it',
    run: () => confirmPending(),
  } satisfies Command,
  cancel: {
    id: 'real-cancel',
    label: 'No: leave the cluster as it is',
    keys: [],
    caption: 'Cancel',
    run: () => cancelPending(),
  } satisfies Command,
};

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

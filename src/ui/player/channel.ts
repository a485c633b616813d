/**
 * Presenter sync between two windows over BroadcastChannel. It sends commands and places, never pixels:
 * both windows run the same deterministic engine on the same live-action list, so a record produced live
 * or a broker killed appears in both.
 *
 * Live actions are merged by id, never replaced wholesale: each window sends the change it made (the ids it
 * dropped, the action it took), and a receiver drops those ids and inserts what it does not have, in the
 * order every window keeps (store/live-ids.ts). Two windows acting in the same instant both keep both
 * actions, in the same order. A window that (re)loads says hello with its live actions; the other merges
 * them and answers with its whole state, which the newcomer merges too.
 */
import type { Actor, SnapshotFrom } from 'xstate';
import { scenes } from '../../scenarios/registry';
import type { LiveAction } from '../../scenarios/run';
import { type DeckState, deckStore, replaceLive } from '../store/deck-store';
import { diffLive, mergeLive } from '../store/live-ids';
import { isAnimating, type playerMachine } from './machine';

type LiveMap = DeckState['live'];

type SyncMessage =
  | { kind: 'hello'; from: string; live: LiveMap }
  | { kind: 'state'; from: string; sceneIndex: number; step: number; live: LiveMap; black: boolean }
  | { kind: 'place'; from: string; sceneIndex: number; step: number; animate: boolean }
  | { kind: 'live'; from: string; sceneId: string; removed: string[]; added: LiveAction[] }
  | { kind: 'black'; from: string; black: boolean };

type Handlers = { [K in SyncMessage['kind']]: (m: Extract<SyncMessage, { kind: K }>) => void };

const CHANNEL = 'kafka-stage-sync';

function isMessage(m: unknown): m is SyncMessage {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as { kind?: unknown }).kind === 'string' &&
    typeof (m as { from?: unknown }).from === 'string'
  );
}

/** Merges another window's live actions for one scene into ours; returns the new map, or null if unchanged. */
function mergedMap(
  live: LiveMap,
  sceneId: string,
  removed: readonly string[],
  added: readonly LiveAction[],
): LiveMap | null {
  const current = live[sceneId] ?? [];
  const merged = mergeLive(current, removed, added);
  if (merged === current) return null;
  const { [sceneId]: _old, ...rest } = live;
  return merged.length > 0 ? { ...rest, [sceneId]: merged } : rest;
}

/** Merges every scene of a whole live map (a hello or a state message); null if nothing changed. */
function mergedAll(live: LiveMap, theirs: LiveMap): LiveMap | null {
  let out: LiveMap | null = null;
  for (const [sceneId, actions] of Object.entries(theirs)) {
    out = mergedMap(out ?? live, sceneId, [], actions) ?? out;
  }
  return out;
}

type PlayerActor = Actor<typeof playerMachine>;

export function installPresenterSync(actor: PlayerActor): { close: () => void } {
  if (typeof BroadcastChannel === 'undefined') return { close: () => {} };
  const me = typeof crypto?.randomUUID === 'function' ? crypto.randomUUID() : String(performance.now());
  const channel = new BroadcastChannel(CHANNEL);
  const send = actor.send.bind(actor);
  const isBlack = (s: SnapshotFrom<PlayerActor>) => s.matches({ screen: 'black' });
  // While applying the other window's message, what changes here is its echo: not sent back.
  let applying = false;
  const post = (m: SyncMessage) => channel.postMessage(m);

  const apply = (fn: () => void) => {
    applying = true;
    try {
      fn();
    } finally {
      applying = false;
    }
  };

  const mergeAll = (theirs: LiveMap) => {
    const merged = mergedAll(deckStore.getState().live, theirs);
    if (merged) replaceLive(merged);
  };

  const handlers: Handlers = {
    hello: (m) => {
      apply(() => mergeAll(m.live));
      const s = deckStore.getState();
      post({
        kind: 'state',
        from: me,
        sceneIndex: s.sceneIndex,
        step: s.step,
        live: s.live,
        black: isBlack(actor.getSnapshot()),
      });
    },
    state: (m) =>
      apply(() => {
        mergeAll(m.live);
        send({ type: 'GOTO', sceneIndex: m.sceneIndex, step: m.step });
        send({ type: 'SET_BLACK', black: m.black });
      }),
    place: (m) =>
      apply(() => {
        const s = deckStore.getState();
        const isNextStep = m.animate && m.sceneIndex === s.sceneIndex && m.step === s.step + 1;
        if (isNextStep) send({ type: 'NEXT' });
        else send({ type: 'GOTO', sceneIndex: m.sceneIndex, step: m.step });
      }),
    live: (m) =>
      apply(() => {
        const s = deckStore.getState();
        const merged = mergedMap(s.live, m.sceneId, m.removed, m.added);
        if (!merged) return;
        replaceLive(merged);
        // An action taken over there at this very place is animated here too, as it was there.
        if (scenes[s.sceneIndex]!.id !== m.sceneId) return;
        const list = merged[m.sceneId] ?? [];
        const ids = new Set(m.added.map((a) => a.id));
        let focus = -1;
        list.forEach((a, i) => {
          if (ids.has(a.id) && a.step === s.step) focus = i;
        });
        if (focus >= 0) send({ type: 'ANIMATE_LIVE', focus });
      }),
    black: (m) => apply(() => send({ type: 'SET_BLACK', black: m.black })),
  };

  channel.onmessage = (ev: MessageEvent<unknown>) => {
    const m = ev.data;
    if (!isMessage(m) || m.from === me || !(m.kind in handlers)) return;
    (handlers[m.kind] as (m: SyncMessage) => void)(m);
  };

  // Live actions taken here: each scene's change, as ids removed and actions added.
  const unsubscribeStore = deckStore.subscribe((s, prev) => {
    if (applying || s.live === prev.live) return;
    for (const sceneId of new Set([...Object.keys(s.live), ...Object.keys(prev.live)])) {
      const before = prev.live[sceneId] ?? [];
      const after = s.live[sceneId] ?? [];
      if (before === after) continue;
      const { removed, added } = diffLive(before, after);
      if (removed.length > 0 || added.length > 0) post({ kind: 'live', from: me, sceneId, removed, added });
    }
  });

  // Places and the black screen, from the machine, which alone moves the deck and knows if it animates.
  let place = { sceneIndex: deckStore.getState().sceneIndex, step: deckStore.getState().step };
  let black = isBlack(actor.getSnapshot());
  const subscription = actor.subscribe((snapshot) => {
    const { sceneIndex, step } = deckStore.getState();
    if (sceneIndex !== place.sceneIndex || step !== place.step) {
      place = { sceneIndex, step };
      if (!applying) post({ kind: 'place', from: me, sceneIndex, step, animate: isAnimating(snapshot) });
    }
    if (isBlack(snapshot) !== black) {
      black = isBlack(snapshot);
      if (!applying) post({ kind: 'black', from: me, black });
    }
  });

  post({ kind: 'hello', from: me, live: deckStore.getState().live });
  return {
    close: () => {
      unsubscribeStore();
      subscription.unsubscribe();
      channel.close();
    },
  };
}

/**
 * Presenter sync between two windows over BroadcastChannel. It sends commands and places, never pixels:
 * both windows run the same deterministic engine on the same live-action list, so a record produced live
 * or a broker killed appears in both. A window that (re)loads says hello and adopts the other's state.
 */

import type { DeckState } from '../store/deck-store';
import { deckStore, replaceLive } from '../store/deck-store';
import type { PlayerEvent } from './machine';

type SyncMessage =
  | { kind: 'hello'; from: string }
  | { kind: 'state'; from: string; sceneIndex: number; step: number; live: DeckState['live']; black: boolean }
  | { kind: 'place'; from: string; sceneIndex: number; step: number; animate: boolean }
  | { kind: 'live'; from: string; live: DeckState['live']; focus: number | null }
  | { kind: 'black'; from: string; black: boolean };

export interface SyncHooks {
  send: (e: PlayerEvent) => void;
  isBlack: () => boolean;
  /** Called when the other window changes the black screen. */
  onBlack?: (black: boolean) => void;
}

const CHANNEL = 'kafka-stage-sync';

function isMessage(m: unknown): m is SyncMessage {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as { kind?: unknown }).kind === 'string' &&
    typeof (m as { from?: unknown }).from === 'string'
  );
}

export function installPresenterSync(hooks: SyncHooks): {
  close: () => void;
  announceBlack: (black: boolean) => void;
} {
  if (typeof BroadcastChannel === 'undefined') return { close: () => {}, announceBlack: () => {} };
  const me = typeof crypto?.randomUUID === 'function' ? crypto.randomUUID() : String(performance.now());
  const channel = new BroadcastChannel(CHANNEL);
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

  channel.onmessage = (ev: MessageEvent<unknown>) => {
    const m = ev.data;
    if (!isMessage(m) || m.from === me) return;
    switch (m.kind) {
      case 'hello': {
        const s = deckStore.getState();
        post({
          kind: 'state',
          from: me,
          sceneIndex: s.sceneIndex,
          step: s.step,
          live: s.live,
          black: hooks.isBlack(),
        });
        return;
      }
      case 'state':
        apply(() => {
          replaceLive(m.live);
          hooks.send({ type: 'GOTO', sceneIndex: m.sceneIndex, step: m.step });
          hooks.send({ type: 'SET_BLACK', black: m.black });
        });
        return;
      case 'place':
        apply(() => {
          const s = deckStore.getState();
          const isNextStep = m.animate && m.sceneIndex === s.sceneIndex && m.step === s.step + 1;
          if (isNextStep) hooks.send({ type: 'NEXT' });
          else hooks.send({ type: 'GOTO', sceneIndex: m.sceneIndex, step: m.step });
        });
        return;
      case 'live':
        apply(() => {
          deckStore.setState({ live: m.live, liveFocus: m.focus, progress: m.focus === null ? 1 : 0 });
          if (m.focus !== null) hooks.send({ type: 'ANIMATE' });
        });
        return;
      case 'black':
        apply(() => {
          hooks.send({ type: 'SET_BLACK', black: m.black });
          hooks.onBlack?.(m.black);
        });
        return;
    }
  };

  const unsubscribe = deckStore.subscribe((s, prev) => {
    if (applying) return;
    if (s.sceneIndex !== prev.sceneIndex || s.step !== prev.step) {
      post({ kind: 'place', from: me, sceneIndex: s.sceneIndex, step: s.step, animate: s.progress < 1 });
    }
    if (s.live !== prev.live) post({ kind: 'live', from: me, live: s.live, focus: s.liveFocus });
  });

  post({ kind: 'hello', from: me });
  return {
    close: () => {
      unsubscribe();
      channel.close();
    },
    announceBlack: (black: boolean) => {
      if (!applying) post({ kind: 'black', from: me, black });
    },
  };
}

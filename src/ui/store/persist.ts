/**
 * What must survive a reload: the live actions the presenter took, the theme and the speed. The place is in
 * the URL. Saved on every change; read once at start. A saved blob that cannot be read is kept aside under
 * another key (nothing is thrown away) and the deck starts clean with a notice.
 */
import type { LiveAction } from '../../scenarios/run';
import { type DeckState, deckStore, SPEEDS, THEMES, type Theme } from './deck-store';
import { legacyLiveId } from './live-ids';

const KEY = 'kafka-stage:v1';
const BROKEN_KEY = 'kafka-stage:unreadable';

interface Saved {
  live: Record<string, LiveAction[]>;
  theme: Theme;
  speed: number;
}

function isLiveAction(a: unknown): a is LiveAction {
  if (typeof a !== 'object' || a === null) return false;
  const x = a as Record<string, unknown>;
  return (
    (x.id === undefined || typeof x.id === 'string') &&
    Number.isInteger(x.step) &&
    typeof x.label === 'string' &&
    Array.isArray(x.commands) &&
    x.commands.every(
      (c) => typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string',
    )
  );
}

export function parseSaved(text: string): Saved | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const live: Record<string, LiveAction[]> = {};
  if (typeof o.live !== 'object' || o.live === null) return null;
  for (const [scene, actions] of Object.entries(o.live as Record<string, unknown>)) {
    if (!Array.isArray(actions) || !actions.every(isLiveAction)) return null;
    // Actions saved before ids existed get one from their place, the same in every window that loads them.
    live[scene] = actions.map((a, i) => (a.id === undefined ? { ...a, id: legacyLiveId(scene, i) } : a));
  }
  const theme = THEMES.includes(o.theme as Theme) ? (o.theme as Theme) : 'dark';
  const speed = SPEEDS.includes(o.speed as number) ? (o.speed as number) : 1;
  return { live, theme, speed };
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadSaved(): string | null {
  const store = storage();
  const text = store?.getItem(KEY);
  if (!store || !text) return null;
  const saved = parseSaved(text);
  if (!saved) {
    store.setItem(BROKEN_KEY, text);
    store.removeItem(KEY);
    return 'Saved live actions could not be read; they are kept aside and the deck starts clean.';
  }
  deckStore.setState({ live: saved.live, theme: saved.theme, speed: saved.speed });
  return null;
}

export function installPersistence(): () => void {
  const save = (s: DeckState) => {
    try {
      storage()?.setItem(KEY, JSON.stringify({ live: s.live, theme: s.theme, speed: s.speed }));
    } catch {
      // Storage full or disabled (a private window): the deck keeps working, only reload memory is lost.
    }
  };
  return deckStore.subscribe((s, prev) => {
    if (s.live !== prev.live || s.theme !== prev.theme || s.speed !== prev.speed) save(s);
  });
}

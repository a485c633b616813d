/**
 * Ids and order for live actions, so that two windows acting at once converge on the same list.
 *
 * An id is `<counter>.<window>`: the counter is a Lamport clock (one more than any counter this window has
 * seen), the window part a random id made once per page load. A scene's list is kept sorted by step, then
 * counter, then window: a newly taken action has the highest counter, so it lands at the end of its step
 * as before; two actions taken in the same instant in two windows share a counter and are ordered by their
 * window ids, the same way in both windows.
 */
import type { LiveAction } from '../../scenarios/run';

const windowId: string =
  typeof crypto?.randomUUID === 'function'
    ? crypto.randomUUID().slice(0, 8)
    : Math.floor(Math.random() * 2 ** 32).toString(16);

let clock = 0;

interface OrderKey {
  readonly counter: number;
  readonly window: string;
}

function orderKey(a: LiveAction): OrderKey {
  const m = /^(\d+)\.(.*)$/.exec(a.id ?? '');
  return m ? { counter: Number(m[1]), window: m[2]! } : { counter: 0, window: a.id ?? '' };
}

/** Every window orders a scene's live actions the same way: by step, then counter, then window id. */
export function compareLive(a: LiveAction, b: LiveAction): number {
  if (a.step !== b.step) return a.step - b.step;
  const ka = orderKey(a);
  const kb = orderKey(b);
  if (ka.counter !== kb.counter) return ka.counter - kb.counter;
  return ka.window < kb.window ? -1 : ka.window > kb.window ? 1 : 0;
}

/** Moves this window's clock past every counter in `seen`. */
export function observeLive(seen: readonly LiveAction[]): void {
  for (const a of seen) clock = Math.max(clock, orderKey(a).counter);
}

/** A fresh id for an action taken in this window, ordered after every action in `existing`. */
export function nextLiveId(existing: readonly LiveAction[] = []): string {
  observeLive(existing);
  clock += 1;
  return `${clock}.${windowId}`;
}

/** The id of an action saved before ids existed: from its scene and position, the same in every window. */
export function legacyLiveId(sceneId: string, index: number): string {
  return `0.saved-${sceneId}-${String(index).padStart(4, '0')}`;
}

/**
 * Merges another window's change into a scene's list: drops the ids it removed (a fork drops the old
 * future; a clear drops all), then inserts each added action it does not already have, in order. Returns
 * `current` itself when nothing changed.
 */
export function mergeLive(
  current: readonly LiveAction[],
  removed: readonly string[],
  added: readonly LiveAction[],
): readonly LiveAction[] {
  const gone = new Set(removed);
  const kept = current.filter((a) => a.id === undefined || !gone.has(a.id));
  const have = new Set(kept.map((a) => a.id));
  const fresh = added.filter((a) => !have.has(a.id) && !(a.id !== undefined && gone.has(a.id)));
  if (fresh.length === 0 && kept.length === current.length) return current;
  observeLive(fresh);
  return [...kept, ...fresh].sort(compareLive);
}

/** What changed in a scene's list between two versions: the ids removed and the actions added. */
export function diffLive(
  before: readonly LiveAction[],
  after: readonly LiveAction[],
): { removed: string[]; added: LiveAction[] } {
  const afterIds = new Set(after.map((a) => a.id));
  const beforeIds = new Set(before.map((a) => a.id));
  return {
    removed: before.flatMap((a) => (a.id !== undefined && !afterIds.has(a.id) ? [a.id] : [])),
    added: after.filter((a) => !beforeIds.has(a.id)),
  };
}

/**
 * The keyboard controller: one listener that maps keys to registered commands, in the context the player
 * machine is in (which overlay is open, which window). Keys do nothing while the presenter types in an
 * input, a select or the query editor, nor when their command does not apply; Esc still closes the topmost
 * overlay from a live control's field (the query editor keeps its own Esc, which hands the keys back). A
 * focused button of the Live panel does not hold the keys: after a click there, → still steps the deck.
 */
import { player } from './actor';
import { commandForKey, type KeyContext, keyName } from './commands';
import { overlayOf, type PlayerEvent } from './machine';
import { slideEntryKey } from './slide-entry';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[data-typing]') !== null
  );
}

const isButton = (target: EventTarget | null) =>
  target instanceof HTMLButtonElement || (target instanceof HTMLElement && target.tagName === 'SUMMARY');

const inEditor = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA');

/** Whether this window is the presenter's (?view=presenter). */
export function isPresenterWindow(): boolean {
  return new URLSearchParams(window.location.search).get('view') === 'presenter';
}

export function keyContext(): KeyContext {
  return { overlay: overlayOf(player().getSnapshot()), presenter: isPresenterWindow() };
}

export function installKeys(send: (e: PlayerEvent) => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey) return;
    if (isTyping(e.target) && !(e.key === 'Escape' && !inEditor(e.target))) return;
    if (slideEntryKey(e.key, send)) {
      e.preventDefault();
      return;
    }
    // A focused button (or a disclosure's summary) handles its own Enter and Space.
    if ((e.key === 'Enter' || e.key === ' ') && isButton(e.target)) return;
    // A focused link (the wrap-up's pictures) follows itself on Enter.
    if (e.key === 'Enter' && e.target instanceof HTMLAnchorElement && e.target.hasAttribute('href')) return;
    const command = commandForKey(keyName(e), keyContext());
    if (!command) return;
    e.preventDefault();
    command.run(send);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

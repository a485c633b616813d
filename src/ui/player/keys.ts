/**
 * The keyboard controller: one listener that maps keys to registered commands. Keys do nothing while the
 * presenter types in an input, a select or the query editor, nor when their command does not apply.
 */
import { commandForKey, keyName } from './commands';
import type { PlayerEvent } from './machine';
import { slideEntryKey } from './slide-entry';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[data-typing]') !== null
  );
}

export function installKeys(send: (e: PlayerEvent) => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (slideEntryKey(e.key, send)) {
      e.preventDefault();
      return;
    }
    // A focused button handles its own Enter and Space.
    if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLButtonElement) return;
    const command = commandForKey(keyName(e));
    if (!command || (command.when && !command.when())) return;
    e.preventDefault();
    command.run(send);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

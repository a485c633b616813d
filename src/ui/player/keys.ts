/**
 * The keyboard controller: one listener that maps keys to registered commands. Keys do nothing while the
 * presenter types in an input, a select or the query editor. `G`, digits, Enter jumps to a slide of the talk.
 */
import { showNotice } from '../store/deck-store';
import { commandForKey, keyName } from './commands';
import type { PlayerEvent } from './machine';
import { placeOfSlide } from './slides';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[data-typing]') !== null
  );
}

export function installKeys(send: (e: PlayerEvent) => void): () => void {
  let slideDigits: string | null = null;

  const goToSlide = (digits: string) => {
    const n = Number(digits);
    const place = digits === '' ? null : placeOfSlide(n);
    if (place) send({ type: 'GOTO', sceneIndex: place.sceneIndex, step: place.step });
    else showNotice(digits === '' ? null : `No scene covers slide ${digits}.`);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (slideDigits !== null) {
      e.preventDefault();
      if (/^\d$/.test(e.key) && slideDigits.length < 3) {
        slideDigits += e.key;
        showNotice(`Go to slide ${slideDigits}…`);
      } else if (e.key === 'Backspace') {
        slideDigits = slideDigits.slice(0, -1);
        showNotice(`Go to slide ${slideDigits}…`);
      } else {
        const digits = slideDigits;
        slideDigits = null;
        if (e.key === 'Enter') goToSlide(digits);
        else showNotice(null);
      }
      return;
    }
    // A focused button handles its own Enter and Space.
    if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLButtonElement) return;
    const command = commandForKey(keyName(e));
    if (!command) return;
    e.preventDefault();
    if (command.id === 'go-to-slide') {
      slideDigits = '';
      showNotice('Go to slide … (type its number, then Enter)');
      return;
    }
    command.run(send);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

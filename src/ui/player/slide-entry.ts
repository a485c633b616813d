/**
 * The slide-number mode of the keys: `G`, digits, Enter jumps to the scene that covers that slide of the
 * talk. The registry's go-to-slide command starts it; the key controller feeds it keys while it is on.
 */
import { showNotice } from '../store/deck-store';
import type { PlayerEvent } from './machine';
import { placeOfSlide } from './slides';

let digits: string | null = null;

export function startSlideEntry(): void {
  digits = '';
  showNotice('Go to slide … (type its number, then Enter)');
}

/** Takes a key while the mode is on; returns whether it did (then the key means nothing else). */
export function slideEntryKey(key: string, send: (e: PlayerEvent) => void): boolean {
  if (digits === null) return false;
  if (/^\d$/.test(key) && digits.length < 3) {
    digits += key;
    showNotice(`Go to slide ${digits}…`);
  } else if (key === 'Backspace') {
    digits = digits.slice(0, -1);
    showNotice(`Go to slide ${digits}…`);
  } else {
    const typed = digits;
    digits = null;
    if (key === 'Enter') goToSlide(typed, send);
    else showNotice(null);
  }
  return true;
}

function goToSlide(typed: string, send: (e: PlayerEvent) => void): void {
  const place = typed === '' ? null : placeOfSlide(Number(typed));
  if (place) send({ type: 'GOTO', sceneIndex: place.sceneIndex, step: place.step });
  else showNotice(typed === '' ? null : `No scene covers slide ${typed}.`);
}

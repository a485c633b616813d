/**
 * Keeps the URL hash and the deck in step, both ways: the store writes the hash (replaceState, so the
 * browser's Back button is not flooded with steps), and a hash typed or pasted moves the deck.
 */
import { deckStore, showNotice } from '../store/deck-store';
import type { PlayerEvent } from './machine';
import { formatHash, parseHash } from './url';

export function installUrlSync(send: (e: PlayerEvent) => void): () => void {
  const fromHash = () => {
    const { place, notice } = parseHash(window.location.hash);
    send({ type: 'GOTO', sceneIndex: place.sceneIndex, step: place.step });
    if (notice) showNotice(notice);
    const canonical = formatHash(place);
    if (window.location.hash !== canonical) history.replaceState(null, '', canonical);
  };
  fromHash();
  const unsubscribe = deckStore.subscribe((s, prev) => {
    if (s.sceneIndex === prev.sceneIndex && s.step === prev.step) return;
    const hash = formatHash(s);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  });
  window.addEventListener('hashchange', fromHash);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', fromHash);
  };
}

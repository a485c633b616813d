/**
 * Keeps the URL hash and the deck in step, both ways: the store writes the hash (replaceState, so the
 * browser's Back button is not flooded with steps), and a hash typed or pasted moves the deck.
 */
import { enterFromUrl, installRealityHash } from '../reality/reality-mode';
import { leaveReality, realityStore } from '../reality/reality-store';
import { parseRealityHash } from '../reality/reality-url';
import { deckStore, showNotice } from '../store/deck-store';
import type { PlayerEvent } from './machine';
import { formatHash, parseHash } from './url';

export function installUrlSync(send: (e: PlayerEvent) => void): () => void {
  const deckHash = () => formatHash(deckStore.getState());
  const fromHash = () => {
    // Reality mode (issue 18) has its own place, `#/reality/<view>`, kept by its own sync.
    const real = parseRealityHash(window.location.hash);
    if (real) {
      enterFromUrl(real, deckHash);
      return;
    }
    if (realityStore.getState().active) leaveReality();
    const { place, notice } = parseHash(window.location.hash);
    send({ type: 'GOTO', sceneIndex: place.sceneIndex, step: place.step });
    if (notice) showNotice(notice);
    const canonical = formatHash(place);
    if (window.location.hash !== canonical) history.replaceState(null, '', canonical);
  };
  const unsubscribeReality = installRealityHash(deckHash);
  fromHash();
  const unsubscribe = deckStore.subscribe((s, prev) => {
    if (s.sceneIndex === prev.sceneIndex && s.step === prev.step) return;
    if (realityStore.getState().active) return;
    const hash = formatHash(s);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  });
  window.addEventListener('hashchange', fromHash);
  return () => {
    unsubscribe();
    unsubscribeReality();
    window.removeEventListener('hashchange', fromHash);
  };
}

/**
 * Entering and leaving reality mode: from the registry's key, from a `#/reality/...` URL (once the probe
 * has said whether a bridge serves the page), and the URL kept in step while it is on. Without a bridge a
 * reality URL lands on the deck with a notice saying how to get one.
 */
import { showNotice } from '../store/deck-store';
import { leaveReality, type RealView, realityStore, showReality } from './reality-store';
import { formatRealityHash, type RealityPlace } from './reality-url';

const NO_BRIDGE =
  'Reality mode needs the bridge beside a real cluster: start the app with `npm run real` (or `npm start -- --kafka host:port`).';

let wanted: RealityPlace | null = null;

function apply(place: RealityPlace, deckHash: () => string): void {
  const { bridge } = realityStore.getState();
  if (bridge === null) {
    showNotice(NO_BRIDGE);
    history.replaceState(null, '', deckHash());
    return;
  }
  showReality(place.view, place.topic);
  if (place.notice) showNotice(place.notice);
}

/** A reality URL typed, pasted or reloaded: applied now, or when the probe answers. */
export function enterFromUrl(place: RealityPlace, deckHash: () => string): void {
  if (!realityStore.getState().probed) {
    wanted = place;
    const unsubscribe = realityStore.subscribe((s) => {
      if (!s.probed) return;
      unsubscribe();
      if (wanted) apply(wanted, deckHash);
      wanted = null;
    });
    return;
  }
  apply(place, deckHash);
}

/** The registry's toggle (K): the real cluster, or back to the deck where it was. */
export function toggleReality(): void {
  const s = realityStore.getState();
  if (s.active) leaveReality();
  else if (s.bridge) showReality(s.view);
  else showNotice(NO_BRIDGE);
}

export function switchView(view: RealView): void {
  showReality(view);
}

/** Keeps the URL on the real view while reality mode is on, and on the deck's place when it is left. */
export function installRealityHash(deckHash: () => string): () => void {
  return realityStore.subscribe((s, prev) => {
    if (s.active === prev.active && s.view === prev.view && s.topic === prev.topic) return;
    const hash = s.active ? formatRealityHash(s.view, s.topic) : deckHash();
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  });
}

/**
 * Boot: read what the last session saved, start the one player, wire the keys, the URL and the presenter
 * channel once (outside React, so StrictMode's double effects cannot double them), then render the
 * audience or the presenter view.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installOffline } from './install-offline';
import { startPlayer } from './player/actor';
import { installPresenterSync } from './player/channel';
import { installKeys } from './player/keys';
import { installPrefetch } from './player/prefetch';
import { installUrlSync } from './player/url-sync';
import { installBridgeLink } from './reality/bridge-link';
import { deckStore, showNotice } from './store/deck-store';
import { loadKsqlEngine } from './store/ksql-loader';
import { installPersistence, loadSaved } from './store/persist';
import { installSandboxFromUrl } from './store/sandbox';
import './styles.css';
import './overlays/overlays.css';

// Only the presenter's window shows the presenter view; the audience's does not download it.
const PresenterView = lazy(() =>
  import('./presenter/PresenterView').then((m) => ({ default: m.PresenterView })),
);

const reducedMotion =
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
const presenter = new URLSearchParams(window.location.search).get('view') === 'presenter';

const sandboxProblems = installSandboxFromUrl(new URLSearchParams(window.location.search).get('sandbox'));
const savedProblem = loadSaved();
installPersistence();
const actor = startPlayer(reducedMotion);
const send = actor.send.bind(actor);
installKeys(send);
installUrlSync(send);
// One same-origin question: is a bridge beside a real cluster serving this page? (Nothing else without one.)
void installBridgeLink();
installPrefetch(actor);
installOffline();
installPresenterSync(actor);
if (savedProblem) showNotice(savedProblem);
if (sandboxProblems.length > 0) showNotice(`Sandbox link: ${sandboxProblems.join(' ')}`);

const applyTheme = () => {
  document.documentElement.dataset.theme = deckStore.getState().theme;
};
applyTheme();
deckStore.subscribe((s, prev) => {
  if (s.theme !== prev.theme) applyTheme();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {presenter ? (
      <Suspense fallback={<p className="stage-empty">Loading the presenter view…</p>}>
        <PresenterView />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);

// The ksql engine is not part of the first picture; fetch it once the deck is idle, so the stream scenes
// rarely wait for it and a print finds the handout's query pages computable.
const whenIdle = (fn: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(fn, { timeout: 3000 })
    : setTimeout(fn, 1000);
whenIdle(() => void loadKsqlEngine());

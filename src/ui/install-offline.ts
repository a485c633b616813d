/**
 * Lets an installed deck open offline: registers the service worker public/sw.js, which caches the build's
 * own files. Only for the built app served over http(s): the dev server's modules change with every edit,
 * and a page opened from file:// (the single-file build) can have no service worker, nor needs one.
 */
export function installOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      console.warn('Kafka Stage will not open offline: its service worker did not register.', error);
    });
  };
  // After the first picture, so caching the build never competes with it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

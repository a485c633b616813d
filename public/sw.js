/**
 * Kafka Stage offline: once this worker is installed, the deck opens with no network (a presenter's laptop
 * in a hall with bad wifi). On install it caches the page and every file of the build, found by following
 * the page's and the scripts' references to each other (their names carry content hashes this file cannot
 * know); then it answers the app's own requests from the cache first. A page load tries the network first,
 * so a new build is picked up whenever the server is there. Registered by src/ui/install-offline.ts.
 */
const CACHE = 'kafka-stage';
const MAX_FILES = 500;
const SCOPE = new URL('./', self.location.href).href;
const START = [SCOPE, 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];
/** A quoted or url() reference to a file of the build, in HTML, JS or CSS. */
const REFERENCE = /["'`(]((?:\.{0,2}\/)?[\w./-]+\.(?:js|css|svg|png|webmanifest))["'`)]/g;

async function cacheBuild() {
  const cache = await caches.open(CACHE);
  const seen = new Set();
  const queue = START.map((path) => new URL(path, SCOPE).href);
  // A bound, so no pattern of references can keep the install going: the build has a few dozen files.
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const url = queue.shift();
    if (seen.has(url) || !url.startsWith(SCOPE)) continue;
    seen.add(url);
    const response = await fetch(url, { cache: 'no-cache' }).catch(() => null);
    // A string that only looks like a file name finds nothing, or (from a server that answers any path
    // with the page, as Vite's preview does) the page again: skip both.
    const html = response?.headers.get('content-type')?.startsWith('text/html') ?? false;
    if (!response?.ok || (html && url !== SCOPE)) continue;
    await cache.put(url, response.clone());
    if (!/\.(js|css)$/.test(new URL(url).pathname) && url !== SCOPE) continue;
    for (const m of (await response.text()).matchAll(REFERENCE)) queue.push(new URL(m[1], url).href);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheBuild().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // Take the page that registered this worker at once, so the very next load already works offline.
  event.waitUntil(self.clients.claim());
});

async function pageFirstFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname === new URL(SCOPE).pathname) {
      const cache = await caches.open(CACHE);
      await cache.put(SCOPE, response.clone());
    }
    return response;
  } catch (error) {
    const cached =
      (await caches.match(request, { ignoreSearch: true, ignoreVary: true })) ??
      (await caches.match(SCOPE, { ignoreVary: true }));
    if (cached) return cached;
    throw error;
  }
}

async function fromCacheFirst(request) {
  // A module script or its style sheet asks with an Origin header the worker's own fetch did not send; a
  // server that answers with `Vary: Origin` would make that a miss without ignoreVary.
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  // Reality mode's bridge (issue 18): live answers and an event stream, never cached.
  if (new URL(request.url).pathname.startsWith('/api/reality/')) return;
  event.respondWith(request.mode === 'navigate' ? pageFirstFromNetwork(request) : fromCacheFirst(request));
});

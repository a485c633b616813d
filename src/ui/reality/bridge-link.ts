/**
 * The page's link to a bridge: one probe of REALITY_PATHS.info when the page carries the bridge's marker
 * (src/reality/page-marker.ts; the static build never does, so it asks nothing at all), and while reality mode
 * is on, one EventSource on REALITY_PATHS.events. EventSource reconnects by itself; snapshots that arrive
 * faster than the screen paints are coalesced to the newest, applied at most once per animation frame.
 */

import { BRIDGE_MARKER } from '../../reality/page-marker';
import type { RealBridgeInfo, RealSnapshot } from '../../reality/protocol';
import { REALITY_PATHS } from '../../reality/protocol';
import { realityStore, receiveSnapshot, setBridge, setLink } from './reality-store';

function isBridgeInfo(x: unknown): x is RealBridgeInfo {
  const i = x as Partial<RealBridgeInfo> | null;
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.bootstrap === 'string' &&
    (i.origin === 'local' || i.origin === 'named') &&
    typeof i.allowAdmin === 'boolean'
  );
}

/** Whether the page was served by a bridge (the meta tag it adds to index.html). */
export function servedByBridge(doc: Pick<Document, 'querySelector'> = document): boolean {
  return doc.querySelector(`meta[name="${BRIDGE_MARKER}"]`) !== null;
}

/** The bridge's info, or null when no bridge serves the page (file://, the static build, a 404). */
export async function probeBridge(
  location: Pick<Location, 'protocol'> = window.location,
  fetchInfo: typeof fetch = fetch,
  marked: boolean = servedByBridge(),
): Promise<RealBridgeInfo | null> {
  if (!marked) return null;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
  try {
    const response = await fetchInfo(REALITY_PATHS.info, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    // A static server that answers every path with the page (Vite's preview) is not a bridge either.
    if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) return null;
    const info: unknown = await response.json();
    return isBridgeInfo(info) ? info : null;
  } catch {
    return null;
  }
}

let source: EventSource | null = null;

function open(): void {
  if (source) return;
  setLink({ state: 'connecting', since: Date.now() });
  const es = new EventSource(REALITY_PATHS.events);
  source = es;
  let pending: RealSnapshot | null = null;
  let frame: number | null = null;
  let firstAfterConnect = true;
  const flush = () => {
    frame = null;
    if (!pending) return;
    receiveSnapshot(pending, firstAfterConnect);
    firstAfterConnect = false;
    pending = null;
  };
  es.addEventListener('open', () => {
    firstAfterConnect = true;
    setLink({ state: 'open', since: Date.now() });
  });
  es.addEventListener('snapshot', (e) => {
    let next: RealSnapshot;
    try {
      next = JSON.parse((e as MessageEvent<string>).data) as RealSnapshot;
    } catch {
      return;
    }
    if (pending === null || next.seq > pending.seq || firstAfterConnect) pending = next;
    if (frame === null) frame = requestAnimationFrame(flush);
  });
  es.addEventListener('error', () => {
    const link = realityStore.getState().link;
    // EventSource retries by itself (CONNECTING); CLOSED means the bridge refused the stream for good.
    if (link.state !== 'lost') setLink({ state: 'lost', since: Date.now() });
    if (es.readyState === EventSource.CLOSED) {
      close();
      setTimeout(() => {
        if (realityStore.getState().active) open();
      }, 2000);
    }
  });
}

function close(): void {
  source?.close();
  source = null;
  setLink({ state: 'closed' });
}

/** Probes once, then keeps one EventSource open exactly while reality mode is on. */
export async function installBridgeLink(): Promise<void> {
  setBridge(await probeBridge());
  const follow = () => (realityStore.getState().active ? open() : close());
  realityStore.subscribe((s, prev) => {
    if (s.active !== prev.active) follow();
  });
  follow();
}

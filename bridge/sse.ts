/**
 * Sends whole snapshots to every page over server-sent events, never faster than one per frame (~16 ms) and
 * never queued: a client that is busy (its socket buffer full) or inside its frame gets only the newest
 * snapshot once it can take one; the ones in between are dropped, since each snapshot is the whole picture.
 */
import type { ServerResponse } from 'node:http';
import type { RealSnapshot } from '../src/reality/protocol';

export const FRAME_MS = 16;

interface Client {
  res: ServerResponse;
  lastSent: number;
  /** The newest snapshot this client has not had yet (null: up to date). */
  pending: string | null;
  timer: NodeJS.Timeout | null;
  draining: boolean;
}

export class SnapshotHub {
  readonly #clients = new Set<Client>();
  #latest: string | null = null;
  /** How many snapshots were dropped for a client in favour of a newer one (the tests read it). */
  dropped = 0;

  get clientCount() {
    return this.#clients.size;
  }

  add(res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The page retries by itself after a lost connection (EventSource), a second later.
    res.write('retry: 1000\n\n');
    const client: Client = { res, lastSent: 0, pending: null, timer: null, draining: false };
    this.#clients.add(client);
    res.on('close', () => {
      if (client.timer) clearTimeout(client.timer);
      this.#clients.delete(client);
    });
    if (this.#latest) this.#offer(client, this.#latest);
  }

  publish(snapshot: RealSnapshot) {
    this.#latest = `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;
    for (const c of this.#clients) this.#offer(c, this.#latest);
  }

  #offer(c: Client, message: string) {
    if (c.pending) this.dropped++;
    c.pending = message;
    this.#flush(c);
  }

  #flush(c: Client) {
    if (!c.pending || c.draining || c.timer) return;
    const wait = c.lastSent + FRAME_MS - Date.now();
    if (wait > 0) {
      c.timer = setTimeout(() => {
        c.timer = null;
        this.#flush(c);
      }, wait);
      return;
    }
    const message = c.pending;
    c.pending = null;
    c.lastSent = Date.now();
    if (!c.res.write(message)) {
      c.draining = true;
      c.res.once('drain', () => {
        c.draining = false;
        this.#flush(c);
      });
    }
  }

  close() {
    for (const c of this.#clients) {
      if (c.timer) clearTimeout(c.timer);
      c.res.end();
    }
    this.#clients.clear();
  }
}

/**
 * Polls the cluster in one loop, so a slow poll never overlaps the next: poll, map, publish, wait what is left
 * of --poll-ms (or wake early after an action). A failed poll turns the picture 'unreachable' with the time of
 * the first failure, the error and the delay before the next try; the delay doubles up to a ceiling, and the
 * first poll that answers again makes it 'connected' by itself.
 */
import type { BridgeConsumer, ClusterOrigin, Reachability, RealSnapshot } from '../src/reality/protocol';
import type { LocalNode } from '../src/reality/raw';
import { mapSnapshot, unreachableSnapshot } from '../src/reality/snapshot-mapping';
import type { ClusterReader } from './collect';
import { errorText } from './kafka-errors';

export const MAX_RETRY_MS = 8_000;
/** A poll that takes longer than this is a failure (a broker that accepts connections but never answers). */
export const POLL_TIMEOUT_MS = 10_000;

/** The delay before the n-th retry (n >= 1) after consecutive failures. */
export function retryDelay(pollMs: number, failures: number): number {
  return Math.min(MAX_RETRY_MS, Math.max(pollMs, 500) * 2 ** Math.max(0, failures - 1));
}

export interface PollerOptions {
  bootstrap: string;
  origin: ClusterOrigin;
  pollMs: number;
  records: number;
  localNodes: () => LocalNode[];
  consumers: () => BridgeConsumer[];
  publish: (s: RealSnapshot) => void;
  log?: (s: string) => void;
}

export class Poller {
  readonly #reader: ClusterReader;
  readonly #o: PollerOptions;
  #seq = 0;
  #last: RealSnapshot | null = null;
  #reach: Reachability = { state: 'connecting', since: Date.now() };
  #failures = 0;
  #stopped = false;
  #wake: (() => void) | null = null;
  /** An action asked for a poll while one was running: the next starts without waiting. */
  #soon = false;
  #loop: Promise<void> | null = null;

  constructor(reader: ClusterReader, options: PollerOptions) {
    this.#reader = reader;
    this.#o = options;
  }

  get last() {
    return this.#last;
  }

  get reachability() {
    return this.#reach;
  }

  start() {
    this.#loop ??= this.#run();
  }

  /** Poll now instead of at the next tick (after an action), without overlapping a poll in progress. */
  pollSoon() {
    this.#soon = true;
    this.#wake?.();
  }

  /** Sends the last picture again with fresh consumers (a bridge consumer read a record between polls). */
  republish() {
    if (!this.#last) return;
    this.#emit({ ...this.#last, consumers: this.#o.consumers() });
  }

  async stop() {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
  }

  #emit(s: Omit<RealSnapshot, 'seq' | 'at'> & Partial<Pick<RealSnapshot, 'seq' | 'at'>>) {
    const snapshot = { ...s, seq: ++this.#seq, at: Date.now() } as RealSnapshot;
    this.#last = snapshot;
    this.#o.publish(snapshot);
  }

  async #once(): Promise<number> {
    const t0 = Date.now();
    try {
      let timer: NodeJS.Timeout | undefined;
      const raw = await Promise.race([
        this.#reader.poll(this.#o.records),
        new Promise<never>((_, no) => {
          timer = setTimeout(
            () => no(new Error(`no answer within ${POLL_TIMEOUT_MS / 1000} s`)),
            POLL_TIMEOUT_MS,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      if (this.#reach.state !== 'connected') {
        this.#o.log?.(`connected to ${this.#o.bootstrap}`);
        this.#reach = { state: 'connected', since: Date.now() };
      }
      this.#failures = 0;
      const snapshot = mapSnapshot(
        raw,
        {
          seq: 0,
          at: 0,
          bootstrap: this.#o.bootstrap,
          origin: this.#o.origin,
          connectedSince: this.#reach.since,
          localNodes: this.#o.origin === 'local' ? this.#o.localNodes() : [],
          previousBrokers: this.#last?.brokers ?? [],
          previousTopics: this.#last?.topics ?? [],
          records: this.#o.records,
        },
        this.#o.consumers(),
      );
      this.#emit(snapshot);
      return Math.max(0, this.#o.pollMs - (Date.now() - t0));
    } catch (e) {
      this.#failures++;
      const retryInMs = retryDelay(this.#o.pollMs, this.#failures);
      const since = this.#reach.state === 'unreachable' ? this.#reach.since : Date.now();
      const error = errorText(e);
      if (this.#reach.state !== 'unreachable') this.#o.log?.(`cluster unreachable: ${error}`);
      this.#reach = { state: 'unreachable', since, error, retryInMs };
      this.#emit(
        unreachableSnapshot(
          this.#last,
          { seq: 0, at: 0, bootstrap: this.#o.bootstrap, origin: this.#o.origin },
          this.#reach,
          this.#o.consumers(),
        ),
      );
      await this.#reader.reset();
      return retryInMs;
    }
  }

  async #run() {
    while (!this.#stopped) {
      this.#soon = false;
      const wait = await this.#once();
      if (this.#stopped) break;
      if (this.#soon && this.#reach.state === 'connected') continue;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, wait);
        this.#wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      this.#wake = null;
    }
  }
}

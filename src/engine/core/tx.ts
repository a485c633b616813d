/**
 * A transaction over one step: handlers replace `tx.state` with new immutable values and record events.
 * The state passed in is never mutated, so `step` stays a pure function of (state, command).
 */
import { NO_ENV, type StepEnv } from './env';
import type { EngineEvent } from './events';
import type { Message, MessageKind, MessagePayloads, Timer, TimerKind, TimerPayloads } from './protocol';
import { nextInt, nextIntBetween } from './rng';
import type {
  EngineState,
  NodeId,
  PartitionState,
  ProducerBatch,
  ProducerState,
  ProducerTopicMetadata,
  TopicState,
} from './types';

type EventBody = EngineEvent extends infer E ? (E extends unknown ? Omit<E, 'atMs'> : never) : never;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A producer owned by the current step: its fields and maps may change in place until the step ends. */
export interface ProducerDraft extends Mutable<Omit<ProducerState, 'ready'>> {
  roundRobin: Record<string, number>;
  sticky: Record<string, { partition: number; bytes: number }>;
  stickyWindow: Record<string, { partition: number; sinceMs: number }>;
  metadata: Record<string, ProducerTopicMetadata>;
  open: Record<string, ProducerBatch>;
  ready: ProducerBatch[];
  inFlight: Record<string, ProducerBatch>;
  nextSequence: Record<string, number>;
}

type DraftPart =
  | 'roundRobin'
  | 'sticky'
  | 'stickyWindow'
  | 'metadata'
  | 'open'
  | 'ready'
  | 'inFlight'
  | 'nextSequence';

export class Tx {
  readonly events: EngineEvent[] = [];
  /** A state object made in this step, not yet seen outside it, whose counters may change in place. */
  private owned: EngineState | null = null;

  constructor(
    public state: EngineState,
    /** What the step was given besides its state (the ksql engine); handlers read it, never change it. */
    readonly env: StepEnv = NO_ENV,
  ) {}

  /**
   * The current state as an object this step made itself, so hot counters (ids, the rng, the timer queue)
   * can change without copying the whole state each time; the state given to step() is never touched.
   */
  private draft(): Mutable<EngineState> {
    if (this.state !== this.owned) {
      this.state = { ...this.state };
      this.owned = this.state;
    }
    return this.state as Mutable<EngineState>;
  }

  emit(event: EventBody): void {
    this.events.push({ atMs: this.state.now, ...event } as EngineEvent);
  }

  /** A fresh id, unique within the run: `r12`, `m40`, `b7`. */
  id(prefix: string): string {
    const draft = this.draft();
    const seq = draft.nextSeq;
    draft.nextSeq = seq + 1;
    return `${prefix}${seq}`;
  }

  int(n: number): number {
    const draft = this.draft();
    const [v, rng] = nextInt(draft.rng, n);
    draft.rng = rng;
    return v;
  }

  intBetween(min: number, max: number): number {
    const draft = this.draft();
    const [v, rng] = nextIntBetween(draft.rng, min, max);
    draft.rng = rng;
    return v;
  }

  /**
   * The timer queue this step may change in place. The state passed to step() is never touched: the first
   * change in a step copies the queue once, and later changes in the same step reuse that copy, so a step
   * that sends a thousand messages costs one copy, not a thousand.
   */
  private ownedTimers: Timer[] | null = null;

  private timersToChange(): Timer[] {
    if (this.ownedTimers === null || this.state.timers !== this.ownedTimers) {
      this.ownedTimers = this.state.timers.slice();
      this.draft().timers = this.ownedTimers;
    }
    return this.ownedTimers;
  }

  /** Queues a timer, keeping the queue sorted by (dueMs, seq). */
  schedule<K extends TimerKind>(kind: K, dueMs: number, payload: TimerPayloads[K]): Timer {
    const seq = this.state.nextSeq;
    // The one place a timer is built: TypeScript cannot see that { kind: K, payload: TimerPayloads[K] } is
    // the union's member for K, which the signature guarantees.
    const timer = { dueMs, seq, kind, payload } as Timer;
    const timers = this.timersToChange();
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = timers[mid]!;
      if (t.dueMs < dueMs || (t.dueMs === dueMs && t.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    timers.splice(lo, 0, timer);
    this.draft().nextSeq = seq + 1;
    return timer;
  }

  /** Takes the earliest timer off the queue if it is due at or before `untilMs`. */
  popDueTimer(untilMs: number): Timer | undefined {
    const first = this.state.timers[0];
    if (!first || first.dueMs > untilMs) return undefined;
    this.timersToChange().shift();
    return first;
  }

  /** Removes the timers that match, e.g. a request timeout once its answer came. */
  cancel(match: (t: Timer) => boolean): void {
    const next = this.state.timers.filter((t) => !match(t));
    if (next.length !== this.state.timers.length) {
      this.ownedTimers = next;
      this.state = { ...this.state, timers: next };
    }
  }

  /**
   * The links' last arrival times, owned by this step like the timer queue: a busy step sends hundreds of
   * messages, and copying the map per message was a third of a heavy scene's time. finish() drops the links
   * with nothing left in flight, so the map stays as small as the traffic.
   */
  private linksToChange(): Record<string, number> {
    return this.mapToChange('linkArrivals');
  }

  /** Maps of the state copied in this step, which it may change in place until finish(). */
  private readonly ownedMaps = new Set<object>();

  /** A map of the state this step may change in place: copied on its first change in the step, once. */
  private mapToChange<K extends 'linkArrivals' | 'producers'>(field: K): Mutable<EngineState[K]> {
    const map = this.state[field];
    if (this.ownedMaps.has(map)) return map as Mutable<EngineState[K]>;
    const copy = { ...map } as Mutable<EngineState[K]>;
    this.ownedMaps.add(copy);
    this.draft()[field] = copy as EngineState[K];
    return copy;
  }

  /** Moves the clock forward (never back) without copying the state per timer fired. */
  advanceTo(ms: number): void {
    if (ms > this.state.now) this.draft().now = ms;
  }

  /**
   * Ends the step: a link whose last message has arrived by now constrains nothing (FIFO only delays a
   * message behind one still on the wire), so it is dropped.
   */
  finish(): EngineState {
    const now = this.state.now;
    let links = this.state.linkArrivals;
    let stale = false;
    for (const l in links)
      if (links[l]! <= now) {
        stale = true;
        break;
      }
    // Pruned after every step, touched or not, so a state never depends on how an advance was cut.
    if (stale) {
      links = this.linksToChange();
      const owned = links as Record<string, number>;
      for (const l of Object.keys(owned)) if (owned[l]! <= now) delete owned[l];
    }
    this.ownedMaps.clear();
    this.ownedTimers = null;
    this.producerDrafts.clear();
    this.ownedParts.clear();
    return this.state;
  }

  /**
   * Sends a message: it travels for a latency drawn from the seeded rng and arrives as a `deliver` timer.
   * The event carries both endpoints in model time so a view can draw it at any playhead.
   */
  send<K extends MessageKind>(kind: K, from: NodeId, to: NodeId, payload: MessagePayloads[K]): Message {
    const { latencyMinMs, latencyMaxMs } = this.state.network;
    const latency = this.intBetween(latencyMinMs, latencyMaxMs);
    const link = `${from}>${to}`;
    const links = this.linksToChange();
    // FIFO per link, as over one TCP connection: never arrive before the previous message on this link.
    const arrivesAtMs = Math.max(this.state.now + latency, links[link] ?? 0);
    links[link] = arrivesAtMs;
    // As in schedule(): the one place a message is built, the union's member for K by the signature.
    const message = {
      id: this.id('m'),
      kind,
      from,
      to,
      sentAtMs: this.state.now,
      arrivesAtMs,
      payload,
    } as Message;
    this.schedule('deliver', message.arrivesAtMs, { message });
    this.emit({ type: 'messageSent', message });
    return message;
  }

  topic(name: string): TopicState | undefined {
    return this.state.topics[name];
  }

  setTopic(topic: TopicState): void {
    this.state = { ...this.state, topics: { ...this.state.topics, [topic.name]: topic } };
  }

  partition(topic: string, partition: number): PartitionState | undefined {
    return this.state.topics[topic]?.partitions[partition];
  }

  updatePartition(topic: string, partition: number, fn: (p: PartitionState) => PartitionState): void {
    const t = this.state.topics[topic];
    const p = t?.partitions[partition];
    if (!t || !p) return;
    const partitions = t.partitions.slice();
    partitions[partition] = fn(p);
    this.setTopic({ ...t, partitions });
  }

  producer(id: string): ProducerState | undefined {
    return this.state.producers[id];
  }

  setProducer(p: ProducerState): void {
    this.producersToChange()[p.id] = p;
  }

  /** The producers map, owned by this step once it first changes one (see mapToChange). */
  private producersToChange(): Record<string, ProducerState> {
    return this.mapToChange('producers');
  }

  /** Producer objects made by producerDraft in this step, and the maps and arrays copied by own(). */
  private readonly producerDrafts = new Set<ProducerState>();
  private readonly ownedParts = new Set<object>();

  /**
   * A producer this step may change in place. A busy producer has dozens of open and in-flight batches, and
   * copying it per record sent and per ack answered dominated a heavy scene; a draft is copied once per step,
   * and each of its maps only when first changed (own). Whoever holds a draft re-reads it after calling out,
   * as with tx.producer().
   */
  producerDraft(id: string): ProducerDraft | undefined {
    const p = this.state.producers[id];
    if (!p) return undefined;
    if (this.producerDrafts.has(p) && this.ownedMaps.has(this.state.producers)) return p as ProducerDraft;
    const draft = { ...p } as ProducerDraft;
    this.producerDrafts.add(draft);
    this.producersToChange()[id] = draft;
    return draft;
  }

  /** The draft's map or array `field`, copied on its first change in this step. */
  own<K extends DraftPart>(draft: ProducerDraft, field: K): ProducerDraft[K] {
    const part = draft[field];
    if (this.ownedParts.has(part)) return part;
    const copy = (Array.isArray(part) ? part.slice() : { ...part }) as ProducerDraft[K];
    this.ownedParts.add(copy);
    draft[field] = copy;
    return copy;
  }

  bumpMetric(name: keyof EngineState['metrics'], by = 1): void {
    this.state = { ...this.state, metrics: { ...this.state.metrics, [name]: this.state.metrics[name] + by } };
  }
}

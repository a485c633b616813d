/**
 * A transaction over one step: handlers replace `tx.state` with new immutable values and record events.
 * The state passed in is never mutated, so `step` stays a pure function of (state, command).
 */
import type { EngineEvent } from './events';
import { nextInt, nextIntBetween } from './rng';
import type { EngineState, Message, PartitionState, ProducerState, Timer, TopicState } from './types';

type EventBody = EngineEvent extends infer E ? (E extends unknown ? Omit<E, 'atMs'> : never) : never;

export class Tx {
  readonly events: EngineEvent[] = [];
  constructor(public state: EngineState) {}

  emit(event: EventBody): void {
    this.events.push({ atMs: this.state.now, ...event } as EngineEvent);
  }

  /** A fresh id, unique within the run: `r12`, `m40`, `b7`. */
  id(prefix: string): string {
    const seq = this.state.nextSeq;
    this.state = { ...this.state, nextSeq: seq + 1 };
    return `${prefix}${seq}`;
  }

  int(n: number): number {
    const [v, rng] = nextInt(this.state.rng, n);
    this.state = { ...this.state, rng };
    return v;
  }

  intBetween(min: number, max: number): number {
    const [v, rng] = nextIntBetween(this.state.rng, min, max);
    this.state = { ...this.state, rng };
    return v;
  }

  /** Queues a timer, keeping the queue sorted by (dueMs, seq). */
  schedule(kind: string, dueMs: number, payload: Timer['payload'] = {}): Timer {
    const seq = this.state.nextSeq;
    const timer: Timer = { dueMs, seq, kind, payload };
    const timers = this.state.timers;
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = timers[mid]!;
      if (t.dueMs < dueMs || (t.dueMs === dueMs && t.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    const next = timers.slice();
    next.splice(lo, 0, timer);
    this.state = { ...this.state, nextSeq: seq + 1, timers: next };
    return timer;
  }

  /** Removes the timers that match, e.g. a request timeout once its answer came. */
  cancel(match: (t: Timer) => boolean): void {
    const next = this.state.timers.filter((t) => !match(t));
    if (next.length !== this.state.timers.length) this.state = { ...this.state, timers: next };
  }

  /**
   * Sends a message: it travels for a latency drawn from the seeded rng and arrives as a `deliver` timer.
   * The event carries both endpoints in model time so a view can draw it at any playhead.
   */
  send(kind: string, from: string, to: string, payload: Message['payload']): Message {
    const { latencyMinMs, latencyMaxMs } = this.state.network;
    const latency = this.intBetween(latencyMinMs, latencyMaxMs);
    const link = `${from}>${to}`;
    // FIFO per link, as over one TCP connection: never arrive before the previous message on this link.
    const arrivesAtMs = Math.max(this.state.now + latency, this.state.linkArrivals[link] ?? 0);
    // Only links with a message still in flight constrain anything: drop the rest so the copy stays small.
    const linkArrivals: Record<string, number> = { [link]: arrivesAtMs };
    for (const [l, at] of Object.entries(this.state.linkArrivals))
      if (at > this.state.now && l !== link) linkArrivals[l] = at;
    this.state = { ...this.state, linkArrivals };
    const message: Message = {
      id: this.id('m'),
      kind,
      from,
      to,
      sentAtMs: this.state.now,
      arrivesAtMs,
      payload,
    };
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
    this.state = { ...this.state, producers: { ...this.state.producers, [p.id]: p } };
  }

  bumpMetric(name: keyof EngineState['metrics'], by = 1): void {
    this.state = { ...this.state, metrics: { ...this.state.metrics, [name]: this.state.metrics[name] + by } };
  }
}

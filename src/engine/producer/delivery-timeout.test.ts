/** delivery.timeout.ms: a batch that cannot be delivered fails after 120 s instead of waiting forever. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import { checkInvariants } from '../core/invariants';
import { replicatedCluster } from '../testing/replication';
import { leaderRecords, runCommands } from '../testing/test-support';

const advance = (ms: number): Command => ({ type: 'advance', ms });
const produce: Command = { type: 'produce', producer: 'p', topic: 't', value: 'v' };

const failures = (events: readonly EngineEvent[]) =>
  events.flatMap((e) =>
    e.type === 'produceFailed' ? [`${e.atMs} ${e.error}${e.message ? `: ${e.message}` : ''}`] : [],
  );

/** Topic t's only replica is on broker 1, which shuts down: the partition has no leader until it returns. */
const leaderless: Command[] = [
  ...replicatedCluster({ replicas: [[1]], config: { minInsyncReplicas: 1 } }),
  { type: 'shutdownBroker', broker: 1 },
];

describe('delivery.timeout.ms', () => {
  it('fails a batch whose partition has no leader at 120 s, with TimeoutException, and counts it', () => {
    const { state, events, errors } = runCommands(1, [
      ...leaderless,
      produce,
      advance(200_000),
      { type: 'restartBroker', broker: 1 },
      advance(1_000),
    ]);
    expect(errors).toEqual([]);
    expect(state.topics.t!.partitions[0]!.leader).toBe(1);
    expect(failures(events)).toEqual([
      '120100 TimeoutException: Expiring 1 record(s) for t-0:120000 ms has passed since batch creation',
    ]);
    const p = state.producers.p!;
    expect([p.failed, p.acked, p.ready.length, Object.keys(p.inFlight).length]).toEqual([1, 0, 0, 0]);
    // The failed record is never written, even once a leader is back.
    expect(leaderRecords(state, 't', 0)).toEqual([]);
    expect(checkInvariants(state)).toEqual([]);
  });

  it('is the producer setting: a shorter delivery.timeout.ms fails sooner', () => {
    const { events, errors } = runCommands(1, [
      ...leaderless,
      { type: 'addProducer', producer: 'q', lingerMs: 0, deliveryTimeoutMs: 40_000 },
      { type: 'produce', producer: 'q', topic: 't', value: 'v' },
      advance(200_000),
    ]);
    expect(errors).toEqual([]);
    expect(failures(events)).toEqual([
      '40100 TimeoutException: Expiring 1 record(s) for t-0:40000 ms has passed since batch creation',
    ]);
  });

  it('expires a batch in flight to a dead leader at 120 s, between its 30 s request timeouts', () => {
    // All three brokers die: nobody is left to be controller, so the partition keeps its dead leader and
    // each attempt times out after request.timeout.ms (30 s) and is retried, until delivery.timeout.ms.
    const { events, errors } = runCommands(1, [
      ...replicatedCluster({ config: { minInsyncReplicas: 1 } }),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      { type: 'killBroker', broker: 0 },
      produce,
      advance(200_000),
    ]);
    expect(errors).toEqual([]);
    const timeline = failures(events);
    expect(timeline.at(-1)).toBe(
      '120100 TimeoutException: Expiring 1 record(s) for t-0:120000 ms has passed since batch creation',
    );
    expect(timeline.slice(0, -1).every((f) => f.endsWith('REQUEST_TIMED_OUT'))).toBe(true);
  });

  it('refuses a delivery timeout below linger.ms + request.timeout.ms, as KafkaProducer does', () => {
    const { errors } = runCommands(1, [
      { type: 'createCluster', brokers: 1 },
      {
        type: 'addProducer',
        producer: 'q',
        lingerMs: 5,
        requestTimeoutMs: 30_000,
        deliveryTimeoutMs: 30_000,
      },
    ]);
    expect(errors).toEqual([
      'addProducer: INVALID_CONFIG delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    ]);
  });
});

/**
 * A crash is not a clean shutdown (KRaft): the controller fences a crashed broker only when its session
 * expires (broker.session.timeout.ms, 9 s), and until then the broker keeps its leaderships and its place in
 * every ISR; a controlled shutdown hands leadership over at once.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { produce, replicatedCluster, story } from '../testing/replication';
import { runCommands } from '../testing/test-support';
import { BROKER_SESSION_TIMEOUT_MS } from './config';

const advance = (ms: number): Command => ({ type: 'advance', ms });

describe('a crashed broker (killBroker)', () => {
  const crash: Command[] = [...replicatedCluster(), { type: 'killBroker', broker: 0 }];

  it('keeps its leadership and its place in the ISR until its session expires', () => {
    const before = runCommands(1, [...crash, advance(BROKER_SESSION_TIMEOUT_MS - 1)]).state;
    const p = before.topics.t!.partitions[0]!;
    expect([p.leader, p.isr]).toEqual([0, [0, 1, 2]]);
    expect(before.brokers[0]!.fenced).toBe(false);
    const after = runCommands(1, [...crash, advance(BROKER_SESSION_TIMEOUT_MS)]);
    expect(story(after.events).slice(-3)).toEqual([
      '100 controller 1',
      '9100 brokerFenced 0 (session timed out)',
      '9100 clean leader 1 epoch 1 isr [1,2]',
    ]);
    expect(checkInvariants(after.state)).toEqual([]);
  });

  it('is not refused at once: an acks=all write sent after a follower crashed is appended, waits, times out', () => {
    // Broker 1 is already gone (fenced), ISR [0, 2] with min.insync.replicas=2; then 2 crashes. The leader
    // still counts 2 in its ISR, so it appends and waits for 2's copy; 2 is fenced at 9 s, the ISR [0] is
    // below min.insync.replicas and the HW stays; at request.timeout.ms the request fails REQUEST_TIMED_OUT,
    // and the retry is refused NOT_ENOUGH_REPLICAS.
    const { state, events, errors } = runCommands(1, [
      ...replicatedCluster(),
      { type: 'shutdownBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      produce('x'),
      advance(31_000),
    ]);
    expect(errors).toEqual([]);
    const lines = story(events).filter((l) => !l.includes(' failed ') || !l.endsWith('NOT_ENOUGH_REPLICAS'));
    expect(lines.slice(0, 8)).toEqual([
      '100 brokerFenced 1 (controlled shutdown)',
      '100 isr [0,2] without [1] (broker fenced)',
      '100 brokerKilled 2',
      '105 appended x@0 on 0',
      '9100 brokerFenced 2 (session timed out)',
      '9100 isr [0] without [2] (broker fenced)',
      '30100 failed b8 REQUEST_TIMED_OUT',
      '30205 rejected b8 by 0: NOT_ENOUGH_REPLICAS',
    ]);
    const p = state.topics.t!.partitions[0]!;
    expect([p.logs[0]!.logEndOffset, p.highWatermark, state.producers.p!.acked]).toEqual([1, 0, 0]);
  });
});

describe('a controlled shutdown (shutdownBroker)', () => {
  it('hands leadership over at once and takes the broker out of the ISR', () => {
    // 2 is cut off, still in the ISR, so the acks=all write waits for its copy; then 0 shuts down cleanly.
    const { state, events, errors } = runCommands(1, [
      ...replicatedCluster(),
      { type: 'isolateBroker', broker: 2 },
      produce('x'),
      advance(20),
      { type: 'shutdownBroker', broker: 0 },
      advance(20),
    ]);
    expect(errors).toEqual([]);
    expect(story(events)).toEqual([
      '100 brokerIsolated 2',
      '105 appended x@0 on 0',
      '120 brokerFenced 0 (controlled shutdown)',
      '120 clean leader 1 epoch 1 isr [1,2]',
      '120 controller 1',
    ]);
    expect(events.some((e) => e.type === 'brokerShutDown' && e.atMs === 120)).toBe(true);
    expect(checkInvariants(state)).toEqual([]);
  });
});

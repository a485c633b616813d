/**
 * The classic demonstrations of Kafka replication (KAFKA.md, "Replication"), each asserted on the engine's
 * event list. Every link takes 5 ms, so the timings below can be read off: a fetch answered at t reaches the
 * follower at t + 5, whose next fetch reaches the leader at t + 10.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { lostAcknowledged, produce, replicatedCluster, story } from '../testing/replication';
import { runCommands } from '../testing/test-support';
import { BROKER_SESSION_TIMEOUT_MS } from './config';

const advance = (ms: number): Command => ({ type: 'advance', ms });
/** A crashed broker is fenced once its session has run out (broker.session.timeout.ms, 9 s). */
const untilFenced = advance(BROKER_SESSION_TIMEOUT_MS);

/** a at 100, b at 101: b reaches the leader while the followers' fetch for a is still on its way. */
const leaderDiesBeforeFollowersCopyB = (acks: 1 | 'all'): Command[] => [
  ...replicatedCluster({ acks }),
  produce('a'),
  advance(1),
  produce('b'),
  advance(10),
  { type: 'killBroker', broker: 0 },
  untilFenced,
  produce('c'),
  advance(1000),
  { type: 'restartBroker', broker: 0 },
  advance(40_000),
];

describe('acks=1: the leader acknowledges, dies before any follower copied the record, and it is lost', () => {
  const { state, events, errors } = runCommands(1, leaderDiesBeforeFollowersCopyB(1));

  it('tells the story: b acknowledged, a follower leads without it, the old leader truncates it on return', () => {
    expect(errors).toEqual([]);
    expect(story(events)).toEqual([
      '105 appended a@0 on 0',
      '106 appended b@1 on 0',
      '110 acked b7@0',
      '111 acked b12@1',
      '111 brokerKilled 0',
      // A crashed: the controller hears nothing until A's session runs out 9 s later.
      '111 controller 1',
      '9111 brokerFenced 0 (session timed out)',
      '9111 clean leader 1 epoch 1 isr [1,2]',
      '9116 appended c@1 on 1',
      '9121 acked b37@1',
      '10111 brokerRestarted 0',
      '10111 brokerUnfenced 0',
      '10121 0 truncated 2 -> 1, lost [r11]',
      '10136 isr [0,1,2] with 0',
    ]);
  });

  it('loses exactly the acknowledged b, and all replicas agree on a, c', () => {
    expect(lostAcknowledged(state, events)).toEqual(['r11']);
    const p = state.topics.t!.partitions[0]!;
    for (const b of [0, 1, 2]) {
      expect(p.logs[b]!.items.slice(0, p.logs[b]!.logEndOffset).map((r) => r?.value)).toEqual(['a', 'c']);
    }
    expect(checkInvariants(state)).toEqual([]);
  });
});

describe('acks=all, min.insync.replicas=2, RF 3: the same failure loses nothing acknowledged', () => {
  const { state, events, errors } = runCommands(1, leaderDiesBeforeFollowersCopyB('all'));

  it('never acknowledges b before a follower has it; b is written again after the timeout', () => {
    expect(errors).toEqual([]);
    expect(story(events)).toEqual([
      '105 appended a@0 on 0',
      '106 appended b@1 on 0',
      '111 brokerKilled 0',
      '111 controller 1',
      '9111 brokerFenced 0 (session timed out)',
      '9111 clean leader 1 epoch 1 isr [1,2]',
      // c skips the sequence numbers of a and b, which the producer still waits on: the broker refuses the gap.
      '9116 rejected b33 by 1: OUT_OF_ORDER_SEQUENCE_NUMBER',
      '9121 failed b33 OUT_OF_ORDER_SEQUENCE_NUMBER',
      '10111 brokerRestarted 0',
      '10111 brokerUnfenced 0',
      '10121 0 truncated 2 -> 1, lost [r11]',
      '10126 isr [0,1,2] with 0',
      '30100 failed b7 REQUEST_TIMED_OUT',
      '30101 failed b12 REQUEST_TIMED_OUT',
      // a is already on the new leader: the idempotent retry is a duplicate; b is appended anew.
      '30206 appended b@1 on 1',
      '30210 acked b7@0',
      '30230 acked b12@1',
    ]);
  });

  it('keeps every acknowledged record at its offset', () => {
    expect(lostAcknowledged(state, events)).toEqual([]);
    expect(checkInvariants(state)).toEqual([]);
  });
});

describe('all ISR members down', () => {
  const commands: Command[] = [
    ...replicatedCluster({ brokers: 4 }),
    produce('a'),
    advance(100),
    { type: 'killBroker', broker: 1 },
    { type: 'killBroker', broker: 2 },
    untilFenced,
    produce('b'),
    advance(20),
    { type: 'killBroker', broker: 0 },
    untilFenced,
    advance(100),
    { type: 'restartBroker', broker: 1 },
    advance(100),
    { type: 'restartBroker', broker: 0 },
    advance(100),
  ];

  it('goes offline, waits for its last ISR member rather than lead from a stale replica, and loses nothing', () => {
    const { state, events, errors } = runCommands(1, commands);
    expect(errors).toEqual([]);
    expect(story(events)).toEqual([
      '105 appended a@0 on 0',
      '120 acked b7@0',
      '200 brokerKilled 1',
      '200 brokerKilled 2',
      '9200 brokerFenced 1 (session timed out)',
      '9200 isr [0,2] without [1] (broker fenced)',
      '9200 brokerFenced 2 (session timed out)',
      '9200 isr [0] without [2] (broker fenced)',
      '9205 rejected b26 by 0: NOT_ENOUGH_REPLICAS',
      '9210 failed b26 NOT_ENOUGH_REPLICAS',
      '9220 brokerKilled 0',
      '9220 controller 3',
      '18220 brokerFenced 0 (session timed out)',
      '18220 offline, isr [0]',
      '18320 brokerRestarted 1',
      '18320 brokerUnfenced 1',
      '18420 brokerRestarted 0',
      '18420 brokerUnfenced 0',
      '18420 clean leader 0 epoch 2 isr [0]',
      '18425 isr [0,1] with 1',
    ]);
    expect(lostAcknowledged(state, events)).toEqual([]);
  });

  it('counts the partition in OfflinePartitionsCount while it has no leader', () => {
    const whileOffline = runCommands(1, commands.slice(0, -3)).state;
    expect(whileOffline.topics.t!.partitions[0]!.leader).toBeNull();
    expect(whileOffline.metrics.offlinePartitionsCount).toBe(1);
    expect(whileOffline.metrics.underReplicatedPartitions).toBe(0);
    expect(runCommands(1, commands).state.metrics.offlinePartitionsCount).toBe(0);
  });

  it('with unclean.leader.election.enable, leads from the stale replica and says which offsets it lost', () => {
    const { state, events, errors } = runCommands(1, [
      ...replicatedCluster({ brokers: 4, config: { uncleanLeaderElection: true, minInsyncReplicas: 1 } }),
      produce('a'),
      advance(100),
      { type: 'killBroker', broker: 2 },
      untilFenced,
      produce('b'),
      advance(100),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 0 },
      untilFenced,
      advance(100),
      { type: 'restartBroker', broker: 2 },
      advance(100),
      { type: 'restartBroker', broker: 0 },
      advance(100),
    ]);
    expect(errors).toEqual([]);
    expect(story(events).slice(5)).toEqual([
      '9205 appended b@1 on 0',
      '9220 acked b29@1',
      '9300 brokerKilled 1',
      '9300 brokerKilled 0',
      '9300 controller 3',
      '18300 brokerFenced 0 (session timed out)',
      // 0 and 1 crashed together: fencing 0 first elects 1, still unfenced (isAcceptableLeader), then 1 goes.
      '18300 clean leader 1 epoch 1 isr [1]',
      '18300 brokerFenced 1 (session timed out)',
      '18300 offline, isr [1]',
      '18400 brokerRestarted 2',
      '18400 brokerUnfenced 2',
      '18400 unclean leader 2 epoch 3 isr [2]',
      '18400 offsets 1..1 lost (hw was 1)',
      '18500 brokerRestarted 0',
      '18500 brokerUnfenced 0',
      '18510 0 truncated 2 -> 1, lost [r28]',
      '18515 isr [0,2] with 0',
    ]);
    // b was acknowledged to an acks=all producer (min.insync.replicas=1): unclean election loses it anyway.
    expect(lostAcknowledged(state, events)).toEqual(['r28']);
  });
});

describe('a leader cut off from the cluster but not from its producer (split brain)', () => {
  it('takes acks=1 writes until its session expires; they are truncated when it returns', () => {
    const { state, events, errors } = runCommands(1, [
      ...replicatedCluster({ acks: 1 }),
      produce('a'),
      advance(100),
      { type: 'isolateBrokerFromPeers', broker: 0 },
      produce('b'),
      advance(9100),
      produce('c'),
      advance(100),
      { type: 'healBroker', broker: 0 },
      advance(100),
    ]);
    expect(errors).toEqual([]);
    expect(story(events)).toEqual([
      '105 appended a@0 on 0',
      '110 acked b7@0',
      '200 brokerIsolatedFromPeers 0',
      '200 controller 1',
      '205 appended b@1 on 0',
      '210 acked b30@1',
      '9200 brokerFenced 0 (session timed out)',
      '9200 clean leader 1 epoch 1 isr [1,2]',
      '9305 appended c@1 on 1',
      '9310 acked b40@1',
      '9400 brokerHealed 0',
      '9400 brokerUnfenced 0',
      '9410 0 truncated 2 -> 1, lost [r29]',
      '9425 isr [0,1,2] with 0',
    ]);
    expect(lostAcknowledged(state, events)).toEqual(['r29']);
  });

  it('cannot complete acks=all writes meanwhile: they time out (REQUEST_TIMED_OUT) and are retried elsewhere', () => {
    const { state, events } = runCommands(1, [
      ...replicatedCluster({ acks: 'all' }),
      { type: 'isolateBrokerFromPeers', broker: 0 },
      produce('b'),
      advance(40_000),
    ]);
    const lines = story(events);
    expect(lines).toContain('105 appended b@0 on 0');
    expect(lines).toContain('9100 clean leader 1 epoch 1 isr [1,2]');
    expect(lines).toContain('30100 failed b13 REQUEST_TIMED_OUT');
    expect(lines.some((l) => /^30\d{3} appended b@0 on 1$/.test(l))).toBe(true);
    expect(lostAcknowledged(state, events)).toEqual([]);
  });
});

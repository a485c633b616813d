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

const advance = (ms: number): Command => ({ type: 'advance', ms });

/** a at 100, b at 101: b reaches the leader while the followers' fetch for a is still on its way. */
const leaderDiesBeforeFollowersCopyB = (acks: 1 | 'all'): Command[] => [
  ...replicatedCluster({ acks }),
  produce('a'),
  advance(1),
  produce('b'),
  advance(10),
  { type: 'killBroker', broker: 0 },
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
      '111 controller 1',
      '111 brokerFenced 0 (killed)',
      '111 clean leader 1 epoch 1 isr [1,2]',
      '116 appended c@1 on 1',
      '121 acked b32@1',
      '1111 brokerRestarted 0',
      '1111 brokerUnfenced 0',
      '1121 0 truncated 2 -> 1, lost [r11]',
      '1136 isr [0,1,2] with 0',
    ]);
  });

  it('loses exactly the acknowledged b, and all replicas agree on a, c', () => {
    expect(lostAcknowledged(state, events)).toEqual(['r11']);
    const p = state.topics.t!.partitions[0]!;
    for (const b of [0, 1, 2]) {
      expect(p.logs[b]!.items.slice(0, p.logs[b]!.logEndOffset).map((r) => r.value)).toEqual(['a', 'c']);
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
      '111 brokerFenced 0 (killed)',
      '111 clean leader 1 epoch 1 isr [1,2]',
      // c skips the sequence numbers of a and b, which the producer still waits on: the broker refuses the gap.
      '116 rejected b28 by 1: OUT_OF_ORDER_SEQUENCE_NUMBER',
      '121 failed b28 OUT_OF_ORDER_SEQUENCE_NUMBER',
      '1111 brokerRestarted 0',
      '1111 brokerUnfenced 0',
      '1121 0 truncated 2 -> 1, lost [r11]',
      '1126 isr [0,1,2] with 0',
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
    produce('b'),
    advance(20),
    { type: 'killBroker', broker: 0 },
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
      '200 brokerFenced 1 (killed)',
      '200 isr [0,2] without [1] (broker fenced)',
      '200 brokerKilled 2',
      '200 brokerFenced 2 (killed)',
      '200 isr [0] without [2] (broker fenced)',
      '205 rejected b24 by 0: NOT_ENOUGH_REPLICAS',
      '210 failed b24 NOT_ENOUGH_REPLICAS',
      '220 brokerKilled 0',
      '220 controller 3',
      '220 brokerFenced 0 (killed)',
      '220 offline, isr [0]',
      '320 brokerRestarted 1',
      '320 brokerUnfenced 1',
      '420 brokerRestarted 0',
      '420 brokerUnfenced 0',
      '420 clean leader 0 epoch 2 isr [0]',
      '425 isr [0,1] with 1',
      '515 appended b@1 on 0',
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
      produce('b'),
      advance(100),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 0 },
      advance(100),
      { type: 'restartBroker', broker: 2 },
      advance(100),
      { type: 'restartBroker', broker: 0 },
      advance(100),
    ]);
    expect(errors).toEqual([]);
    expect(story(events).slice(5)).toEqual([
      '205 appended b@1 on 0',
      '220 acked b24@1',
      '300 brokerKilled 1',
      '300 brokerFenced 1 (killed)',
      '300 isr [0] without [1] (broker fenced)',
      '300 brokerKilled 0',
      '300 controller 3',
      '300 brokerFenced 0 (killed)',
      '300 offline, isr [0]',
      '400 brokerRestarted 2',
      '400 brokerUnfenced 2',
      '400 unclean leader 2 epoch 2 isr [2]',
      '400 offsets 1..1 lost (hw was 2)',
      '500 brokerRestarted 0',
      '500 brokerUnfenced 0',
      '510 0 truncated 2 -> 1, lost [r23]',
      '515 isr [0,2] with 0',
    ]);
    // b was acknowledged to an acks=all producer (min.insync.replicas=1): unclean election loses it anyway.
    expect(lostAcknowledged(state, events)).toEqual(['r23']);
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

/** The member picture's selectors, against a run: a consumer that polls too rarely, and a restart. */
import { describe, expect, it } from 'vitest';
import { clusterWithTopic, consumer, only } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import { groupMembersAt, heartbeatsSent, pollTimerAt } from './member-picture';

describe('the member picture', () => {
  const slowly = { pollIntervalMs: 15_000, maxPollIntervalMs: 10_000, heartbeatIntervalMs: 1000 };
  const { state, events } = runCommands(3, [
    ...clusterWithTopic(),
    consumer('fast', 'g', { heartbeatIntervalMs: 1000 }),
    consumer('slow', 'g', slowly),
    { type: 'advance', ms: 13_000 },
    { type: 'closeConsumer', consumer: 'fast' },
    { type: 'advance', ms: 1000 },
  ]);
  const expiredAt = only(events, 'pollTimeoutExpired')[0]!.atMs;

  it('runs the poll timer past max.poll.interval.ms before the heartbeat thread gives up', () => {
    expect(pollTimerAt(state, events, 'slow', 5000)).toEqual({
      sinceLastPollMs: 5000,
      maxPollIntervalMs: 10_000,
    });
    expect(pollTimerAt(state, events, 'slow', expiredAt)!.sinceLastPollMs).toBeGreaterThan(10_000);
  });

  it('shows heartbeats sent every second right up to the poll timeout', () => {
    const beats = heartbeatsSent(events, 'slow', expiredAt - 5000, expiredAt);
    expect(beats.length).toBeGreaterThanOrEqual(4);
    expect(heartbeatsSent(events, 'slow', expiredAt + 1, expiredAt + 1000)).toEqual([]);
  });

  it('drops the member the coordinator removed, and knows a stopped process has no poll timer', () => {
    expect(groupMembersAt(events, 'g', expiredAt - 1).map((m) => m.consumer)).toContain('slow');
    expect(groupMembersAt(events, 'g', expiredAt + 100).map((m) => m.consumer)).not.toContain('slow');
    expect(pollTimerAt(state, events, 'fast', state.now)).toBeNull();
  });
});

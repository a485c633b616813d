import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { runCommands } from '../testing/test-support';
import { heldByMember, sharePartitionEndOffset, sharePartitionOf } from './selectors';

const produce = (n: number): Command[] => [
  ...Array.from(
    { length: n },
    (_, i): Command => ({ type: 'produce', producer: 'p', topic: 'jobs', value: `job-${i}` }),
  ),
  { type: 'advance', ms: 50 },
];

const setup = (config: Record<string, unknown> = {}): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 'jobs', partitions: 1 },
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
  { type: 'setShareGroupConfig', group: 'workers', config: { autoOffsetReset: 'earliest', ...config } },
  { type: 'joinShareGroup', group: 'workers', member: 'a', topics: ['jobs'] },
  { type: 'joinShareGroup', group: 'workers', member: 'b', topics: ['jobs'] },
];

const fetch = (member: string, maxRecords: number): Command => ({
  type: 'shareFetch',
  group: 'workers',
  member,
  maxRecords,
});
const ack = (
  member: string,
  offsets: number[],
  acknowledgeType: 'ACCEPT' | 'RELEASE' | 'REJECT',
): Command => ({
  type: 'shareAcknowledge',
  group: 'workers',
  member,
  topic: 'jobs',
  partition: 0,
  offsets,
  acknowledgeType,
});

const window = (s: ReturnType<typeof runCommands>['state']) => sharePartitionOf(s, 'workers', 'jobs', 0)!;

describe('a share group', () => {
  it('lets two members read the same partition, each acquiring different records', () => {
    const { state, errors } = runCommands(1, [...setup(), ...produce(6), fetch('a', 3), fetch('b', 3)]);
    expect(errors).toEqual([]);
    expect(heldByMember(state.share.groups.workers!, window(state))).toEqual({ a: [0, 1, 2], b: [3, 4, 5] });
    expect(checkInvariants(state)).toEqual([]);
  });

  it('starts a new share-partition at the latest offset by default (share.auto.offset.reset=latest)', () => {
    const { state } = runCommands(1, [
      ...setup({ autoOffsetReset: 'latest' }),
      ...produce(4),
      fetch('a', 10),
      ...produce(2),
      fetch('a', 10),
    ]);
    expect(window(state).startOffset).toBe(4);
    expect(heldByMember(state.share.groups.workers!, window(state)).a).toEqual([4, 5]);
  });

  it('redelivers a released record to the next fetcher with its delivery count raised', () => {
    const { state, events } = runCommands(1, [
      ...setup(),
      ...produce(2),
      fetch('a', 1),
      ack('a', [0], 'RELEASE'),
      fetch('b', 1),
    ]);
    const r = window(state).inFlight[0]!;
    expect([r.state, r.memberId, r.deliveryCount]).toEqual(['ACQUIRED', 'b', 2]);
    const acquired = events.filter((e) => e.type === 'shareRecordsAcquired');
    expect(acquired.map((e) => e.type === 'shareRecordsAcquired' && e.records[0]!.deliveryCount)).toEqual([
      1, 2,
    ]);
  });

  it('moves the SPSO only past accepted or archived records, so completion order need not be offset order', () => {
    const { state } = runCommands(1, [
      ...setup(),
      ...produce(3),
      fetch('a', 1),
      fetch('b', 2),
      ack('b', [1, 2], 'ACCEPT'),
    ]);
    expect(window(state).startOffset).toBe(0);
    expect(window(state).inFlight.map((r) => r.state)).toEqual(['ACQUIRED', 'ACKNOWLEDGED', 'ACKNOWLEDGED']);
    const done = runCommands(1, [
      ...setup(),
      ...produce(3),
      fetch('a', 1),
      fetch('b', 2),
      ack('b', [1, 2], 'ACCEPT'),
      ack('a', [0], 'ACCEPT'),
    ]);
    expect(window(done.state).startOffset).toBe(3);
    expect(window(done.state).inFlight).toEqual([]);
  });

  it('releases a record whose acquisition lock times out, counting the delivery', () => {
    const { state, events } = runCommands(1, [
      ...setup({ recordLockDurationMs: 30_000 }),
      ...produce(1),
      fetch('a', 1),
      { type: 'advance', ms: 29_999 },
    ]);
    expect(window(state).inFlight[0]!.state).toBe('ACQUIRED');
    const later = runCommands(1, [
      ...setup(),
      ...produce(1),
      fetch('a', 1),
      { type: 'advance', ms: 30_000 },
      fetch('b', 1),
    ]);
    expect(later.events.some((e) => e.type === 'shareLockTimedOut')).toBe(true);
    expect(window(later.state).inFlight[0]).toMatchObject({ memberId: 'b', deliveryCount: 2 });
    expect(events.some((e) => e.type === 'shareLockTimedOut')).toBe(false);
  });

  it('archives a record released at the delivery count limit: it is never delivered again', () => {
    const cycles = Array.from({ length: 5 }, (_, i): Command[] => {
      const m = i % 2 === 0 ? 'a' : 'b';
      return [fetch(m, 1), ack(m, [0], 'RELEASE')];
    }).flat();
    const { state, events } = runCommands(1, [...setup(), ...produce(1), ...cycles, fetch('a', 1)]);
    expect(events.filter((e) => e.type === 'shareRecordsAcquired')).toHaveLength(5);
    const last = events.filter((e) => e.type === 'shareRecordsAcknowledged').at(-1);
    expect(last?.type === 'shareRecordsAcknowledged' && last.outcomes).toEqual([
      { offset: 0, state: 'ARCHIVED' },
    ]);
    expect(window(state).startOffset).toBe(1);
  });

  it('archives a rejected record at once', () => {
    const { state } = runCommands(1, [...setup(), ...produce(2), fetch('a', 2), ack('a', [0], 'REJECT')]);
    expect(window(state).startOffset).toBe(1);
    expect(sharePartitionEndOffset(window(state))).toBe(1);
  });

  it('refuses an acknowledgement from a member that does not hold the record (INVALID_RECORD_STATE)', () => {
    const { errors } = runCommands(1, [...setup(), ...produce(1), fetch('a', 1), ack('b', [0], 'ACCEPT')]);
    expect(errors).toEqual(['shareAcknowledge: INVALID_RECORD_STATE b does not hold offset(s) 0 of jobs-0.']);
    const late = runCommands(1, [
      ...setup(),
      ...produce(1),
      fetch('a', 1),
      { type: 'advance', ms: 31_000 },
      ack('a', [0], 'ACCEPT'),
    ]);
    expect(late.errors[0]).toMatch(/INVALID_RECORD_STATE/);
  });

  it('stops acquiring new records once the window holds group.share.partition.max.record.locks', () => {
    const { state } = runCommands(1, [
      ...setup({ partitionMaxRecordLocks: 3 }),
      ...produce(6),
      fetch('a', 10),
      fetch('b', 10),
    ]);
    expect(heldByMember(state.share.groups.workers!, window(state))).toEqual({ a: [0, 1, 2], b: [] });
    const freed = runCommands(1, [
      ...setup({ partitionMaxRecordLocks: 3 }),
      ...produce(6),
      fetch('a', 10),
      ack('a', [0], 'ACCEPT'),
      fetch('b', 10),
    ]);
    expect(heldByMember(freed.state.share.groups.workers!, window(freed.state)).b).toEqual([3]);
  });

  it('releases what a leaving member holds, for the others to take', () => {
    const { state } = runCommands(1, [
      ...setup(),
      ...produce(2),
      fetch('a', 2),
      { type: 'leaveShareGroup', group: 'workers', member: 'a' },
      fetch('b', 2),
    ]);
    expect(heldByMember(state.share.groups.workers!, window(state))).toEqual({ b: [0, 1] });
  });
});

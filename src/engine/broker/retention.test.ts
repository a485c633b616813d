/** Retention deletes whole segments below the high watermark, the active segment included (UnifiedLog). */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { produce, replicatedCluster } from '../testing/replication';
import { leaderRecords, runCommands } from '../testing/test-support';
import {
  appendRecord,
  deleteOldSegments,
  emptyLog,
  keptRecords,
  type LogRecord,
  type ReplicaLog,
} from './log';

const advance = (ms: number): Command => ({ type: 'advance', ms });

/** One broker, topic t with one partition, a segment per record (9 bytes each, segment.bytes 15), 60 s retention. */
const expiringTopic = (): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 't', partitions: 1, config: { segmentBytes: 15, retentionMs: 60_000 } },
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
];

const record = (offset: number, appendedAtMs: number): LogRecord => ({
  id: `r${offset}`,
  offset,
  key: null,
  value: 'xx',
  headers: {},
  timestampMs: appendedAtMs,
  appendedAtMs,
  producerId: 'p',
  sequence: -1,
  leaderEpoch: 0,
  sizeBytes: 9,
});

/** Three records at time 0, each in its own segment: bases 0, 1, 2, log end 3. */
function threeSegments(): ReplicaLog {
  let log = emptyLog;
  for (let o = 0; o < 3; o++) log = appendRecord(log, record(o, 0), 15);
  return log;
}

describe('time-based retention', () => {
  it('deletes the active segment too once it expired: the partition ends empty, log start = log end', () => {
    const { state, events, errors } = runCommands(1, [
      ...expiringTopic(),
      { type: 'produce', producer: 'p', topic: 't', value: 'a' },
      { type: 'produce', producer: 'p', topic: 't', value: 'b' },
      { type: 'produce', producer: 'p', topic: 't', value: 'c' },
      advance(600_000),
    ]);
    expect(errors).toEqual([]);
    const log = state.topics.t!.partitions[0]!.logs[0]!;
    expect(log.logEndOffset).toBe(3);
    expect(log.logStartOffset).toBe(3);
    expect(keptRecords(log)).toEqual([]);
    expect(log.segmentBaseOffsets).toEqual([3]);
    expect(checkInvariants(state)).toEqual([]);
    const deleted = events.filter((e) => e.type === 'segmentsDeleted');
    expect(deleted.map((e) => e.type === 'segmentsDeleted' && e.logStartOffset)).toEqual([3]);
  });

  it('appends the next record at the old log end offset, into the new empty segment', () => {
    const { state } = runCommands(1, [
      ...expiringTopic(),
      { type: 'produce', producer: 'p', topic: 't', value: 'a' },
      advance(600_000),
      { type: 'produce', producer: 'p', topic: 't', value: 'b' },
      advance(1_000),
    ]);
    expect(leaderRecords(state, 't', 0).map((r) => `${r.value}@${r.offset}`)).toEqual(['b@1']);
    expect(state.topics.t!.partitions[0]!.logs[0]!.logStartOffset).toBe(1);
  });

  it('keeps every segment the high watermark has not passed, the active one first of all', () => {
    const log = threeSegments();
    const expired = () => true;
    expect(deleteOldSegments(log, 3, expired).logStartOffset).toBe(3);
    // HW 2: the segment [2, 3) still holds a record no consumer may read yet.
    const held = deleteOldSegments(log, 2, expired);
    expect([held.logStartOffset, held.segmentBaseOffsets]).toEqual([2, [2]]);
    expect(deleteOldSegments(log, 0, expired)).toBe(log);
  });

  it('never deletes an empty active segment (it would only be made again)', () => {
    const empty = deleteOldSegments(threeSegments(), 3, () => true);
    expect(deleteOldSegments(empty, 3, () => true)).toBe(empty);
  });

  it('a follower deletes only below the high watermark it has learned', () => {
    const { state } = runCommands(1, [
      ...replicatedCluster({ config: { segmentBytes: 15, retentionMs: 60_000 } }),
      produce('a'),
      produce('b'),
      advance(600_000),
    ]);
    const p = state.topics.t!.partitions[0]!;
    for (const b of p.replicas) {
      const log = p.logs[b]!;
      expect([b, log.logStartOffset, log.logEndOffset]).toEqual([b, 2, 2]);
    }
    expect(checkInvariants(state)).toEqual([]);
  });
});

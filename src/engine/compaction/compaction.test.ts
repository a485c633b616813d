/**
 * The log cleaner (cleanup.policy=compact) against Kafka's rules: the newest record of a key is never
 * dropped, offsets keep their gaps, the active segment is never cleaned, a tombstone lives on for
 * delete.retention.ms after the cleaning that reached it, and a read of the cleaned log gives each key the
 * value a read of the whole log would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendRecord, emptyLog, keptRecords, type LogRecord, type ReplicaLog } from '../broker/log';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { leaderRecords, runCommands, runStepwise } from '../testing/test-support';
import { cleanableRange, cleanLog } from './cleaner';
import { type CleanerConfig, LOG_CLEANER_BACKOFF_MS } from './config';

const cfg = (over: Partial<CleanerConfig> = {}): CleanerConfig => ({
  cleanupPolicy: 'compact',
  segmentBytes: 1 << 30,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: null,
  deleteRetentionMs: 1000,
  ...over,
});

interface Write {
  key: string | null;
  tombstone: boolean;
  atMs: number;
}

/** A log of these writes, one record each (10 bytes), rolling a segment every `perSegment` records. */
function logOf(writes: readonly Write[], perSegment: number): ReplicaLog {
  let log = emptyLog;
  writes.forEach((w, offset) => {
    const r: LogRecord = {
      id: `r${offset}`,
      offset,
      key: w.key,
      value: w.tombstone ? '' : `v${offset}`,
      headers: {},
      timestampMs: w.atMs,
      appendedAtMs: w.atMs,
      producerId: 'p',
      sequence: -1,
      leaderEpoch: 0,
      sizeBytes: 10,
      ...(w.tombstone ? { tombstone: true as const } : {}),
    };
    log = appendRecord(log, r, perSegment * 10);
  });
  return log;
}

/** What a reader from the beginning ends with: key -> value of its newest record (a tombstone deletes it). */
function finalValues(records: readonly LogRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.key === null) continue;
    if (r.tombstone) out.delete(r.key);
    else out.set(r.key, r.value);
  }
  return out;
}

const writes = fc.array(
  fc.record({
    key: fc.option(fc.constantFrom('k1', 'k2', 'k3', 'k4'), { nil: null, freq: 10 }),
    tombstone: fc.boolean(),
    atMs: fc.integer({ min: 0, max: 3000 }),
  }),
  { maxLength: 40 },
);

/** Cleans the log on passes at the given times (as the cleaner thread does), with HW = log end. */
function cleanAt(log: ReplicaLog, times: readonly number[], c: CleanerConfig): ReplicaLog {
  let out = log;
  for (const now of [...times].sort((a, b) => a - b)) {
    const range = cleanableRange(out, now, out.logEndOffset, c);
    if (range.shouldClean) out = cleanLog(out, range, now, c).log;
  }
  return out;
}

describe('the cleaner keeps the newest record of every key', () => {
  it('never drops the newest record of a key, and kept records keep their offsets (property)', () => {
    fc.assert(
      fc.property(
        writes,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 5000 })),
        (ws, per, times) => {
          const log = logOf(ws, per);
          const cleaned = cleanAt(log, times, cfg({ minCleanableDirtyRatio: 0 }));
          const before = keptRecords(log);
          const after = keptRecords(cleaned);
          const newest = new Map<string, LogRecord>();
          for (const r of before) if (r.key !== null) newest.set(r.key, r);
          for (const r of newest.values()) {
            if (r.tombstone) continue;
            expect(after.find((a) => a.offset === r.offset)?.id).toBe(r.id);
          }
          // Offsets increasing, each record where it was.
          for (let i = 1; i < after.length; i++)
            expect(after[i]!.offset).toBeGreaterThan(after[i - 1]!.offset);
          for (const r of after) expect(before[r.offset]?.id).toBe(r.id);
          expect(cleaned.logEndOffset).toBe(log.logEndOffset);
        },
      ),
    );
  });

  it('a read of the cleaned log gives every key the value a read of the uncleaned log gives (property)', () => {
    fc.assert(
      fc.property(
        writes,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 10_000 })),
        (ws, per, times) => {
          const log = logOf(ws, per);
          const cleaned = cleanAt(log, times, cfg({ minCleanableDirtyRatio: 0 }));
          expect(finalValues(keptRecords(cleaned))).toEqual(finalValues(keptRecords(log)));
        },
      ),
    );
  });

  it('never touches the active segment (property)', () => {
    fc.assert(
      fc.property(
        writes,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 5000 })),
        (ws, per, times) => {
          const log = logOf(ws, per);
          const cleaned = cleanAt(log, times, cfg({ minCleanableDirtyRatio: 0 }));
          const activeBase = log.segmentBaseOffsets.at(-1)!;
          const tail = (l: ReplicaLog) => keptRecords(l).filter((r) => r.offset >= activeBase);
          expect(tail(cleaned)).toEqual(tail(log));
        },
      ),
    );
  });

  it('removes superseded records in closed segments and leaves gaps in the offsets', () => {
    const k = (key: string, atMs = 0): Write => ({ key, tombstone: false, atMs });
    // Segments of two: [0 a, 1 b] [2 a, 3 a] [4 b] (active).
    const log = logOf([k('a'), k('b'), k('a'), k('a'), k('b')], 2);
    const range = cleanableRange(log, 0, log.logEndOffset, cfg());
    expect([range.firstDirtyOffset, range.firstUncleanableOffset, range.dirtyRatio]).toEqual([0, 4, 1]);
    const out = cleanLog(log, range, 0, cfg());
    expect(keptRecords(out.log).map((r) => `${r.key}@${r.offset}`)).toEqual(['b@1', 'a@3', 'b@4']);
    expect(out.removedOffsets).toEqual([0, 2]);
    // Both closed segments fit in segment.bytes: they become one segment at base 0 (groupSegmentsBySize).
    expect(out.log.segmentBaseOffsets).toEqual([0, 4]);
    expect(out.log.firstDirtyOffset).toBe(4);
  });

  it('waits for min.cleanable.dirty.ratio: a log mostly clean is left alone', () => {
    const k = (key: string): Write => ({ key, tombstone: false, atMs: 0 });
    const log = logOf([k('a'), k('b'), k('c'), k('d'), k('a'), k('e')], 4);
    const first = cleanLog(log, cleanableRange(log, 0, 6, cfg()), 0, cfg()).log;
    let more = first;
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) {
      more = appendRecord(more, { ...keptRecords(log)[0]!, id: `n${i}`, key, offset: 6 + i }, 40);
    }
    // Clean: 4 records in [0, 4); dirty and closed: [4, 8). 40 / 80 is not above 0.5.
    const range = cleanableRange(more, 0, more.logEndOffset, cfg());
    expect(range.dirtyRatio).toBe(0.5);
    expect(range.shouldClean).toBe(false);
  });
});

describe('tombstones', () => {
  const t = (key: string, tombstone: boolean, atMs = 0): Write => ({ key, tombstone, atMs });

  it('keeps a tombstone for delete.retention.ms after the cleaning that reached it, then removes it', () => {
    const log = logOf([t('a', false), t('b', false), t('a', true), t('c', false)], 3);
    const c = cfg({ deleteRetentionMs: 1000 });
    const first = cleanLog(log, cleanableRange(log, 100, 4, c), 100, c);
    expect(keptRecords(first.log).map((r) => `${r.key}@${r.offset}`)).toEqual(['b@1', 'a@2', 'c@3']);
    expect(first.tombstonesMarked).toEqual([{ offset: 2, deleteHorizonMs: 1100 }]);
    // Forced later passes over the same range: before the horizon it stays, at the horizon it goes.
    const range = { ...cleanableRange(first.log, 0, 4, c), firstDirtyOffset: 0, firstUncleanableOffset: 3 };
    expect(cleanLog(first.log, range, 1099, c).tombstonesRemoved).toEqual([]);
    const late = cleanLog(first.log, range, 1100, c);
    expect(late.tombstonesRemoved).toEqual([2]);
    expect(keptRecords(late.log).map((r) => r.key)).toEqual(['b', 'c']);
  });
});

/** One broker, a compacted topic whose segments roll every second, cleaned whenever anything is dirty. */
const compactedTopic = (config: Record<string, unknown> = {}): Command[] => [
  { type: 'createCluster', brokers: 1 },
  {
    type: 'createTopic',
    topic: 'addresses',
    partitions: 1,
    config: { cleanupPolicy: 'compact', segmentMs: 1000, minCleanableDirtyRatio: 0.01, ...config },
  },
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
];
const put = (key: string, value: string): Command => ({
  type: 'produce',
  producer: 'p',
  topic: 'addresses',
  key,
  value,
});

describe('the cleaner inside the cluster', () => {
  it('cleans on its pass, leaving the newest address per customer and the active segment as it was', () => {
    const { state, events, errors } = runCommands(1, [
      ...compactedTopic(),
      put('ann', 'Oak St'),
      put('bob', 'Elm St'),
      { type: 'advance', ms: 2000 },
      put('ann', 'Pine St'),
      { type: 'advance', ms: 2000 },
      put('bob', 'Bay Rd'),
      { type: 'advance', ms: LOG_CLEANER_BACKOFF_MS },
    ]);
    expect(errors).toEqual([]);
    expect(leaderRecords(state, 'addresses', 0).map((r) => `${r.offset}:${r.key}=${r.value}`)).toEqual([
      '1:bob=Elm St',
      '2:ann=Pine St',
      '3:bob=Bay Rd',
    ]);
    const cleaned = events.filter((e) => e.type === 'logCleaned');
    expect(cleaned.map((e) => e.type === 'logCleaned' && e.removedOffsets)).toEqual([[0]]);
    expect(checkInvariants(state)).toEqual([]);
  });

  it('a consumer from the beginning skips the gaps: a fetch at a removed offset returns the next record', () => {
    const { state, events } = runCommands(1, [
      ...compactedTopic(),
      put('ann', 'Oak St'),
      put('ann', 'Elm St'),
      { type: 'advance', ms: 2000 },
      put('bob', 'Bay Rd'),
      { type: 'advance', ms: LOG_CLEANER_BACKOFF_MS },
      {
        type: 'addConsumer',
        consumer: 'c',
        group: 'g',
        topics: ['addresses'],
        autoOffsetReset: 'earliest',
      },
      { type: 'advance', ms: 10_000 },
    ]);
    const processed = events.flatMap((e) => (e.type === 'recordProcessed' ? [e.offset] : []));
    expect(processed).toEqual([1, 2]);
    expect(state.groups.consumers.c!.positions['addresses/0']).toBe(3);
  });

  it('keeps the invariants and each key’s final value whatever is produced and however long it waits (property)', () => {
    const cmd = fc.oneof(
      fc.tuple(fc.constantFrom('ann', 'bob', 'cy'), fc.boolean(), fc.string({ maxLength: 4 })).map(
        ([key, tombstone, value]): Command => ({
          type: 'produce',
          producer: 'p',
          topic: 'addresses',
          key,
          value,
          ...(tombstone ? { tombstone: true as const } : {}),
        }),
      ),
      fc.integer({ min: 0, max: 20_000 }).map((ms): Command => ({ type: 'advance', ms })),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 30 }), (cs) => {
        const commands = [
          ...compactedTopic({ deleteRetentionMs: 5000 }),
          ...cs,
          { type: 'advance', ms: 100 } as Command,
        ];
        const { state } = runStepwise(1, commands, (r) => {
          if (!r.ok) return;
          expect(checkInvariants(r.state)).toEqual([]);
        });
        const log = state.topics.addresses!.partitions[0]!.logs[0]!;
        // The uncleaned log, rebuilt from every append the leader made.
        const all = runCommands(1, commands).events.flatMap((e) =>
          e.type === 'recordAppended'
            ? [
                {
                  key: e.key,
                  value: e.value,
                  tombstone: e.tombstone,
                  offset: e.offset,
                } as unknown as LogRecord,
              ]
            : [],
        );
        expect(finalValues(keptRecords(log))).toEqual(finalValues(all));
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * Properties of share groups over random runs of joins, leaves, fetches, acknowledgements of any kind,
 * lock timeouts and new records: the invariants hold after every step, a record is delivered at most
 * delivery.count.limit times, never acquired while another member holds it, and the SPSO only moves past
 * records that are ACKNOWLEDGED or ARCHIVED.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import { checkInvariants } from '../core/invariants';
import type { EngineState } from '../core/types';
import { runStepwise, shareCommands } from '../testing/test-support';
import type { ShareRecordState } from './types';

const setup: Command[] = [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 't', partitions: 2 },
  { type: 'addProducer', producer: 'p', lingerMs: 0, keyless: 'round-robin' },
  // A low limit and short locks, so runs reach the limit often; the generated settings may change them.
  {
    type: 'setShareGroupConfig',
    group: 'sg',
    config: { autoOffsetReset: 'earliest', deliveryCountLimit: 2, recordLockDurationMs: 1000 },
  },
  { type: 'joinShareGroup', group: 'sg', member: 's1', topics: ['t'] },
];

const runs = fc
  .array(
    fc.oneof(
      ...shareCommands('t', 2),
      {
        weight: 4,
        arbitrary: fc
          .string({ maxLength: 4 })
          .map((value): Command => ({ type: 'produce', producer: 'p', topic: 't', value })),
      },
      {
        weight: 3,
        arbitrary: fc.integer({ min: 0, max: 40_000 }).map((ms): Command => ({ type: 'advance', ms })),
      },
    ),
    { minLength: 30, maxLength: 70 },
  )
  .map((cs) => [...setup, ...cs]);

type Shared = Extract<
  EngineEvent,
  { type: 'shareRecordsAcquired' | 'shareRecordsAcknowledged' | 'shareLockTimedOut' | 'shareMemberLeft' }
>;
const isShare = (e: EngineEvent): e is Shared =>
  e.type === 'shareRecordsAcquired' ||
  e.type === 'shareMemberLeft' ||
  e.type === 'shareRecordsAcknowledged' ||
  e.type === 'shareLockTimedOut';

const recordState = (s: EngineState, partition: number, offset: number): ShareRecordState | undefined => {
  const sp = s.share.groups.sg?.partitions[`t/${partition}`];
  return sp?.inFlight[offset - sp.startOffset]?.state;
};

/** Runs the commands, calling `check(before, after, events)` after every accepted step. */
function walk(
  commands: Command[],
  check: (before: EngineState, after: EngineState, events: Shared[]) => void,
) {
  let before: EngineState | null = null;
  runStepwise(1, commands, (r) => {
    if (before && r.ok) check(before, r.state, r.events.filter(isShare));
    before = r.state;
  });
}

describe('share group properties', () => {
  it('keep the share invariants after every step', () => {
    fc.assert(
      fc.property(runs, (commands) => {
        walk(commands, (_b, after) => expect(checkInvariants(after)).toEqual([]));
      }),
      { numRuns: 150 },
    );
  });

  it('deliver a record at most delivery.count.limit times', () => {
    fc.assert(
      fc.property(runs, (commands) => {
        const deliveries = new Map<string, number>();
        const { state, events } = runStepwise(1, commands);
        for (const e of events)
          if (e.type === 'shareRecordsAcquired')
            for (const r of e.records) {
              const k = `${e.partition}/${r.offset}`;
              deliveries.set(k, (deliveries.get(k) ?? 0) + 1);
              expect(r.deliveryCount).toBe(deliveries.get(k));
            }
        const limit = state.share.groups.sg?.config.deliveryCountLimit ?? 5;
        for (const n of deliveries.values()) expect(n).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 150 },
    );
  });

  it('never acquire a record that another member holds', () => {
    fc.assert(
      fc.property(runs, (commands) => {
        walk(commands, (before, _a, events) => {
          for (const e of events)
            if (e.type === 'shareRecordsAcquired')
              for (const r of e.records)
                expect(recordState(before, e.partition, r.offset)).not.toBe('ACQUIRED');
        });
      }),
      { numRuns: 150 },
    );
  });

  it('move the SPSO only past records that are ACKNOWLEDGED or ARCHIVED', () => {
    fc.assert(
      fc.property(runs, (commands) => {
        walk(commands, (before, after, events) => {
          for (const [key, sp] of Object.entries(after.share.groups.sg?.partitions ?? {})) {
            const was = before.share.groups.sg?.partitions[key];
            if (!was) continue;
            const finished = new Set<number>();
            const settled = events.flatMap((e) =>
              e.type === 'shareRecordsAcquired' ? [] : e.type === 'shareMemberLeft' ? e.released : [e],
            );
            for (const e of settled)
              if (`t/${e.partition}` === key)
                for (const o of e.outcomes)
                  if (o.state === 'ACKNOWLEDGED' || o.state === 'ARCHIVED') finished.add(o.offset);
            expect(sp.startOffset).toBeGreaterThanOrEqual(was.startOffset);
            for (let o = was.startOffset; o < sp.startOffset; o++) {
              const s = was.inFlight[o - was.startOffset]?.state;
              expect(s === 'ACKNOWLEDGED' || s === 'ARCHIVED' || finished.has(o)).toBe(true);
            }
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

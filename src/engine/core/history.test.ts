import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptRecords } from '../broker/log';
import { ksqlEngine } from '../testing/ksql';
import { arbitraryCommands, arbitraryEngineCommands, runCommands } from '../testing/test-support';
import { CHECKPOINT_EVERY, replay, Timeline } from './history';
import { checkInvariants } from './invariants';
import { initialState, step } from './step';
import { canonical, formatTrace } from './trace';

/** The whole engine, queries included: the ksql engine is passed in, as the app passes it once loaded. */
const env = { ksql: ksqlEngine };

describe('determinism', () => {
  it('gives the same trace and state, byte for byte, for one seed and one command list', () => {
    fc.assert(
      fc.property(fc.integer(), arbitraryEngineCommands(), (seed, commands) => {
        const a = runCommands(seed, commands, env);
        const b = runCommands(seed, commands, env);
        expect(formatTrace(a.events)).toBe(formatTrace(b.events));
        expect(canonical(a.state)).toBe(canonical(b.state));
      }),
      { numRuns: 60 },
    );
  });

  it('never mutates the state it is given', () => {
    fc.assert(
      fc.property(arbitraryEngineCommands(40), (commands) => {
        let state = initialState(7);
        for (const c of commands) {
          const before = canonical(state);
          const r = step(state, c, env);
          expect(canonical(state)).toBe(before);
          state = r.state;
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('the log', () => {
  it('keeps offsets 0..n-1 without gaps in every partition, whatever is produced', () => {
    fc.assert(
      fc.property(fc.integer(), arbitraryCommands(), (seed, commands) => {
        const { state } = runCommands(seed, [...commands, { type: 'advance', ms: 1000 }]);
        for (const p of state.topics.t!.partitions) {
          const log = p.logs[p.leader!]!;
          const offsets = keptRecords(log).map((r) => r.offset);
          expect(offsets).toEqual(offsets.map((_, i) => log.logStartOffset + i));
        }
        expect(checkInvariants(state)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('time travel', () => {
  it('seek(k) equals replaying the first k commands, in any order of seeks, across the whole engine', () => {
    fc.assert(
      fc.property(
        // Producers, consumers in a group, broker failures and ksql queries: every module's state and timers.
        arbitraryEngineCommands(200),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (commands, seeks) => {
          const timeline = new Timeline(11, commands, env);
          for (const s of seeks) {
            const k = s % (commands.length + 1);
            const expected = replay({ seed: 11, commands: commands.slice(0, k) }, env);
            expect(canonical(timeline.seek(k).state)).toBe(canonical(expected.state));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the events of command k-1 when seeking to k, as the view animates them', () => {
    const { events: all } = runCommands(5, []);
    expect(all).toEqual([]);
    const commands = [
      { type: 'createCluster', brokers: 1 },
      { type: 'createTopic', topic: 't', partitions: 2 },
    ] as const;
    const timeline = new Timeline(5, [...commands]);
    expect(timeline.seek(2).events.map((e) => e.type)).toEqual(['topicCreated']);
    expect(timeline.seek(1).events.map((e) => e.type)).toEqual(['clusterCreated']);
  });

  it('forks: a live action after stepping back drops the old future', () => {
    fc.assert(
      fc.property(arbitraryCommands(3 * CHECKPOINT_EVERY), fc.nat(), (commands, cut) => {
        const timeline = new Timeline(3, commands);
        timeline.seek(commands.length);
        const k = cut % (commands.length + 1);
        timeline.truncate(k);
        const live = { type: 'produce', producer: 'p1', topic: 't', key: 'live', value: 'on stage' } as const;
        const after = timeline.push(live);
        const expected = replay({ seed: 3, commands: [...commands.slice(0, k), live] });
        expect(timeline.length).toBe(k + 1);
        expect(canonical(after.state)).toBe(canonical(expected.state));
      }),
      { numRuns: 30 },
    );
  });
});

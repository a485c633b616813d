import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryCommands } from '../testing/test-support';
import type { Command } from './commands';
import { CHECKPOINT_EVERY, Timeline } from './history';
import { canonical } from './trace';

const advance = (ms: number): Command => ({ type: 'advance', ms });
const commandsOf = (n: number): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 't', partitions: 2 },
  { type: 'addProducer', producer: 'p', lingerMs: 0 },
  ...Array.from({ length: n - 3 }, (_, i) =>
    i % 3 === 0
      ? advance(5)
      : ({ type: 'produce', producer: 'p', topic: 't', key: null, value: `v${i}` } as Command),
  ),
];

describe('forking a Timeline: truncate, then push or extend', () => {
  it('keeps the checkpoints before the fork, the very states', () => {
    const commands = commandsOf(4 * CHECKPOINT_EVERY + 5);
    const timeline = new Timeline(1, commands);
    timeline.stateAt(commands.length);
    const kept = [0, 1, 2].map((i) => timeline.stateAt(i * CHECKPOINT_EVERY));
    const fork = 2 * CHECKPOINT_EVERY + 7;
    timeline.truncate(fork);
    expect(timeline.checkpointCount).toBe(3);
    timeline.push(advance(1));
    timeline.extend(commands.slice(fork + 1));
    for (const [i, state] of kept.entries()) expect(timeline.stateAt(i * CHECKPOINT_EVERY)).toBe(state);
  });

  it('truncating past what was computed leaves no hole in the checkpoints', () => {
    const commands = commandsOf(3 * CHECKPOINT_EVERY + 2);
    const timeline = new Timeline(1, commands);
    timeline.truncate(3 * CHECKPOINT_EVERY);
    expect(timeline.checkpointCount).toBe(1);
    expect(canonical(timeline.stateAt(3 * CHECKPOINT_EVERY))).toBe(
      canonical(new Timeline(1, commands).stateAt(3 * CHECKPOINT_EVERY)),
    );
  });

  it('a forked run seeks as a fresh Timeline of the same commands does', () => {
    fc.assert(
      fc.property(
        arbitraryCommands(90),
        arbitraryCommands(10),
        arbitraryCommands(40),
        fc.nat(),
        fc.nat(),
        (before, live, after, at, seen) => {
          const old = new Timeline(5, [...before, ...after]);
          old.stateAt(seen % (old.length + 1));
          const k = at % (before.length + 1);
          old.truncate(k);
          const results = live.map((c) => old.push(c));
          old.extend(after);
          const expected = [...before.slice(0, k), ...live, ...after];
          const fresh = new Timeline(5, expected);
          // canonical: a replica log shares its array with the old future, which appended to it.
          live.forEach((_, i) => {
            expect(canonical(results[i])).toBe(canonical(fresh.seek(k + i + 1)));
          });
          for (let j = 0; j <= expected.length; j += 7)
            expect(canonical(old.seek(j))).toBe(canonical(fresh.seek(j)));
          expect(old.run()).toEqual({ seed: 5, commands: expected });
        },
      ),
      { numRuns: 40 },
    );
  });
});

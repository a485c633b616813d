/**
 * Shared helpers for the engine's tests: run commands, read logs, and random command lists for properties.
 * Not imported by the app.
 */
import fc from 'fast-check';
import { keptRecords, type LogRecord } from '../broker/log';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import { initialState, type StepResult, step } from '../core/step';
import type { EngineState } from '../core/types';

/**
 * Steps through the commands collecting their events, and shows each step's result to `afterStep`: the
 * tests' one loop over a run, for checks at every step (core/history.ts's replay is the app's, without them).
 */
export function runStepwise(
  seed: number,
  commands: readonly Command[],
  afterStep: (result: StepResult, command: Command) => void = () => undefined,
): { state: EngineState; events: EngineEvent[] } {
  let state: EngineState = initialState(seed);
  const events: EngineEvent[] = [];
  for (const c of commands) {
    const r = step(state, c);
    state = r.state;
    if (r.ok) events.push(...r.events);
    afterStep(r, c);
  }
  return { state, events };
}

/** Runs the commands; each refused one is listed as `type: CODE message`. */
export function runCommands(seed: number, commands: readonly Command[]) {
  const errors: string[] = [];
  const { state, events } = runStepwise(seed, commands, (r, c) => {
    if (!r.ok) errors.push(`${c.type}: ${r.error.code} ${r.error.message}`);
  });
  return { state, events, errors };
}

/** The records the leader of topic/partition holds, oldest first. */
export function leaderRecords(state: EngineState, topic: string, partition: number): LogRecord[] {
  const p = state.topics[topic]?.partitions[partition];
  if (!p || p.leader === null) return [];
  return keptRecords(p.logs[p.leader]!);
}

export const oneBrokerTopic = (topic = 'orders', partitions = 4): Command[] => [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic, partitions },
];

/** Random but valid-looking command lists over a small cluster: what the properties feed the engine. */
export function arbitraryCommands(maxLength = 60): fc.Arbitrary<Command[]> {
  const key = fc.option(fc.constantFrom('alice', 'bob', 'carol', 'dave', 'card-4412', ''), { nil: null });
  const cmd: fc.Arbitrary<Command> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('produce' as const),
        producer: fc.constantFrom('p1', 'p2'),
        topic: fc.constant('t'),
        key,
        value: fc.string({ maxLength: 12 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('flush' as const), producer: fc.constantFrom('p1', 'p2') }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('addPartitions' as const),
        topic: fc.constant('t'),
        partitions: fc.integer({ min: 1, max: 8 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('configureProducer' as const),
        producer: fc.constant('p2'),
        keyless: fc.constantFrom('round-robin' as const, 'sticky' as const),
      }),
    },
  );
  const setup: Command[] = [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: 't', partitions: 4, config: { segmentBytes: 200, retentionBytes: 1000 } },
    { type: 'addProducer', producer: 'p1', keyless: 'round-robin', lingerMs: 0 },
    { type: 'addProducer', producer: 'p2', keyless: 'sticky', lingerMs: 10, batchSizeBytes: 100 },
  ];
  return fc.array(cmd, { maxLength }).map((cs) => [...setup, ...cs]);
}

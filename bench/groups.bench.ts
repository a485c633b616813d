/**
 * Issue 4: how many rebalances per wall second the engine runs for a group of 100 members over one topic of
 * 1,000 partitions. Each cycle kills one member (its session of 6 s, the broker minimum, runs out and the
 * group rebalances) and adds a new one (another rebalance), advancing logical time until the group is Stable
 * with every member in it. Everything is in the run: heartbeats, polls, fetches, commits, all as messages.
 * Eager (range) is compared with cooperative-sticky, whose rebalances take two rounds when partitions move.
 */
import type { Command } from '../src/engine/core/commands';
import { initialState, step } from '../src/engine/core/step';
import type { EngineState } from '../src/engine/core/types';
import type { AssignorName } from '../src/engine/groups/types';
import type { BenchRow } from './types';

const MEMBERS = 100;
const PARTITIONS = 1000;
const ADVANCE_MS = 500;
const BUDGET_MS = 3000;

function apply(state: EngineState, command: Command): EngineState {
  const r = step(state, command);
  if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
  return r.state;
}

const member = (id: number, assignor: AssignorName): Command => ({
  type: 'addConsumer',
  consumer: `consumer-${id}`,
  group: 'bench',
  topics: ['events'],
  assignor,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 2000,
  pollIntervalMs: 1000,
});

/** Completed generations so far: each CompletingRebalance -> Stable is one rebalance round done. */
function settle(state: EngineState, members: number): { state: EngineState; rounds: number } {
  let s = state;
  let rounds = 0;
  for (let i = 0; i < 400; i++) {
    const r = step(s, { type: 'advance', ms: ADVANCE_MS });
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
    for (const e of r.events) if (e.type === 'groupStateChanged' && e.to === 'Stable') rounds++;
    const g = s.groups.groups.bench;
    const settled = Object.values(s.groups.consumers).every(
      (c) => c.status !== 'stable' || c.rejoinNeeded === false,
    );
    if (g?.state === 'Stable' && g.memberIds.length === members && settled && !pending(s))
      return { state: s, rounds };
  }
  throw new Error('the group did not settle');
}

/** A cooperative first round is followed by a second: wait until no member is rejoining. */
function pending(s: EngineState): boolean {
  return Object.values(s.groups.consumers).some((c) => c.status === 'joining' || c.status === 'syncing');
}

function rebalancesPerSecond(assignor: AssignorName): {
  perSecond: number;
  rounds: number;
  cycles: number;
  msPerCycle: number;
} {
  let s = initialState(42);
  s = apply(s, { type: 'createCluster', brokers: 3 });
  s = apply(s, { type: 'createTopic', topic: 'events', partitions: PARTITIONS });
  for (let i = 0; i < MEMBERS; i++) s = apply(s, member(i, assignor));
  s = settle(s, MEMBERS).state;
  let next = MEMBERS;
  let victim = 0;
  let rounds = 0;
  let cycles = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    s = apply(s, { type: 'killConsumer', consumer: `consumer-${victim++}` });
    const killed = settle(s, MEMBERS - 1);
    s = apply(killed.state, member(next++, assignor));
    const added = settle(s, MEMBERS);
    s = added.state;
    rounds += killed.rounds + added.rounds;
    cycles++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: rounds / seconds, rounds, cycles, msPerCycle: (seconds * 1000) / cycles };
}

export default function groupsBench(): BenchRow[] {
  const eager = rebalancesPerSecond('range');
  const coop = rebalancesPerSecond('cooperative-sticky');
  return [
    {
      name: `rebalances, 100 members x 1000 partitions, eager range (${eager.rounds} in ${eager.cycles} kill+add cycles)`,
      value: eager.perSecond,
      unit: 'rebalances/s',
    },
    {
      name: `rebalances, 100 members x 1000 partitions, cooperative-sticky (${coop.rounds} rounds in ${coop.cycles} cycles)`,
      value: coop.perSecond,
      unit: 'rebalances/s',
      baseline: { name: 'eager range', value: eager.perSecond, unit: 'rebalances/s' },
    },
    {
      name: 'wall time per kill+add cycle (2 membership changes), cooperative-sticky',
      value: coop.msPerCycle,
      unit: 'ms',
      baseline: { name: 'eager range', value: eager.msPerCycle, unit: 'ms' },
    },
  ];
}

/**
 * Issue 5: replicated appends per wall second. 12 brokers, 48 partitions, RF 3, min.insync.replicas 2, an
 * acks=all idempotent producers sending keyed records over simulated time; what counts is records
 * acknowledged (produceAcked) per second of wall time, the whole engine included (producer, fetchers, HW,
 * events). The baseline is the same workload at RF 1 in the same run: the difference is replication's cost.
 */
import type { Command } from '../src/engine/core/commands';
import { initialState, step } from '../src/engine/core/step';
import type { EngineState } from '../src/engine/core/types';
import type { BenchRow } from './types';

const BROKERS = 12;
const PARTITIONS = 48;
const ROUNDS = 100;
const RECORDS_PER_ROUND = 100;
/** Simulated time between rounds: 100 records every 10 ms, 10,000 records per simulated second. */
const ROUND_MS = 10;
/** One producer per broker, as a fleet of clients would be: one producer's five in-flight requests cap it. */
const PRODUCERS = 12;

function workload(replicationFactor: number): Command[] {
  const commands: Command[] = [
    { type: 'createCluster', brokers: BROKERS },
    {
      type: 'createTopic',
      topic: 'payments',
      partitions: PARTITIONS,
      config: { replicationFactor, minInsyncReplicas: Math.min(2, replicationFactor) },
    },
  ];
  for (let i = 0; i < PRODUCERS; i++)
    commands.push({ type: 'addProducer', producer: `p${i}`, acks: 'all', lingerMs: 5 });
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < RECORDS_PER_ROUND; i++) {
      const n = round * RECORDS_PER_ROUND + i;
      const producer = `p${n % PRODUCERS}`;
      commands.push({ type: 'produce', producer, topic: 'payments', key: `card-${n % 997}`, value: `${n}` });
    }
    commands.push({ type: 'advance', ms: ROUND_MS });
  }
  for (let i = 0; i < 10; i++) commands.push({ type: 'advance', ms: 1000 });
  return commands;
}

/** Runs the workload; returns records acknowledged per wall second and how many were acknowledged. */
function run(replicationFactor: number): { perSecond: number; acked: number } {
  const commands = workload(replicationFactor);
  let state: EngineState = initialState(7);
  let acked = 0;
  const start = performance.now();
  for (const c of commands) {
    const r = step(state, c);
    state = r.state;
    if (r.ok) for (const e of r.events) if (e.type === 'produceAcked') acked += e.count;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: acked / seconds, acked };
}

export default function replicationBench(): BenchRow[] {
  run(3); // warm-up
  const replicated = run(3);
  const single = run(1);
  const total = ROUNDS * RECORDS_PER_ROUND;
  if (replicated.acked !== total || single.acked !== total)
    console.warn(`acknowledged ${replicated.acked} (RF 3) and ${single.acked} (RF 1) of ${total} records`);
  return [
    {
      name: `acks=all appends, ${BROKERS} brokers, ${PARTITIONS} partitions, RF 3`,
      value: replicated.perSecond,
      unit: 'records/s',
      baseline: { name: 'the same workload at RF 1', value: single.perSecond, unit: 'records/s' },
    },
  ];
}

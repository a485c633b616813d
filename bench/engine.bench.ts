/**
 * The engine core's figures (issue 3): appends per second through the whole produce path, and time travel
 * on a run of 100,000 commands: replaying it once (which lays the checkpoints), then seeking to its middle
 * and to random steps, against the one-frame budget.
 */
import type { Command } from '../src/engine/core/commands';
import { Timeline } from '../src/engine/core/history';
import { initialState, step } from '../src/engine/core/step';
import type { BenchRow } from './types';

const FRAME_MS = 1000 / 60;

function workload(n: number, keys: boolean): Command[] {
  const commands: Command[] = [
    { type: 'createCluster', brokers: 3 },
    {
      type: 'createTopic',
      topic: 't',
      partitions: 12,
      config: { retentionBytes: 200_000, segmentBytes: 20_000 },
    },
    { type: 'addProducer', producer: 'p', lingerMs: 0, keyless: 'round-robin' },
  ];
  for (let i = commands.length; i < n; i++) {
    commands.push(
      i % 8 === 0
        ? { type: 'advance', ms: 10 }
        : {
            type: 'produce',
            producer: 'p',
            topic: 't',
            key: keys ? `user-${i % 500}` : null,
            value: `v${i}`,
          },
    );
  }
  return commands;
}

function appendsPerSecond(): number {
  const commands = workload(40_000, true);
  const start = performance.now();
  let state = initialState(1);
  for (const c of commands) state = step(state, c).state;
  state = step(state, { type: 'advance', ms: 1000 }).state;
  const ms = performance.now() - start;
  let appended = 0;
  for (const p of state.topics.t!.partitions) appended += p.logs[p.leader!]!.logEndOffset;
  return (appended * 1000) / ms;
}

function timeTravel() {
  const commands = workload(100_000, false);
  const timeline = new Timeline(7, commands);
  let start = performance.now();
  timeline.stateAt(commands.length);
  const firstPassMs = performance.now() - start;
  const seeks: number[] = [];
  let x = 12345;
  for (let i = 0; i < 200; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const k = i === 0 ? commands.length / 2 : x % commands.length;
    start = performance.now();
    timeline.seek(k);
    seeks.push(performance.now() - start);
  }
  const middleMs = seeks[0]!;
  seeks.sort((a, b) => a - b);
  return { firstPassMs, middleMs, medianMs: seeks[100]!, maxMs: seeks.at(-1)! };
}

export default function engineBench(): BenchRow[] {
  const appends = appendsPerSecond();
  const travel = timeTravel();
  const frame = { op: '<=' as const, value: 16, of: 'value' as const, text: '< 16 ms (one frame)' };
  return [
    {
      name: 'records produced and appended (keyed, 12 partitions, acks=all)',
      value: appends,
      unit: 'records/s',
    },
    { name: 'replay of a 100,000-command run from scratch', value: travel.firstPassMs, unit: 'ms' },
    {
      name: 'seek to the middle of the 100,000-command run',
      value: travel.middleMs,
      unit: 'ms',
      baseline: { name: 'one frame', value: FRAME_MS, unit: 'ms' },
      target: frame,
    },
    { name: 'seek to a random step (median of 200)', value: travel.medianMs, unit: 'ms', target: frame },
    { name: 'seek to a random step (max of 200)', value: travel.maxMs, unit: 'ms', target: frame },
  ];
}

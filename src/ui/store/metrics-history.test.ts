import { describe, expect, it } from 'vitest';
import { clusterGauges } from '../../engine';
import { sceneIndexById, scenes } from '../../scenarios/registry';
import { NO_LIVE, stateAtStep } from './frames';
import { metricsHistory } from './metrics-history';

const REPLICATION = sceneIndexById('replication');
const scene = scenes[REPLICATION]!;
const WINDOW_MS = 100;

describe('metrics over a scene’s run', () => {
  it('ends every step on the gauges the engine selector gives for that step’s final state', () => {
    scene.steps.forEach((_, k) => {
      const h = metricsHistory(REPLICATION, k, NO_LIVE, WINDOW_MS);
      const state = stateAtStep(REPLICATION, k);
      const g = clusterGauges(state);
      expect(h.samples.at(-1)!.atMs).toBe(state.now);
      const value = (id: string) => h.rows.find((r) => r.id === id)?.value;
      expect(value('UnderReplicatedPartitions')).toBe(g.underReplicatedPartitions);
      expect(value('UnderMinIsrPartitionCount')).toBe(g.underMinIsrPartitionCount);
    });
  });

  it('gives the previous step’s values for the deltas, and a series in time order for the sparklines', () => {
    const kill = scene.steps.findIndex((s) => s.title === 'A crashes');
    const h = metricsHistory(REPLICATION, kill, NO_LIVE, WINDOW_MS);
    expect(h.previous.UnderReplicatedPartitions).toBe(0);
    expect(h.rows.find((r) => r.id === 'UnderReplicatedPartitions')?.value).toBe(1);
    const times = h.samples.map((s) => s.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Sampled inside the advance too: the election's spike is in the series, not only at the step's end.
    expect(h.samples.some((s) => s.values.LeaderElectionRateAndTimeMs === 10)).toBe(true);
  });

  it('is the same history whichever step is asked first', () => {
    const late = metricsHistory(REPLICATION, 8, NO_LIVE, WINDOW_MS).samples;
    const early = metricsHistory(REPLICATION, 3, NO_LIVE, WINDOW_MS).samples;
    expect(late.slice(0, early.length)).toEqual(early);
  });
});

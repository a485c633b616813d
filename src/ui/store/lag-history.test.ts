import { describe, expect, it } from 'vitest';
import { groupLagTotals, step } from '../../engine';
import { sceneIndexById, scenes } from '../../scenarios/registry';
import { sceneRun } from '../../scenarios/run';
import { NO_LIVE, stateAtStep } from './frames';
import { lagHistory, statesInside } from './lag-history';
import { sceneRunFor } from './scene-run';

const CONSUME_GROUPS = sceneIndexById('consume-groups');
const scene = scenes[CONSUME_GROUPS]!;
const groups = ['billing', 'audit'];

describe('lag over time', () => {
  it('ends every step on the lag the engine selector gives for that step’s final state', () => {
    scene.steps.forEach((_, k) => {
      const last = lagHistory(CONSUME_GROUPS, k, NO_LIVE).samples.at(-1)!;
      const state = stateAtStep(CONSUME_GROUPS, k);
      expect(last.atMs).toBe(state.now);
      for (const g of groups) {
        const t = groupLagTotals(state, g);
        expect(last.lag[g]).toBe(t.uncommitted === t.partitions ? null : t.totalLag);
      }
    });
  });

  it('is the same history whichever step is asked first (samples are extended, never recomputed)', () => {
    const fresh = [{ step: 0, label: 'nothing', commands: [] }];
    const late = lagHistory(CONSUME_GROUPS, 3, fresh).samples;
    const early = lagHistory(CONSUME_GROUPS, 1, fresh).samples;
    expect(late.slice(0, early.length)).toEqual(early);
    expect(lagHistory(CONSUME_GROUPS, 3, NO_LIVE).samples).toEqual(late);
  });

  it('cuts an advance at its events and reaches the same state as the whole advance', () => {
    const run = sceneRun(scene);
    const { timeline } = sceneRunFor(CONSUME_GROUPS, NO_LIVE);
    let advances = 0;
    run.commands.forEach((command, i) => {
      if (command.type !== 'advance') return;
      const before = timeline.stateAt(i);
      const whole = step(before, command);
      if (!whole.ok) throw new Error(whole.error.message);
      const times = whole.events.map((e) => e.atMs);
      const inside = statesInside(before, command, whole.state, times);
      const last = inside.at(-1) ?? before;
      const rest = step(last, { type: 'advance', ms: whole.state.now - last.now });
      if (!rest.ok) throw new Error(rest.error.message);
      expect(rest.state).toEqual(whole.state);
      advances++;
    });
    expect(advances).toBeGreaterThan(3);
  });

  it('shows billing’s lag rise when records land and fall at its commit, inside the step, while paused audit’s stays', () => {
    const pause = 2;
    const before = lagHistory(CONSUME_GROUPS, pause - 1, NO_LIVE);
    const { samples, endMs } = lagHistory(CONSUME_GROUPS, pause, NO_LIVE);
    const during = samples.slice(before.samples.length);
    const peak = Math.max(...during.map((s) => s.lag.billing ?? 0));
    const end = stateAtStep(CONSUME_GROUPS, pause);
    expect(peak).toBeGreaterThan(groupLagTotals(end, 'billing').totalLag);
    const caughtUp = during.find(
      (s, i) => i > 0 && s.lag.billing === 0 && (during[i - 1]!.lag.billing ?? 0) > 0,
    );
    expect(caughtUp).toBeDefined();
    expect(caughtUp!.atMs).toBeLessThan(endMs);
    expect(during.at(-1)!.lag.audit).toBe(groupLagTotals(end, 'audit').totalLag);
    expect(during.at(-1)!.lag.audit).toBeGreaterThan(0);
  });

  it('has no lag for a group before it commits anything (the tool’s “-”, not 0)', () => {
    const { samples } = lagHistory(CONSUME_GROUPS, 0, NO_LIVE);
    expect(samples[0]!.lag.billing ?? null).toBeNull();
  });
});

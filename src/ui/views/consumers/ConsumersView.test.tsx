// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../../engine';
import { groupLag, groupLagTotals } from '../../../engine';
import { NO_LIVE } from '../../store/frames';
import { lagHistory } from '../../store/lag-history';
import {
  byTestId,
  firstStepWith,
  offsetsUpTo,
  type Place,
  recordsIn,
  render,
  scenePlace,
} from '../../testing/test-render';
import { ConsumersView } from './ConsumersView';

type View = Extract<Place['scene']['view'], { kind: 'consumers' }>;

function show(place: Place, playheadMs = place.frame.toMs) {
  const view = place.scene.view as View;
  return render(
    <ConsumersView
      view={view}
      frame={place.frame}
      playheadMs={playheadMs}
      sceneIndex={place.sceneIndex}
      step={place.step}
    />,
  );
}

const ownedBy = (state: EngineState, consumer: string) =>
  (state.groups.consumers[consumer]?.owned ?? []).map((tp) => tp.partition).sort((a, b) => a - b);

describe('ConsumersView', () => {
  it('holds in each lane the records at offsets 0..n-1 and writes each group’s lag as the engine has it', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    const view = place.scene.view as View;
    for (const p of place.frame.state.topics[view.topic]!.partitions) {
      const lane = byTestId(dom, `partition-${view.topic}-${p.partition}`);
      expect(recordsIn(lane).map((r) => r.offset)).toEqual(offsetsUpTo(p.highWatermark));
      for (const g of view.groups) {
        const row = groupLag(place.frame.state, g).find((r) => r.partition === p.partition)!;
        expect(byTestId(dom, `lag-${g}-${p.partition}`).getAttribute('data-lag')).toBe(
          String(row.lag ?? '-'),
        );
        expect(lane.getAttribute('aria-label')).toContain(
          `group ${g}: committed ${row.committedOffset}, lag ${row.lag}`,
        );
      }
    }
  });

  it('marks a killed consumer crashed with a ✗ while the group still gives it its partitions', () => {
    const scene = scenePlace('grouped-consumers', 0).scene;
    const k = firstStepWith(scene, 'killConsumer');
    const killed = scene.steps[k]!.commands.find((c) => c.type === 'killConsumer')!;
    const id = killed.type === 'killConsumer' ? killed.consumer : '';
    const place = scenePlace('grouped-consumers', k);
    const box = byTestId(show(place), `consumer-${id}`);
    expect(box.getAttribute('data-alive')).toBe('false');
    expect(box.querySelector('.crash-mark')?.textContent).toBe('✗');
    expect(box.getAttribute('aria-label')).toContain('crashed');
    const held = ownedBy(place.frame.state, id);
    expect(held.length).toBeGreaterThan(0);
    expect(box.getAttribute('data-partitions')).toBe(held.join(','));
  });

  it('gives a crashed consumer’s partitions to the live ones after its session times out', () => {
    const scene = scenePlace('grouped-consumers', 0).scene;
    const k = firstStepWith(scene, 'killConsumer');
    const killed = scene.steps[k]!.commands.find((c) => c.type === 'killConsumer')!;
    const id = killed.type === 'killConsumer' ? killed.consumer : '';
    const before = scenePlace('grouped-consumers', k).frame.state;
    const orphaned = ownedBy(before, id);
    expect(orphaned.length).toBeGreaterThan(0);
    const after = scenePlace('grouped-consumers', k + 1);
    const dom = show(after);
    expect(byTestId(dom, `consumer-${id}`).getAttribute('data-partitions')).toBe('');
    for (const p of orphaned) {
      const heir = Object.values(after.frame.state.groups.consumers).find(
        (c) => c.status !== 'dead' && ownedBy(after.frame.state, c.id).includes(p),
      );
      expect(heir, `someone live owns P${p}`).toBeDefined();
      const box = byTestId(dom, `consumer-${heir!.id}`);
      expect(box.getAttribute('data-alive')).toBe('true');
      expect(box.getAttribute('data-partitions')!.split(',')).toContain(String(p));
    }
  });

  it('says a live consumer with no partition is idle', () => {
    const scene = scenePlace('grouped-consumers', 0).scene;
    const place = scenePlace('grouped-consumers', scene.steps.length - 1);
    const idle = Object.values(place.frame.state.groups.consumers).filter(
      (c) => c.status !== 'dead' && c.status !== 'closed' && c.owned.length === 0,
    );
    expect(idle.length).toBeGreaterThan(0);
    const dom = show(place);
    for (const c of idle) {
      const box = byTestId(dom, `consumer-${c.id}`);
      expect(box.getAttribute('aria-label')).toBe(`Consumer ${c.id} of group ${c.group}: idle: no partition`);
      expect(box.querySelector('.consumer-detail.idle')?.textContent).toBe('idle: no partition');
    }
  });
});

describe('the lag-over-time chart', () => {
  it('ends on each group’s total lag from the engine selector, and says so in its accessible name', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    const view = place.scene.view as View;
    expect(byTestId(dom, 'lag-chart').getAttribute('aria-label')).toBe('Consumer lag over time');
    for (const g of view.groups) {
      const total = groupLagTotals(place.frame.state, g).totalLag;
      const line = byTestId(dom, `lag-chart-${g}`);
      expect(line.getAttribute('data-lag')).toBe(String(total));
      expect(line.getAttribute('aria-label')).toMatch(
        new RegExp(`^lag of group ${g} over time, now ${total}\\b`),
      );
      expect(line.querySelector('.lag-legend')?.textContent).toBe(`${g} ${total}`);
      expect(line.querySelector('.lag-line')?.getAttribute('d')).toMatch(/^M/);
    }
    // The paused group falls behind while the other keeps up: the learner sees two different numbers.
    expect(byTestId(dom, 'lag-chart-audit').getAttribute('data-lag')).not.toBe(
      byTestId(dom, 'lag-chart-billing').getAttribute('data-lag'),
    );
  });

  it('colours each group’s line like the group’s consumers and marks', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    for (const g of (place.scene.view as View).groups) {
      const colour = byTestId(dom, `consumer-${g}-1`)
        .getAttribute('class')!
        .match(/group-\d/)![0];
      expect(byTestId(dom, `lag-chart-${g}`).getAttribute('class')).toBe(colour);
    }
  });

  it('shows, mid-step, the lag sampled at the playhead rather than the step’s final lag', () => {
    const place = scenePlace('consume-groups', 2);
    const { samples } = lagHistory(place.sceneIndex, place.step, NO_LIVE);
    const within = samples.filter((s) => s.atMs > place.frame.fromMs && s.atMs < place.frame.toMs);
    const peak = within.reduce((a, b) => ((b.lag.billing ?? 0) > (a.lag.billing ?? 0) ? b : a));
    const final = groupLagTotals(place.frame.state, 'billing').totalLag;
    expect(peak.lag.billing).not.toBe(final);
    const atPeak = samples.filter((s) => s.atMs <= peak.atMs).at(-1)!;
    const dom = show(place, peak.atMs);
    expect(byTestId(dom, 'lag-chart-billing').getAttribute('data-lag')).toBe(String(atPeak.lag.billing));
  });

  it('shows no number for a group that has committed nothing yet (the tool’s “-”)', () => {
    const place = scenePlace('consume-groups', 0);
    const first = lagHistory(place.sceneIndex, 0, NO_LIVE).samples[0]!;
    expect(first.lag.billing ?? null).toBeNull();
    const line = byTestId(show(place, place.frame.fromMs), 'lag-chart-billing');
    expect(line.getAttribute('data-lag')).toBe('-');
    expect(line.getAttribute('aria-label')).toContain('now unknown');
  });
});

// @vitest-environment jsdom
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupCapacityPerSec, groupFlow, groupLag } from '../../../engine';
import { NO_LIVE, stateAtStep } from '../../store/frames';
import { byTestId, type Place, render, scenePlace, viewPropsAt } from '../../testing/test-render';
import { ScalableView } from './ScalableView';

type View = Extract<Place['scene']['view'], { kind: 'scalable' }>;

const show = (place: Place) =>
  render(<ScalableView view={place.scene.view as View} {...viewPropsAt(place)} />);

const value = (dom: HTMLElement, id: string) =>
  Number(byTestId(dom, `readout-${id}`).getAttribute('data-value'));

describe('ScalableView', () => {
  // jsdom has no canvas; without this stub it logs "not implemented" for the records-in-flight layer,
  // which these tests do not look at (the view already draws nothing when there is no 2D context).
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });

  const last = scenePlace('scalable-architecture', 0).scene.steps.length - 1;
  // Twelve brokers and sixty consumers: the first run of the whole scene takes a while on a loaded machine.
  beforeAll(() => {
    scenePlace('scalable-architecture', last);
  }, 120_000);

  it('says how many partitions each broker leads, as the engine placed the leaders', () => {
    const place = scenePlace('scalable-architecture', last);
    const view = place.scene.view as View;
    const dom = show(place);
    for (const id of Object.keys(place.frame.state.brokers).map(Number)) {
      const led = place.frame.state.topics[view.topic]!.partitions.filter((p) => p.leader === id).length;
      expect(byTestId(dom, `broker-${id}`).getAttribute('aria-label')).toBe(
        `Broker ${id}, leader of ${led} partitions`,
      );
    }
  });

  it('draws consumers beyond the partition count as grey tiles counted by one "N idle" label', () => {
    const place = scenePlace('scalable-architecture', last);
    const view = place.scene.view as View;
    const owned = new Map<string, number>();
    for (const l of groupLag(place.frame.state, view.group))
      if (l.owner) owned.set(l.owner, (owned.get(l.owner) ?? 0) + 1);
    const consumers = Object.values(place.frame.state.groups.consumers).filter((c) => c.group === view.group);
    const idle = consumers.filter((c) => !owned.has(c.id));
    expect(idle.length).toBeGreaterThan(0);
    const dom = show(place);
    for (const c of consumers) {
      const n = owned.get(c.id) ?? 0;
      expect(byTestId(dom, `consumer-${c.id}`).getAttribute('aria-label')).toMatch(
        new RegExp(`^Consumer ${c.id}: ${n === 0 ? 'idle' : `${n} partitions`}`),
      );
    }
    expect(dom.querySelectorAll('.node.consumer.idle:not([data-testid="idle-label"] *)')).toHaveLength(
      idle.length,
    );
    // One label for all of them, not one per tile.
    expect(dom.querySelectorAll('[data-testid="idle-label"]')).toHaveLength(1);
    expect(byTestId(dom, 'idle-label').textContent).toBe(`${idle.length} idle`);
  });

  it('reads produced, consumed and lag off the engine over each step, holding the last figures on a step with no traffic', () => {
    const scene = scenePlace('scalable-architecture', 0).scene;
    const view = scene.view as View;
    for (let k = 1; k <= last; k++) {
      const place = scenePlace('scalable-architecture', k);
      const quiet = scene.steps[k]!.commands.length === 0;
      const at = quiet ? k - 1 : k;
      const flow = groupFlow(
        stateAtStep(place.sceneIndex, at - 1, NO_LIVE),
        stateAtStep(place.sceneIndex, at, NO_LIVE),
        view.group,
        view.topic,
      );
      const dom = show(place);
      expect([value(dom, 'produced'), value(dom, 'consumed'), value(dom, 'lag')]).toEqual(
        [flow.producedPerSec, flow.consumedPerSec, flow.lag].map(Math.round),
      );
    }
  });

  it('plots capacity that never falls as consumers join, and stops growing at the partition count', () => {
    const place = scenePlace('scalable-architecture', last);
    const dom = show(place);
    const points = [...dom.querySelectorAll('[data-testid="capacity-point"]')].map((p) => ({
      consumers: Number(p.getAttribute('data-consumers')),
      rate: Number(p.getAttribute('data-rate')),
    }));
    expect(points.map((p) => p.consumers)).toEqual([1, 4, 8, 24, 60]);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.rate).toBeGreaterThanOrEqual(points[i - 1]!.rate);
    // One consumer's capacity is the most a partition-owning consumer was measured to commit in any step.
    const perStep = Array.from({ length: last }, (_, i) =>
      groupFlow(
        stateAtStep(place.sceneIndex, i, NO_LIVE),
        stateAtStep(place.sceneIndex, i + 1, NO_LIVE),
        'analytics',
        'clicks',
      ),
    );
    const perConsumer = Math.round(Math.max(...perStep.map((f) => f.consumedPerOwnerPerSec)));
    expect(perConsumer).toBeGreaterThan(0);
    expect(points.at(-1)!.rate).toBe(groupCapacityPerSec(48, 48, perConsumer));
    expect(byTestId(dom, 'ceiling-callout').textContent).toBe('past 48 consumers:no more capacity');
  });

  it('outlines the consumers that joined this step and says how many', () => {
    const place = scenePlace('scalable-architecture', last);
    const joined = place.frame.events.filter((e) => e.type === 'consumerAdded').length;
    expect(joined).toBe(36);
    const dom = show(place);
    expect(dom.querySelectorAll('[data-new="true"]')).toHaveLength(joined);
    expect(byTestId(dom, 'consumers-added').textContent).toContain(`+${joined} new`);
  });
});

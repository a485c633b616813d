// @vitest-environment jsdom
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupLag } from '../../../engine';
import { byTestId, type Place, render, scenePlace, viewPropsAt } from '../../testing/test-render';
import { ScalableView } from './ScalableView';

type View = Extract<Place['scene']['view'], { kind: 'scalable' }>;

const show = (place: Place) =>
  render(<ScalableView view={place.scene.view as View} {...viewPropsAt(place)} />);

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

  it('shows consumers beyond the partition count as idle, and the others with their share', () => {
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
      const box = byTestId(dom, `consumer-${c.id}`);
      const n = owned.get(c.id) ?? 0;
      expect(box.getAttribute('aria-label')).toBe(
        `Consumer ${c.id}: ${n === 0 ? 'idle' : `${n} partitions`}`,
      );
    }
    expect(dom.querySelectorAll('.node.consumer.idle')).toHaveLength(idle.length);
  });

  it('plots one throughput point per step so far, beside the canvas for records on the wire', () => {
    const place = scenePlace('scalable-architecture', last);
    const dom = show(place);
    const dots = byTestId(dom, 'throughput').querySelectorAll('.throughput-dot');
    expect(dots.length).toBeGreaterThan(0);
    expect(dots.length).toBeLessThanOrEqual(last);
    expect(byTestId(dom, 'flights-canvas').getAttribute('aria-hidden')).toBe('true');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keptRecords, tpKey } from '../../../engine';
import { byTestId, type Place, recordsIn, render, scenePlace } from '../../testing/test-render';
import { QueueVsLogView } from './QueueVsLogView';

type View = Extract<Place['scene']['view'], { kind: 'queue-vs-log' }>;

const show = (place: Place) =>
  render(
    <QueueVsLogView view={place.scene.view as View} frame={place.frame} playheadMs={place.frame.toMs} />,
  );

/** The first step after which the queue has deleted something (its consumers acknowledged). */
function stepWithDeletes(): number {
  const steps = scenePlace('durable-log', 0).scene.steps;
  const k = steps.findIndex((_, i) => {
    const q = Object.values(scenePlace('durable-log', i).frame.state.queues.queues)[0];
    return (q?.deleted ?? 0) > 0;
  });
  if (k < 0) throw new Error('the queue never deletes anything');
  return k;
}

describe('QueueVsLogView', () => {
  it('deletes acknowledged messages from the queue while the log keeps every record at its offset', () => {
    const place = scenePlace('durable-log', stepWithDeletes());
    const view = place.scene.view as View;
    const state = place.frame.state;
    const queue = Object.values(state.queues.queues)[0]!;
    const dom = show(place);
    expect(byTestId(dom, 'queue-deleted').getAttribute('data-count')).toBe(String(queue.deleted));
    expect(
      [...dom.querySelectorAll('[data-testid="queue-message"]')].map((m) => m.getAttribute('data-value')),
    ).toEqual(queue.messages.map((m) => m.value));
    for (const p of state.topics[view.topic]!.partitions) {
      const lane = byTestId(dom, `partition-${view.topic}-${p.partition}`);
      const kept = keptRecords(p.logs[p.leader!]!);
      expect(recordsIn(lane).map((r) => [r.offset, r.value])).toEqual(kept.map((r) => [r.offset, r.value]));
      expect(recordsIn(lane).map((r) => r.name)).toEqual(kept.map((r) => `${r.value} at offset ${r.offset}`));
    }
  });

  it('moves each group’s position along the log on its own', () => {
    const steps = scenePlace('durable-log', 0).scene.steps;
    const place = scenePlace('durable-log', steps.length - 1);
    const view = place.scene.view as View;
    const dom = show(place);
    let checked = 0;
    for (const g of view.groups)
      for (const c of Object.values(place.frame.state.groups.consumers).filter((x) => x.group === g))
        for (const tp of c.owned) {
          const position = c.positions[tpKey(tp.topic, tp.partition)];
          if (position === undefined) continue;
          expect(byTestId(dom, `position-${g}-${tp.partition}`).getAttribute('data-offset')).toBe(
            String(position),
          );
          checked++;
        }
    expect(checked).toBeGreaterThan(0);
  });
});

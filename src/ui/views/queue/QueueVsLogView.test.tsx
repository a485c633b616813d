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

  it('writes each record’s offset on its card', () => {
    const place = scenePlace('durable-log', stepWithDeletes());
    const dom = show(place);
    const cards = [...dom.querySelectorAll('[data-testid="record"]')];
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards)
      expect(card.querySelector('[data-testid="record-offset"]')?.textContent).toBe(
        card.getAttribute('data-offset'),
      );
  });

  it('shows on the log side the new group replaying records another group had read', () => {
    const steps = scenePlace('durable-log', 0).scene.steps;
    const k = steps.findIndex((s) =>
      s.commands.some((c) => c.type === 'addConsumer' && c.group === 'analytics'),
    );
    expect(k).toBeGreaterThan(0);
    const place = scenePlace('durable-log', k);
    const dom = show(place);
    for (const p of [0, 1]) {
      const analytics = byTestId(dom, `position-analytics-${p}`);
      const read = place.frame.events
        .filter((e) => e.type === 'recordProcessed' && e.group === 'analytics' && e.partition === p)
        .map((e) => (e.type === 'recordProcessed' ? e.offset : -1));
      expect(read[0]).toBe(0);
      expect(analytics.getAttribute('data-read-now')).toBe(read.join(','));
      expect(analytics.textContent).toBe(`analytics: replayed 0–${read.at(-1)}`);
      // Billing read nothing this step: its bar says where it stands.
      expect(byTestId(dom, `position-billing-${p}`).textContent).toMatch(/^billing: read to \d+$/);
    }
  });
});

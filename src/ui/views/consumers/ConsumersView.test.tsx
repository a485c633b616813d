// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../../../engine';
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
  runEngine,
  scenePlace,
  stillFrame,
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
        expect(lane.getAttribute('aria-label')).toContain(`committed ${row.committedOffset}, lag ${row.lag}`);
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

const positionOf = (state: EngineState, group: string, partition: number) => {
  const owner = Object.values(state.groups.consumers).find(
    (c) => c.group === group && c.status !== 'dead' && c.owned.some((tp) => tp.partition === partition),
  );
  return owner?.positions[`orders/${partition}`] ?? null;
};

/** Four records m<from>..m<from+3>, round robin over orders' four partitions. */
const produceFour = (from: number) =>
  [0, 1, 2, 3].map((i) => ({
    type: 'produce' as const,
    producer: 'producer',
    topic: 'orders',
    value: `m${from + i}`,
  }));

/** A one-broker cluster, orders with four partitions, a round-robin producer, and four records on it. */
const ordersWithFourRecords = [
  { type: 'createCluster', brokers: 1 },
  { type: 'createTopic', topic: 'orders', partitions: 4 },
  { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ...produceFour(0),
] as const satisfies readonly Command[];

/** The consumers view of group reporting on orders, drawn from an engine state at its own time. */
function showReporting(state: EngineState) {
  const place = scenePlace('consume-single', 0);
  return render(
    <ConsumersView
      view={{ kind: 'consumers', topic: 'orders', producers: ['producer'], groups: ['reporting'] }}
      frame={stillFrame(state)}
      playheadMs={state.now}
      sceneIndex={place.sceneIndex}
      step={0}
    />,
  );
}

const recordsOf = (dom: HTMLElement, partition: number) =>
  [...dom.querySelectorAll(`[data-testid="record"][data-partition="${partition}"]`)].map((r) => ({
    offset: Number(r.getAttribute('data-offset')),
    read: r.parentElement!.getAttribute('data-read') === 'true',
  }));

describe('what each group has read, committed and received', () => {
  it('fades the records every group has read, up to the lowest position, and keeps the rest bright', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    let faded = 0;
    let bright = 0;
    for (const p of [0, 1, 2, 3]) {
      const lowest = Math.min(
        positionOf(place.frame.state, 'billing', p)!,
        positionOf(place.frame.state, 'audit', p)!,
      );
      for (const r of recordsOf(dom, p)) {
        expect(r.read, `P${p} offset ${r.offset}`).toBe(r.offset < lowest);
        if (r.read) faded++;
        else bright++;
      }
    }
    // Paused audit leaves records billing has read bright: they are unread by audit.
    expect(faded).toBeGreaterThan(0);
    expect(bright).toBeGreaterThan(0);
  });

  it('names the figures for what they are: read to the position, committed the group’s offset', () => {
    // One commit 5 s after the join, then four more records, read but not yet committed.
    const state = runEngine(7, [
      ...ordersWithFourRecords,
      {
        type: 'addConsumer',
        consumer: 'reporting-1',
        group: 'reporting',
        topics: ['orders'],
        autoOffsetReset: 'earliest',
      },
      { type: 'advance', ms: 9_000 },
      ...produceFour(4),
      { type: 'advance', ms: 1_000 },
    ]);
    const lag = groupLag(state, 'reporting').find((r) => r.partition === 2)!;
    const position = positionOf(state, 'reporting', 2);
    // The state this test needs: committed, and read further since.
    expect(lag.committedOffset).not.toBeNull();
    expect(position).toBeGreaterThan(lag.committedOffset!);
    const dom = showReporting(state);
    const texts = [...byTestId(dom, 'partition-orders-2').querySelectorAll('.figure')].map(
      (t) => t.textContent,
    );
    expect(texts).toEqual([`read to ${position}`, `committed ${lag.committedOffset}`]);
    // Read further than committed: the stretch in between is drawn as not committed yet.
    expect(byTestId(dom, 'uncommitted-reporting-2')).toBeTruthy();
  });

  it('draws “no commit yet” and no ○ while a group has no committed offset', () => {
    const state = runEngine(7, [
      ...ordersWithFourRecords,
      {
        type: 'addConsumer',
        consumer: 'reporting-1',
        group: 'reporting',
        topics: ['orders'],
        autoOffsetReset: 'earliest',
        autoCommitIntervalMs: 60_000,
      },
      { type: 'advance', ms: 4_000 },
    ]);
    expect(groupLag(state, 'reporting').every((r) => r.committedOffset === null)).toBe(true);
    const dom = showReporting(state);
    for (const p of [0, 1, 2, 3]) {
      const lane = byTestId(dom, `partition-orders-${p}`);
      expect(lane.querySelector('.figure.uncommitted')?.textContent).toBe('no commit yet');
      expect(lane.getAttribute('aria-label')).toContain('no committed offset');
      expect(dom.querySelector(`[data-testid="committed-reporting-${p}"]`)).toBeNull();
      expect(byTestId(dom, `lag-reporting-${p}`).getAttribute('data-lag')).toBe('-');
    }
  });

  it('gives each group its own band: the first group’s ▼ above the records, the second’s ▲ below', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    for (const p of [0, 1, 2, 3]) {
      const card = dom.querySelector(`[data-testid="record"][data-partition="${p}"] rect`)!;
      const top = Number(card.getAttribute('y'));
      const bottom = top + Number(card.getAttribute('height'));
      const yOf = (g: string) =>
        Number(/,([\d.]+)\)/.exec(byTestId(dom, `position-${g}-${p}`).getAttribute('transform')!)![1]);
      expect(yOf('billing')).toBeLessThan(top);
      expect(yOf('audit')).toBeGreaterThan(bottom);
    }
  });

  it('draws a paused consumer greyed, with a pause sign and dashed links', () => {
    const place = scenePlace('consume-groups', 2);
    const dom = show(place);
    expect(place.frame.state.groups.consumers['audit-1']!.paused).toBe(true);
    const box = byTestId(dom, 'consumer-audit-1');
    expect(box.getAttribute('class')).toContain('paused');
    expect(byTestId(dom, 'paused-audit-1')).toBeTruthy();
    const links = dom.querySelectorAll('[data-testid^="link-audit-1-"]');
    expect(links.length).toBe(4);
    for (const l of links) expect(l.getAttribute('class')).toContain('paused');
    expect(byTestId(dom, 'consumer-billing-1').getAttribute('class')).not.toContain('paused');
  });

  it('shows on each consumer what it received this step, as the engine processed it', () => {
    const place = scenePlace('grouped-consumers', 1);
    const dom = show(place);
    for (const id of ['consumer-a', 'consumer-b', 'consumer-c']) {
      const got = place.frame.events
        .filter((e) => e.type === 'recordProcessed' && e.consumer === id)
        .map((e) => (e.type === 'recordProcessed' ? `m${e.recordId}` : ''));
      expect(got.length).toBeGreaterThan(0);
      const received = byTestId(dom, `consumer-${id}`).getAttribute('data-received')!.split(',');
      expect(received).toHaveLength(got.length);
      expect(byTestId(dom, `ticker-${id}`).textContent).toContain(received.at(-1));
    }
  });

  it('writes in the accent what the step changed: who joined, and whose partitions moved', () => {
    const scene = scenePlace('grouped-consumers', 0).scene;
    const k = scene.steps.findIndex(
      (s, i) => i > 0 && s.commands.filter((c) => c.type === 'addConsumer').length >= 2,
    );
    const before = scenePlace('grouped-consumers', k - 1).frame.state;
    const place = scenePlace('grouped-consumers', k);
    const dom = show(place);
    for (const c of Object.values(place.frame.state.groups.consumers)) {
      const was = before.groups.consumers[c.id];
      const moved =
        !was ||
        (c.status !== 'dead' && ownedBy(before, c.id).join() !== ownedBy(place.frame.state, c.id).join());
      expect(byTestId(dom, `consumer-${c.id}`).getAttribute('data-changed'), c.id).toBe(String(moved));
    }
    expect(dom.querySelectorAll('[data-changed="true"]').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every consumer’s box where it was from the first step to the last', () => {
    const first = show(scenePlace('grouped-consumers', 0));
    const at = (dom: HTMLElement, id: string) =>
      byTestId(dom, `consumer-${id}`).querySelector('rect')!.outerHTML;
    const boxes = ['consumer-a', 'consumer-b', 'consumer-c'].map((id) => at(first, id));
    const last = show(
      scenePlace('grouped-consumers', scenePlace('grouped-consumers', 0).scene.steps.length - 1),
    );
    expect(['consumer-a', 'consumer-b', 'consumer-c'].map((id) => at(last, id))).toEqual(boxes);
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

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keptRecords, replicationHistory } from '../../../engine';
import type { LiveAction } from '../../../scenarios/run';
import { deckStore } from '../../store/deck-store';
import { frameAt } from '../../store/frames';
import { runEventsUpTo } from '../../store/run-events';
import {
  byTestId,
  firstStepWith,
  type Place,
  render,
  scenePlace,
  viewPropsAt,
} from '../../testing/test-render';
import { BrokersView } from './BrokersView';
import { COPIES_COLOUR, copiesClass } from './copies';

type View = Extract<Place['scene']['view'], { kind: 'brokers' }>;

const show = (place: Place) =>
  render(<BrokersView view={place.scene.view as View} {...viewPropsAt(place)} />);

describe('BrokersView', () => {
  const scene = scenePlace('replication', 0).scene;
  const kill = firstStepWith(scene, 'killBroker');
  const killed = scene.steps[kill]!.commands.find((c) => c.type === 'killBroker')!;
  const broker = killed.type === 'killBroker' ? killed.broker : -1;
  const topic = (scene.view as View).topic;

  /** The engine's account of the run up to the end of a step: what was acknowledged, what is lost. */
  const historyAt = (step: number) =>
    replicationHistory(runEventsUpTo(scenePlace('replication', step).sceneIndex, step, []), topic);
  const lostStep = scene.steps.findIndex((_, k) =>
    Object.values(historyAt(k).acknowledged).some((l) => l.some((r) => r.lost)),
  );
  const lostRecord = () =>
    Object.values(historyAt(lostStep).acknowledged)
      .flat()
      .find((r) => r.lost)!;

  it('draws a red ghost slot at the offset of the acknowledged record the engine lost, and keeps it', () => {
    expect(lostStep).toBeGreaterThan(0);
    const lost = lostRecord();
    expect(
      show(scenePlace('replication', lostStep - 1)).querySelectorAll('[data-testid="ghost-slot"]'),
    ).toHaveLength(0);
    for (const k of [lostStep, scene.steps.length - 1]) {
      const ghosts = show(scenePlace('replication', k)).querySelectorAll('[data-testid="ghost-slot"]');
      expect(ghosts).toHaveLength(1);
      expect(ghosts[0]!.getAttribute('data-value')).toBe(lost.value);
      expect(ghosts[0]!.getAttribute('data-offset')).toBe(String(lost.offset));
      expect(ghosts[0]!.getAttribute('aria-label')).toBe(
        `${lost.value}, acknowledged to ${lost.producer} at offset ${lost.offset}, lost`,
      );
    }
  });

  it('lists on each producer card what it was told ✓ for, and which of those is lost', () => {
    const place = scenePlace('replication', lostStep);
    const dom = show(place);
    const history = historyAt(lostStep);
    for (const [producer, acked] of Object.entries(history.acknowledged)) {
      const card = byTestId(dom, `producer-${producer}`);
      expect(card.querySelector('.producer-acked')?.textContent).toBe(`✓ ${acked.length} acknowledged`);
      const chips = [...card.querySelectorAll('[data-testid="acked-record"]')];
      expect(
        chips.map(
          (c) => `${c.getAttribute('data-value')}${c.getAttribute('data-lost') === 'true' ? ' lost' : ''}`,
        ),
      ).toEqual(acked.slice(-4).map((r) => `${r.value}${r.lost ? ' lost' : ''}`));
    }
    const lost = lostRecord();
    expect(byTestId(dom, `producer-${lost.producer}`).querySelector('.producer-lost')?.textContent).toBe(
      `${lost.value} ✓ → LOST`,
    );
  });

  it('colours each record by how many replicas hold it in the engine’s state, not by its key', () => {
    const place = scenePlace('replication', firstStepWith(scene, 'killBroker') - 1);
    const p = place.frame.state.topics[topic]!.partitions[0]!;
    const rf = place.frame.state.topics[topic]!.config.replicationFactor;
    const holders = (id: string) =>
      p.replicas.filter((b) => keptRecords(p.logs[b]!).some((r) => r.id === id)).length;
    const dom = show(place);
    const drawn = [...dom.querySelectorAll('[data-testid="record"], [data-testid="replica-record"]')];
    const leaderLog = keptRecords(p.logs[p.leader!]!);
    expect(drawn.length).toBeGreaterThan(leaderLog.length);
    const counts = new Set<number>();
    for (const el of drawn) {
      const record = leaderLog.find((r) => r.value === el.getAttribute('data-value'))!;
      const n = holders(record.id);
      counts.add(n);
      expect(el.getAttribute('data-copies'), record.value).toBe(String(n));
      expect(el.querySelector('rect')?.getAttribute('fill')).toBe(COPIES_COLOUR[copiesClass(n, rf)]);
    }
    // The step shows a record on every replica and one on the leader alone: two colours, not one per key.
    expect([...counts].sort()).toEqual([1, 3]);
    const legend = byTestId(dom, 'copies-legend');
    expect(legend.getAttribute('aria-label')).toBe('Record colours: how many copies exist, 3, 2, 1');
  });

  it('draws a partition with no leader offline on every broker, and says so', () => {
    const last = scene.steps.length - 1;
    const place = scenePlace('replication', last);
    expect(place.frame.state.topics[topic]!.partitions[0]!.leader).toBeNull();
    const dom = show(place);
    expect(byTestId(dom, 'partition-status').textContent).toBe('P0 offline: no in-sync replica');
    for (const b of [0, 1, 2]) {
      const lane = byTestId(dom, `replica-${topic}-0-${b}`);
      expect(lane.getAttribute('data-offline')).toBe('true');
      expect(lane.getAttribute('class')).toContain('offline');
      expect(lane.getAttribute('aria-label')).toMatch(/: offline, no leader,/);
    }
    // The refusal heard two steps ago is still on the producer's card.
    expect(byTestId(dom, 'producer-safe-app').textContent).toContain('✗ NOT_ENOUGH_REPLICAS');
  });

  it('greys a broker after a controlled shutdown too, and says “shut down” rather than “crashed”', () => {
    const live: LiveAction[] = [
      {
        step: 0,
        label: 'shut down C, crash B',
        commands: [
          { type: 'shutdownBroker', broker: 2 },
          { type: 'killBroker', broker: 1 },
          { type: 'advance', ms: 100 },
        ],
      },
    ];
    const base = scenePlace('replication', 0);
    deckStore.setState({ live: { [scene.id]: live } });
    const frame = frameAt(base.sceneIndex, 0, live);
    const dom = render(
      <BrokersView
        view={scene.view as View}
        frame={frame}
        playheadMs={frame.toMs}
        sceneIndex={base.sceneIndex}
        step={0}
      />,
    );
    const shut = byTestId(dom, 'broker-2');
    expect(shut.getAttribute('data-alive')).toBe('false');
    expect(shut.getAttribute('data-down')).toBe('shut down');
    expect(shut.querySelector('.crashed')?.textContent).toBe('⏻ shut down');
    expect(shut.getAttribute('aria-label')).toContain('id 2, shut down');
    const crashed = byTestId(dom, 'broker-1');
    expect(crashed.getAttribute('data-down')).toBe('crashed');
    expect(crashed.querySelector('.crashed')?.textContent).toBe('✗ crashed');
  });

  it('greys a crashed broker and says it is crashed', () => {
    const place = scenePlace('replication', kill);
    const box = byTestId(show(place), `broker-${broker}`);
    expect(box.getAttribute('data-alive')).toBe('false');
    expect(box.getAttribute('class')).toBe('broker dead');
    expect(box.querySelector('.crashed')?.textContent).toBe('✗ crashed');
    expect(box.getAttribute('aria-label')).toContain(`id ${broker}, crashed`);
  });

  it('puts a “New leader” badge on the replica the controller elected in that step', () => {
    const place = scenePlace('replication', kill);
    const leader = place.frame.state.topics[topic]!.partitions[0]!.leader!;
    expect(leader).not.toBe(broker);
    const dom = show(place);
    expect(byTestId(dom, `broker-${leader}`).querySelector('.badge-text.new')?.textContent).toMatch(
      /^★ New leader/,
    );
    expect(dom.querySelectorAll('.badge-text.new')).toHaveLength(1);
    const replica = byTestId(dom, `replica-${topic}-0-${leader}`);
    expect(replica.getAttribute('aria-label')).toMatch(
      /: leader, in ISR, log end offset \d+, high watermark \d+$/,
    );
  });

  it('shows the same leader as a plain “Leader” once the election is a step old', () => {
    const place = scenePlace('replication', kill + 1);
    const leader = place.frame.state.topics[topic]!.partitions[0]!.leader!;
    const dom = show(place);
    expect(dom.querySelectorAll('.badge-text.new')).toHaveLength(0);
    expect(byTestId(dom, `broker-${leader}`).querySelector('.badge-text')?.textContent).toMatch(/^★ Leader/);
  });

  describe('the metrics panel beside the picture', () => {
    const metric = (dom: HTMLElement, id: string) => byTestId(dom, `metric-${id}`).textContent;
    const row = (dom: HTMLElement, id: string) => dom.querySelector(`tr[data-metric="${id}"]`)!;

    it('is on by default in the replication scene, beside the picture, which narrows', () => {
      const dom = show(scenePlace('replication', 0));
      expect(byTestId(dom, 'metrics-panel')).toBeTruthy();
      expect(dom.querySelector('svg.brokers-view')!.getAttribute('viewBox')).toBe('0 0 860 500');
      expect(metric(dom, 'UnderReplicatedPartitions')).toBe('0');
      expect(metric(dom, 'ActiveControllerCount')).toBe('1');
      // Every row carries its one-line tooltip.
      for (const th of dom.querySelectorAll('.metrics-panel th[scope="row"]'))
        expect(th.getAttribute('title')?.length).toBeGreaterThan(20);
    });

    it('killing the leader: UnderReplicatedPartitions rises by the one partition it replicated, in red', () => {
      const place = scenePlace('replication', kill);
      const dom = show(place);
      expect(metric(dom, 'UnderReplicatedPartitions')).toBe('1');
      const delta = row(dom, 'UnderReplicatedPartitions').querySelector('.metric-delta')!;
      expect(delta.textContent).toBe('▲+1');
      expect(delta.classList.contains('bad')).toBe(true);
      // One election in the 100 ms window: 10 per second.
      expect(metric(dom, 'LeaderElectionRateAndTimeMs')).toBe('10/s');
      expect(row(dom, 'LeaderCount').getAttribute('aria-label')).toBe(
        'LeaderCount: broker A —, broker B 1, broker C 0',
      );
    });

    it('down to one copy: UnderMinIsrPartitionCount and FailedProduceRequestsPerSec rise', () => {
      const scene = scenePlace('replication', 0).scene;
      const last = scene.steps.findIndex((s) => s.title === 'Down to one copy');
      const dom = show(scenePlace('replication', last));
      expect(metric(dom, 'UnderMinIsrPartitionCount')).toBe('1');
      expect(row(dom, 'UnderMinIsrPartitionCount').querySelector('.metric-delta.bad')?.textContent).toBe(
        '▲+1',
      );
      expect(metric(dom, 'FailedProduceRequestsPerSec')).toBe('10/s');
    });

    it('the M key’s toggle hides it and gives the picture its full width back', async () => {
      const { toggleMetrics } = await import('../../store/deck-store');
      const place = scenePlace('replication', 0);
      toggleMetrics();
      const dom = show(place);
      expect(dom.querySelector('[data-testid="metrics-panel"]')).toBeNull();
      expect(dom.querySelector('svg.brokers-view')!.getAttribute('viewBox')).toBe('0 0 1200 500');
    });
  });
});

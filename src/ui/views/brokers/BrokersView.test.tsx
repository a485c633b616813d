// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  byTestId,
  firstStepWith,
  type Place,
  render,
  scenePlace,
  viewPropsAt,
} from '../../testing/test-render';
import { BrokersView } from './BrokersView';

type View = Extract<Place['scene']['view'], { kind: 'brokers' }>;

const show = (place: Place) =>
  render(<BrokersView view={place.scene.view as View} {...viewPropsAt(place)} />);

describe('BrokersView', () => {
  const scene = scenePlace('replication', 0).scene;
  const kill = firstStepWith(scene, 'killBroker');
  const killed = scene.steps[kill]!.commands.find((c) => c.type === 'killBroker')!;
  const broker = killed.type === 'killBroker' ? killed.broker : -1;
  const topic = (scene.view as View).topic;

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

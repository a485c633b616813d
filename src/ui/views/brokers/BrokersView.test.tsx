// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { byTestId, firstStepWith, type Place, render, scenePlace } from '../../testing/test-render';
import { BrokersView } from './BrokersView';

type View = Extract<Place['scene']['view'], { kind: 'brokers' }>;

const show = (place: Place) =>
  render(<BrokersView view={place.scene.view as View} frame={place.frame} playheadMs={place.frame.toMs} />);

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
});

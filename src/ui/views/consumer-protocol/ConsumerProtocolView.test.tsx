// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { byTestId, type Place, render, scenePlace, viewPropsAt } from '../../testing/test-render';
import { ConsumerProtocolView } from './ConsumerProtocolView';

type View = Extract<Place['scene']['view'], { kind: 'consumer-protocol' }>;

const show = (place: Place) =>
  render(<ConsumerProtocolView view={place.scene.view as View} {...viewPropsAt(place)} />);
const SESSIONS_EXPIRE = 4;
const N4_WAITS = 5;

describe('ConsumerProtocolView', () => {
  it('after the crash, the classic survivors’ partitions show a gap while the consumer group’s never stop', () => {
    const dom = show(scenePlace('consumer-protocol', SESSIONS_EXPIRE));
    // c1 held P0 before and after the barrier, with a gap between: two spans. n1 held P0 throughout: one.
    expect(byTestId(dom, 'classic-timeline-P0').getAttribute('data-spans')).toBe('c1,c1');
    expect(byTestId(dom, 'modern-timeline-P0').getAttribute('data-spans')).toBe('n1');
    expect(byTestId(dom, 'modern-timeline-P3').getAttribute('data-reader')).toBe('n1');
    // The barrier is drawn over the classic timeline only: the consumer protocol has none.
    expect(
      byTestId(dom, 'classic-timeline').querySelectorAll('[data-testid="rebalance-barrier"]'),
    ).toHaveLength(1);
    expect(
      byTestId(dom, 'modern-timeline').querySelectorAll('[data-testid="rebalance-barrier"]'),
    ).toHaveLength(0);
  });

  it('marks the crash on both timelines in the step it happens', () => {
    const dom = show(scenePlace('consumer-protocol', SESSIONS_EXPIRE - 1));
    expect(byTestId(dom, 'crash-c2')).toBeTruthy();
    expect(byTestId(dom, 'crash-n2')).toBeTruthy();
  });

  it('shows the coordinator’s epochs and the waiting member’s state, target and empty reads', () => {
    const place = scenePlace('consumer-protocol', N4_WAITS);
    const dom = show(place);
    const group = place.frame.state.modernGroups.groups.consumer!;
    const panel = byTestId(dom, 'modern-panel');
    expect(panel.getAttribute('data-group-epoch')).toBe(String(group.groupEpoch));
    expect(panel.getAttribute('data-state')).toBe('RECONCILING');
    const n4 = byTestId(dom, 'modern-member-n4').textContent ?? '';
    expect(n4).toContain('UNRELEASED_PARTITIONS');
    expect(n4).toContain('P3 P5');
    expect(n4).toContain('no partition yet');
  });
});

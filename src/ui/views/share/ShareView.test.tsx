// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { heldByMember, shareGroup, sharePartitionOf } from '../../../engine';
import { byTestId, type Place, render, scenePlace } from '../../testing/test-render';
import { ShareView } from './ShareView';

type View = Extract<Place['scene']['view'], { kind: 'share' }>;

const show = (place: Place) =>
  render(<ShareView view={place.scene.view as View} frame={place.frame} playheadMs={place.frame.toMs} />);

const steps = scenePlace('share-groups', 0).scene.steps;
const stepTitled = (title: string) => steps.findIndex((s) => s.title === title);

describe('ShareView', () => {
  it("draws each in-flight record with the engine's state, delivery count and holder, and the window's ends", () => {
    for (const title of ['All three read P0', 'Released, then redelivered', 'A poison record']) {
      const place = scenePlace('share-groups', stepTitled(title));
      const sp = sharePartitionOf(place.frame.state, 'workers', 'jobs', 0)!;
      const dom = show(place);
      for (const r of sp.inFlight) {
        const card = dom.querySelector(`[data-testid="share-record"][data-offset="${r.offset}"]`)!;
        expect(card.getAttribute('data-state')).toBe(r.state);
        expect(card.getAttribute('data-delivery')).toBe(String(r.deliveryCount));
        expect(card.getAttribute('data-holder')).toBe(r.memberId ?? '');
        expect(card.textContent).toContain(`×${r.deliveryCount}`);
      }
      const window = byTestId(dom, 'share-window');
      expect(window.getAttribute('data-start')).toBe(String(sp.startOffset));
      expect(window.getAttribute('data-end')).toBe(String(sp.startOffset + sp.inFlight.length - 1));
    }
  });

  it("lists what each member holds, as the engine's share-partition says", () => {
    const place = scenePlace('share-groups', stepTitled('All three read P0'));
    const state = place.frame.state;
    const held = heldByMember(shareGroup(state, 'workers')!, sharePartitionOf(state, 'workers', 'jobs', 0));
    const dom = show(place);
    for (const [member, offsets] of Object.entries(held))
      expect(byTestId(dom, `share-member-${member}`).getAttribute('data-held')).toBe(offsets.join(','));
  });

  it('shows records before the start offset as done, and the consumer group with one owner', () => {
    const dom = show(scenePlace('share-groups', steps.length - 1));
    expect(
      dom.querySelector('[data-testid="share-record"][data-offset="0"]')!.getAttribute('data-state'),
    ).toBe('done');
    expect(byTestId(dom, 'classic-member-reader-1').getAttribute('data-owns')).toBe('P0');
    expect(byTestId(dom, 'classic-member-reader-2').getAttribute('data-owns')).toBe('');
  });
});

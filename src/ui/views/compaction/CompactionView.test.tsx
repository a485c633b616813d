// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { compactionPicture } from '../../../engine';
import { type Place, render, scenePlace } from '../../testing/test-render';
import { CompactionView } from './CompactionView';

type View = Extract<Place['scene']['view'], { kind: 'compaction' }>;

const show = (place: Place, playheadMs = place.frame.toMs) =>
  render(
    <CompactionView
      view={place.scene.view as View}
      frame={place.frame}
      playheadMs={playheadMs}
      step={place.step}
    />,
  );
const offsetsOf = (dom: HTMLElement, testId: string) =>
  [...dom.querySelectorAll(`[data-testid="${testId}"]`)].map((e) => Number(e.getAttribute('data-offset')));

/** The step of the scene whose frame holds the first cleaning. */
function firstCleaningStep(): { place: Place; atMs: number; removed: number[] } {
  for (let i = 0; ; i++) {
    const place = scenePlace('log-compaction', i);
    const e = place.frame.events.find((x) => x.type === 'logCleaned');
    if (e?.type === 'logCleaned') return { place, atMs: e.atMs, removed: e.removedOffsets };
  }
}

describe('CompactionView', () => {
  it('draws every offset the leader holds as a record and every offset the cleaner removed as a gap', () => {
    const { place } = firstCleaningStep();
    const pic = compactionPicture(place.frame.state, (place.scene.view as View).topic, 0)!;
    const dom = show(place);
    expect(offsetsOf(dom, 'record')).toEqual(pic.offsets.filter((o) => o.record).map((o) => o.offset));
    expect(offsetsOf(dom, 'gap')).toEqual(pic.offsets.filter((o) => !o.record).map((o) => o.offset));
    expect(dom.querySelector('[data-testid="cleaner-point"]')!.getAttribute('data-offset')).toBe(
      String(pic.firstDirtyOffset),
    );
  });

  it('before the pass the records are whole; during the sweep the superseded ones are crossed out, not yet gone', () => {
    const { place, atMs, removed } = firstCleaningStep();
    const before = show(place, place.frame.fromMs);
    expect(offsetsOf(before, 'gap')).toEqual([]);
    expect(before.querySelector('[data-doomed]')).toBeNull();
    const during = show(place, atMs - 1);
    expect(offsetsOf(during, 'gap')).toEqual([]);
    const doomed = [...during.querySelectorAll('[data-doomed="true"]')].map((e) =>
      Number(e.getAttribute('data-offset')),
    );
    expect(doomed.length).toBeGreaterThan(0);
    expect(removed).toEqual(expect.arrayContaining(doomed));
    // Until the pass, the cleaner point is where it was.
    expect(during.querySelector('[data-testid="cleaner-point"]')!.getAttribute('data-offset')).toBe('0');
  });
});

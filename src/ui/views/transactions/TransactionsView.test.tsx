// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { partitionLastStableOffset } from '../../../engine';
import { byTestId, type Place, render, scenePlace } from '../../testing/test-render';
import { TransactionsView } from './TransactionsView';
import { legendXs, markX, slotX } from './transactions-layout';

type View = Extract<Place['scene']['view'], { kind: 'transactions' }>;

const show = (place: Place) =>
  render(
    <TransactionsView view={place.scene.view as View} frame={place.frame} playheadMs={place.frame.toMs} />,
  );

const stepTitled = (title: string) => {
  const k = scenePlace('exactly-once', 0).scene.steps.findIndex((s) => s.title === title);
  if (k < 0) throw new Error(`no step ${title}`);
  return scenePlace('exactly-once', k);
};

describe('TransactionsView', () => {
  it('draws each partition with the LSO and HW the engine computes, and records by their transaction', () => {
    const place = stepTitled('Only up to the LSO');
    const dom = show(place);
    for (const p of place.frame.state.topics.payments!.partitions) {
      const lane = byTestId(dom, `txn-lane-${p.partition}`);
      expect(lane.getAttribute('data-lso')).toBe(String(partitionLastStableOffset(p)));
      expect(lane.getAttribute('data-hw')).toBe(String(p.highWatermark));
    }
    const open = [...dom.querySelectorAll('[data-status="open"]')].map((r) => r.getAttribute('data-value'));
    expect(open.sort()).toEqual(['o1-mail', 'o1-pay']);
  });

  it('shows markers as records with offsets, and what each consumer was handed', () => {
    const dom = show(stepTitled('read_committed never sees them'));
    const markers = [...dom.querySelectorAll('[data-status="marker"]')].map((r) => [
      r.getAttribute('data-value'),
      r.getAttribute('data-offset'),
    ]);
    expect(markers).toEqual([
      ['COMMIT', '3'],
      ['ABORT', '5'],
      ['COMMIT', '1'],
      ['ABORT', '3'],
    ]);
    expect(byTestId(dom, 'txn-consumer-auditor-rc').getAttribute('data-read')).toBe('A,B,o1-pay,o1-mail');
    expect(byTestId(dom, 'txn-consumer-auditor-ru').getAttribute('data-read')).toBe(
      'A,B,o1-pay,o2-pay,o1-mail,o2-mail',
    );
  });

  it('lays marks just before their slot and the legend left to right without overlap', () => {
    expect(markX(2)).toBeLessThan(slotX(2));
    expect(markX(3)).toBeGreaterThan(slotX(2));
    const xs = legendXs(['no transaction', 'open'], 0);
    expect(xs[1]! - xs[0]!).toBeGreaterThan('no transaction'.length * 9);
  });
});

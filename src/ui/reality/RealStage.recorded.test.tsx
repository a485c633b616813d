// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mapSnapshot } from '../../reality/snapshot-mapping';
import {
  brokerKilled,
  brokersUp,
  type RecordedPoll,
  recordedContext,
} from '../../reality/testing/recorded-polls';
import { render } from '../testing/test-render';
import { RealStage } from './RealStage';

// Polls the bridge recorded from a real three-broker cluster (src/reality/fixtures/), mapped as the bridge
// maps them, drawn as the page draws them: fx-orders holds 8 keyed records, RF 3.
const snapshotOf = (f: RecordedPoll) => mapSnapshot(f.poll, recordedContext(f, { seq: 1 }), []);

describe('RealStage drawn from polls recorded on a real cluster', () => {
  it('draws every record of fx-orders on the partition and offset Kafka gave it', () => {
    const snapshot = snapshotOf(brokersUp);
    const root = render(<RealStage snapshot={snapshot} view="topics" topic="fx-orders" />);
    const drawn = [...root.querySelectorAll('[data-testid="record"]')].map(
      (r) =>
        `${r.getAttribute('data-partition')}/${r.getAttribute('data-offset')}/${r.getAttribute('data-key')}`,
    );
    const recorded = snapshot.topics
      .find((t) => t.name === 'fx-orders')!
      .partitions.flatMap((p) => p.newest.map((r) => `${r.partition}/${r.offset}/${r.key}`));
    expect(recorded).toHaveLength(8);
    expect(drawn.sort()).toEqual(recorded.sort());
  });

  it('shows the killed broker fenced and out of the ISR of every fx-orders partition', () => {
    const snapshot = snapshotOf(brokerKilled);
    const root = render(<RealStage snapshot={snapshot} view="brokers" topic="fx-orders" />);
    expect(root.querySelector('[data-testid="real-broker-2"]')!.getAttribute('data-state')).toBe('fenced');
    for (const p of [0, 1, 2]) {
      expect(
        root.querySelector(`[data-testid="real-replica-fx-orders-${p}-2"]`)!.getAttribute('data-in-isr'),
      ).toBe('false');
      const leaders = root.querySelectorAll(
        `[data-testid^="real-replica-fx-orders-${p}-"][data-leader="true"]`,
      );
      expect([...leaders].map((l) => l.getAttribute('data-testid'))).not.toContain(
        `real-replica-fx-orders-${p}-2`,
      );
      expect(leaders).toHaveLength(1);
    }
  });

  it("shows each recorded group's state as the coordinator reported it", () => {
    const snapshot = snapshotOf(brokersUp);
    const root = render(<RealStage snapshot={snapshot} view="consumers" topic="fx-orders" />);
    for (const g of snapshot.groups.filter((x) => x.groupId.startsWith('fx-'))) {
      const card = root.querySelector(`[data-testid="real-group-${g.groupId}"]`);
      if (card) expect(card.getAttribute('data-state')).toBe(g.state);
    }
    expect(root.querySelectorAll('[data-testid^="real-group-fx-"]').length).toBeGreaterThan(0);
  });
});

/** The rebalance picture's selectors, against runs of the engine: who reads what, when, and the rounds. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { clusterWithTopic, consumer, produce } from '../testing/groups';
import { runCommands } from '../testing/test-support';
import {
  groupProtocol,
  partitionReadingSpans,
  processedWhileRebalancing,
  rebalanceRounds,
} from './rebalance-picture';

/** Two members, then a third joins while records keep coming: eager or cooperative. */
function scaleOut(assignor: 'range' | 'cooperative-sticky') {
  const traffic = (from: number): Command[] =>
    Array.from(
      { length: 16 },
      (_, i) => [...produce(4, 'orders', from + 4 * i), { type: 'advance', ms: 200 }] as Command[],
    ).flat();
  const opts = { assignor, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000, pollIntervalMs: 250 };
  return runCommands(7, [
    ...clusterWithTopic(),
    consumer('a', 'g', opts),
    consumer('b', 'g', opts),
    { type: 'advance', ms: 8000 },
    consumer('c', 'g', opts),
    ...traffic(0),
  ]);
}

describe('the rebalance picture', () => {
  const eager = scaleOut('range');
  const coop = scaleOut('cooperative-sticky');

  it('names the protocol the members speak', () => {
    expect(groupProtocol(eager.state, 'g')).toBe('eager');
    expect(groupProtocol(coop.state, 'g')).toBe('cooperative');
  });

  it('counts one round for eager and two for cooperative when a member joins a stable group', () => {
    const roundsAfter = (r: typeof eager) =>
      rebalanceRounds(r.events, 'g', r.state.now).filter((x) => x.startMs > 8000);
    expect(roundsAfter(eager)).toHaveLength(1);
    expect(roundsAfter(coop)).toHaveLength(2);
    expect(roundsAfter(coop).map((x) => x.generationId)).toEqual([2, 3]);
  });

  it('shows every eager partition unread during the rebalance, but cooperative ones that stay put read throughout', () => {
    const spans = (r: typeof eager) => partitionReadingSpans(r.events, 'g', 'orders', 4, 8000, r.state.now);
    const gaps = (list: ReturnType<typeof spans>) =>
      list.map((l) => l.filter((s) => s.reading !== 'read' && s.endMs > s.startMs).length);
    expect(gaps(spans(eager)).every((n) => n > 0)).toBe(true);
    const coopGaps = gaps(spans(coop));
    expect(coopGaps.filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(coopGaps.filter((n) => n > 0).length).toBeGreaterThan(0);
    for (const list of spans(coop)) expect(list.at(-1)?.reading).toBe('read');
  });

  it('counts records read while rebalancing: none for eager, some for cooperative', () => {
    expect(processedWhileRebalancing(eager.state, 'g')).toBe(0);
    expect(processedWhileRebalancing(coop.state, 'g')).toBeGreaterThan(0);
  });

  it("ends a crashed member's claim once the coordinator has removed it", () => {
    const r = runCommands(7, [
      ...clusterWithTopic(),
      consumer('a', 'g', { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 }),
      consumer('b', 'g', { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 }),
      { type: 'advance', ms: 8000 },
      { type: 'killConsumer', consumer: 'b' },
      { type: 'advance', ms: 5000 },
    ]);
    const before = partitionReadingSpans(r.events, 'g', 'orders', 4, 0, r.state.now).map((l) => l.at(-1)!);
    expect(before.filter((x) => x.reading === 'ownerDown').map((x) => x.consumer)).toEqual(['b', 'b']);
    const later = runCommands(7, [
      ...clusterWithTopic(),
      consumer('a', 'g', { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 }),
      consumer('b', 'g', { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 }),
      { type: 'advance', ms: 8000 },
      { type: 'killConsumer', consumer: 'b' },
      { type: 'advance', ms: 15_000 },
    ]);
    const after = partitionReadingSpans(later.events, 'g', 'orders', 4, 0, later.state.now).map(
      (l) => l.at(-1)!,
    );
    expect(after.every((x) => x.reading === 'read' && x.consumer === 'a')).toBe(true);
  });
});

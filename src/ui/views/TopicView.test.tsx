// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../../engine';
import { type EngineEvent, partitionForKey, step } from '../../engine';
import type { Frame } from '../store/frames';
import { byTestId, offsetsUpTo, recordsIn, render, runEngine, stillFrame } from '../testing/test-render';
import { TopicView } from './TopicView';

const TOPIC = 'orders';
const PARTITIONS = 4;
const KEYS = ['alice', 'bob', 'carol', 'dave', 'alice', 'erin', 'bob', 'alice'];

const setup = (replicationFactor = 1): Command[] => [
  { type: 'createCluster', brokers: replicationFactor },
  { type: 'createTopic', topic: TOPIC, partitions: PARTITIONS, config: { replicationFactor } },
  { type: 'addProducer', producer: 'app', lingerMs: 0, acks: 1, idempotent: false },
];

const produce = (key: string | null, value: string): Command => ({
  type: 'produce',
  producer: 'app',
  topic: TOPIC,
  key,
  value,
});

function show(state: EngineState) {
  return render(
    <TopicView frame={stillFrame(state)} playheadMs={state.now} topic={TOPIC} producers={['app']} />,
  );
}

describe('TopicView', () => {
  const state = runEngine(1, [
    ...setup(),
    ...KEYS.map((k, i) => produce(k, `v${i}`)),
    { type: 'advance', ms: 1000 },
  ]);

  it('puts each key’s records in the lane of the partition its hash picks, at offsets 0..n-1 in send order', () => {
    const view = show(state);
    for (let p = 0; p < PARTITIONS; p++) {
      const sent = KEYS.map((key, i) => ({ key, value: `v${i}` })).filter(
        (r) => partitionForKey(r.key, PARTITIONS) === p,
      );
      const shown = recordsIn(byTestId(view, `partition-${TOPIC}-${p}`));
      expect(shown.map((r) => r.offset)).toEqual(offsetsUpTo(sent.length));
      expect(shown.map((r) => ({ key: r.key, value: r.value }))).toEqual(sent);
    }
  });

  it('names every record and lane for a screen reader: key, value, partition, offset, next offset', () => {
    const view = show(state);
    const p = partitionForKey('alice', PARTITIONS);
    const lane = byTestId(view, `partition-${TOPIC}-${p}`);
    const n = recordsIn(lane).length;
    expect(lane.getAttribute('role')).toBe('list');
    expect(lane.getAttribute('aria-label')).toBe(`Partition P${p} of ${TOPIC}, next offset ${n}`);
    expect(recordsIn(lane)[0]!.name).toBe(`key alice, value v0, at partition ${p}, offset 0`);
    for (const r of lane.querySelectorAll('[data-testid="record"]'))
      expect(r.getAttribute('role')).toBe('listitem');
  });

  it('marks where the next record of each lane goes with its offset, not with LEO or HW', () => {
    const view = show(state);
    for (const part of state.topics[TOPIC]!.partitions) {
      const lane = byTestId(view, `partition-${TOPIC}-${part.partition}`);
      const next = lane.querySelector('[data-testid="next-offset"]');
      expect(next?.getAttribute('data-offset')).toBe(String(recordsIn(lane).length));
      expect(next?.textContent).toBe(`next${recordsIn(lane).length}`);
    }
    expect(view.textContent).not.toMatch(/LEO|HW/);
  });

  it('draws a keyless record by its value, named without a key', () => {
    const s = runEngine(2, [...setup(), produce(null, 'ping'), { type: 'advance', ms: 1000 }]);
    const [r] = recordsIn(show(s));
    expect(r).toMatchObject({ key: null, value: 'ping', offset: 0 });
    expect(r!.name).toMatch(/^ping, at partition \d, offset 0$/);
  });
});

/** The frame of one step: the state after `commands` from `before`, with the events they made. */
function stepFrame(before: EngineState, commands: readonly Command[]): Frame {
  let s = before;
  const events: EngineEvent[] = [];
  for (const c of commands) {
    const r = step(s, c);
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
    events.push(...r.events);
  }
  return { state: s, events, fromMs: before.now, toMs: s.now, fromState: before };
}

function showKeyed(frame: Frame, producers = ['app']) {
  return render(
    <TopicView
      frame={frame}
      playheadMs={frame.toMs}
      topic={TOPIC}
      producers={producers}
      lanes={6}
      slots={5}
      keyed
    />,
  );
}

describe('TopicView of keyed records', () => {
  const before = runEngine(1, setup());

  it('writes the engine’s murmur2 computation under the producer and points an arrow at that partition', () => {
    const frame = stepFrame(before, [produce('bob', 'login'), { type: 'advance', ms: 50 }]);
    const chosen = frame.events.find((e) => e.type === 'partitionChosen');
    if (chosen?.type !== 'partitionChosen' || chosen.how.rule !== 'key-murmur2')
      throw new Error('no murmur2 choice');
    const view = showKeyed(frame);
    const lines = [...byTestId(view, 'computation-app').querySelectorAll('text')].map((t) => t.textContent);
    // bob's hash is negative: toPositive is shown with its result, then the modulo and the partition.
    expect(chosen.how.hash).toBeLessThan(0);
    expect(lines).toEqual([
      'murmur2("bob")',
      `= ${chosen.how.hash}`,
      `toPositive: ${chosen.how.positive}`,
      `% 4 = ${partitionForKey('bob', 4)} → P${partitionForKey('bob', 4)}`,
    ]);
    expect(byTestId(view, 'arrow-app').getAttribute('data-partition')).toBe(
      String(partitionForKey('bob', 4)),
    );
  });

  it('labels each keyed record “key · value”, so one user’s events read in order along a lane', () => {
    const frame = stepFrame(before, [
      produce('alice', 'login'),
      produce('alice', 'click'),
      produce('alice', 'logout'),
      { type: 'advance', ms: 50 },
    ]);
    const lane = byTestId(showKeyed(frame), `partition-${TOPIC}-${partitionForKey('alice', 4)}`);
    const labels = [...lane.querySelectorAll('[data-testid="record"] .record-value')].map(
      (t) => t.textContent,
    );
    expect(labels).toEqual(['alice · login', 'alice · click', 'alice · logout']);
  });

  it('outlines the records appended in this step and no older ones', () => {
    const older = runEngine(1, [...setup(), produce('alice', 'login'), { type: 'advance', ms: 50 }]);
    const frame = stepFrame(older, [produce('alice', 'click'), { type: 'advance', ms: 50 }]);
    const lane = byTestId(showKeyed(frame), `partition-${TOPIC}-${partitionForKey('alice', 4)}`);
    const marks = [...lane.querySelectorAll('[data-testid="record"]')].map((r) =>
      r.getAttribute('data-marks'),
    );
    expect(marks).toEqual([null, 'fresh']);
  });

  it('shows the producer’s stale partition count after the topic grows, and the refresh that ends it', () => {
    const sent = runEngine(1, [...setup(), produce('alice', 'login'), { type: 'advance', ms: 50 }]);
    const grown = stepFrame(sent, [{ type: 'addPartitions', topic: TOPIC, partitions: 6 }]);
    const view = showKeyed(grown);
    // Grown but not yet sent to: the plain count, a clue for the room rather than the answer.
    expect(byTestId(view, 'metadata-app').textContent).toBe('metadata: 4 partitions');
    expect(byTestId(view, 'partitions-added').textContent).toBe('new: P4, P5');
    expect(byTestId(view, `partition-${TOPIC}-4`).getAttribute('data-added')).toBe('true');

    const stale = stepFrame(grown.state, [produce('alice', 'buy'), { type: 'advance', ms: 50 }]);
    expect(byTestId(showKeyed(stale), 'metadata-app').textContent).toBe('hashes over 4 of 6');
    expect(byTestId(showKeyed(stale), 'computation-app').textContent).toContain('% 4 = 1 → P1');

    const refreshed = stepFrame(stale.state, [{ type: 'refreshProducerMetadata', producer: 'app' }]);
    const after = showKeyed(refreshed);
    expect(byTestId(after, 'metadata-app').textContent).toBe('metadata: 6 partitions');
    expect(byTestId(after, 'computation-app').textContent).toContain('4 → 6 partitions');
  });

  it('keeps every lane and the producer in place as the topic grows from 4 to 6 partitions', () => {
    const box = (view: HTMLElement, id: string) => {
      const r = view.querySelector(`[data-testid="${id}"] rect`)!;
      return ['x', 'y', 'width', 'height'].map((a) => r.getAttribute(a));
    };
    const four = showKeyed(stillFrame(before));
    const six = showKeyed(
      stillFrame(runEngine(1, [...setup(), { type: 'addPartitions', topic: TOPIC, partitions: 6 }])),
    );
    for (const id of ['producer-app', ...offsetsUpTo(4).map((p) => `partition-${TOPIC}-${p}`)])
      expect(box(six, id), id).toEqual(box(four, id));
  });
});

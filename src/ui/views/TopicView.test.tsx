// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../../engine';
import { partitionForKey, step } from '../../engine';
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

  it('names every record and lane for a screen reader: key, value, partition, offset, log end offset', () => {
    const view = show(state);
    const p = partitionForKey('alice', PARTITIONS);
    const lane = byTestId(view, `partition-${TOPIC}-${p}`);
    const n = recordsIn(lane).length;
    expect(lane.getAttribute('role')).toBe('list');
    expect(lane.getAttribute('aria-label')).toBe(`Partition P${p} of ${TOPIC}, log end offset ${n}`);
    expect(recordsIn(lane)[0]!.name).toBe(`key alice, value v0, at partition ${p}, offset 0`);
    for (const r of lane.querySelectorAll('[data-testid="record"]'))
      expect(r.getAttribute('role')).toBe('listitem');
  });

  it('labels a lane whose replicas are in sync “LEO = HW n”', () => {
    const view = show(state);
    for (const part of state.topics[TOPIC]!.partitions) {
      const lane = byTestId(view, `partition-${TOPIC}-${part.partition}`);
      expect(lane.querySelector('.leo')?.textContent).toBe(`LEO = HW ${part.highWatermark}`);
    }
  });

  it('shows the high watermark behind the log end offset while followers have not fetched yet', () => {
    // Three replicas, acks=1: the leader appends at once, the high watermark waits for the followers' fetch.
    let s = runEngine(3, [...setup(3), produce('alice', 'a0'), produce('alice', 'a1')]);
    const p = partitionForKey('alice', PARTITIONS);
    const behind = (x: EngineState) => {
      const part = x.topics[TOPIC]!.partitions[p]!;
      return part.logs[part.leader!]!.logEndOffset > part.highWatermark;
    };
    for (let i = 0; i < 2000 && !behind(s); i++) {
      const r = step(s, { type: 'advance', ms: 1 });
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    expect(behind(s)).toBe(true);
    const part = s.topics[TOPIC]!.partitions[p]!;
    const leo = part.logs[part.leader!]!.logEndOffset;
    const lane = byTestId(show(s), `partition-${TOPIC}-${p}`);
    expect(lane.querySelector('.leo')?.textContent).toBe(`HW ${part.highWatermark} · LEO ${leo}`);
  });

  it('draws a keyless record by its value, named without a key', () => {
    const s = runEngine(2, [...setup(), produce(null, 'ping'), { type: 'advance', ms: 1000 }]);
    const [r] = recordsIn(show(s));
    expect(r).toMatchObject({ key: null, value: 'ping', offset: 0 });
    expect(r!.name).toMatch(/^ping, at partition \d, offset 0$/);
  });
});

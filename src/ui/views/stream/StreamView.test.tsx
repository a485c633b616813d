// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { attemptAt, LATE_SCRIPT, LATE_TOPIC, MINUTE, NOON } from '../../../engine/testing/late-fixture';
import type { SceneView } from '../../../scenarios/types';
import { render, runEngine, stillFrame } from '../../testing/test-render';
import { StreamView } from './StreamView';

const TOPIC = LATE_TOPIC;
const CARD = '4111-0000-0000-0001';
const QUERY = 'fraud';

const view: Extract<SceneView, { kind: 'stream' }> = {
  kind: 'stream',
  source: TOPIC,
  output: 'POSSIBLE_FRAUD',
  query: QUERY,
  spanMs: [NOON + 15 * MINUTE, NOON + 35 * MINUTE],
};

describe('StreamView', () => {
  const state = runEngine(1, [
    { type: 'advance', ms: NOON },
    { type: 'createCluster', brokers: 1 },
    { type: 'createTopic', topic: TOPIC, partitions: 2 },
    { type: 'addProducer', producer: 'terminal', lingerMs: 0 },
    { type: 'runQuery', query: QUERY, script: LATE_SCRIPT },
    attemptAt(CARD, 21),
    attemptAt(CARD, 31),
    attemptAt(CARD, 22),
    { type: 'advance', ms: MINUTE },
  ]);
  const show = () =>
    render(<StreamView view={view} frame={stillFrame(state)} playheadMs={state.now} step={0} />);

  it('marks the record that arrived after its window closed as late, and only that one', () => {
    const lateCount = state.ksql.queries[QUERY]!.late;
    expect(lateCount).toBe(1);
    const dots = [...show().querySelectorAll('[data-testid="stream-record"]')];
    expect(dots).toHaveLength(3);
    const late = dots.filter((d) => d.getAttribute('data-late') === 'true');
    expect(late).toHaveLength(lateCount);
    expect(late[0]!.getAttribute('data-window-start')).toBe(String(NOON + 20 * MINUTE));
    expect(late[0]!.querySelector('.stream-late-mark')).not.toBeNull();
    expect(late[0]!.querySelector('circle')?.getAttribute('class')).toBe('stream-dot late');
  });

  it('says which record was late, to a screen reader too', () => {
    const dom = show();
    const dots = [...dom.querySelectorAll('[data-testid="stream-record"]')];
    const spoken = dots.map((d) => d.querySelector('title')?.textContent ?? '');
    expect(spoken.filter((l) => l.endsWith('late: dropped'))).toHaveLength(1);
    expect(dots[spoken.findIndex((l) => l.endsWith('late: dropped'))]!.getAttribute('data-late')).toBe(
      'true',
    );
    expect(dom.querySelector('.stream-timeline')?.getAttribute('aria-label')).toContain('1 late and dropped');
  });

  it('gives every record its card and the window the engine put it in', () => {
    const dots = [...show().querySelectorAll('[data-testid="stream-record"]')];
    for (const d of dots.filter((x) => x.getAttribute('data-late') !== 'true')) {
      expect(d.getAttribute('data-card')).toBe(CARD);
      expect(d.querySelector('.stream-late-mark')).toBeNull();
    }
    expect(dots.map((d) => d.getAttribute('data-window-start'))).toEqual(
      [20, 30, 20].map((m) => String(NOON + m * MINUTE)),
    );
  });
});

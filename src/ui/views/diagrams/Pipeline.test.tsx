// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { authorizationInput, FRAUD_QUERY_ID } from '../../../scenarios/fraud-stream';
import type { SceneView } from '../../../scenarios/types';
import { render, scenePlace } from '../../testing/test-render';
import { DiagramView } from './DiagramView';

const SCENE = 'streaming-toolset';

function show(step: number, at: 'start' | 'end' = 'end') {
  const place = scenePlace(SCENE, step);
  const view = place.scene.view as Extract<SceneView, { kind: 'diagram' }>;
  const playheadMs = at === 'end' ? place.frame.toMs : place.frame.fromMs;
  const dom = render(<DiagramView view={view} frame={place.frame} playheadMs={playheadMs} step={step} />);
  const all = (id: string) => [...dom.querySelectorAll(`[data-testid="${id}"]`)];
  return { place, dom, all };
}

describe('the streaming-toolset pipeline: attempts -> query -> possible fraud', () => {
  const { fraudCards } = authorizationInput(scenePlace(SCENE, 0).scene.seed);

  it('counts the attempts the running query has read, and has no alert before any card is hammered', () => {
    const { place, dom, all } = show(0);
    const read = place.frame.state.ksql.queries[FRAUD_QUERY_ID]!.processed;
    expect(read).toBeGreaterThan(0);
    expect(dom.querySelector('[data-testid="pipeline-attempts"]')?.getAttribute('data-count')).toBe(
      String(read),
    );
    expect(dom.querySelector('[data-testid="pipeline-query"]')?.textContent).toContain(`${read} read so far`);
    expect(all('pipeline-alert')).toHaveLength(0);
    expect(dom.textContent).toContain('no alert yet');
  });

  it('shows the hammered card as a new alert at the step it is flagged', () => {
    const { all } = show(1);
    const alerts = all('pipeline-alert');
    expect(alerts.map((a) => a.getAttribute('data-card'))).toEqual([fraudCards[0]]);
    expect(alerts[0]!.getAttribute('data-new')).toBe('true');
  });

  it('ends with exactly the two hammered cards flagged, only the second one new', () => {
    const { all } = show(2);
    const alerts = all('pipeline-alert');
    expect(alerts.map((a) => a.getAttribute('data-card')).sort()).toEqual([...fraudCards].sort());
    expect(alerts.find((a) => a.getAttribute('data-card') === fraudCards[0])?.getAttribute('data-new')).toBe(
      'false',
    );
    expect(alerts.find((a) => a.getAttribute('data-card') === fraudCards[1])?.getAttribute('data-new')).toBe(
      'true',
    );
  });

  it('marks every attempt read, the flagged card’s in red: its burst shows as a run', () => {
    const { place, dom } = show(1);
    const marks = [...dom.querySelectorAll('[data-testid="pipeline-marks"] rect')];
    expect(marks).toHaveLength(place.frame.state.ksql.queries[FRAUD_QUERY_ID]!.processed);
    const red = marks.filter((m) => m.getAttribute('class') === 'mark flagged');
    const { records } = authorizationInput(place.scene.seed);
    const read = records.slice(0, marks.length);
    expect(red).toHaveLength(read.filter((r) => r.key === fraudCards[0]).length);
    expect(red.length).toBeGreaterThanOrEqual(4);
  });

  it('follows the playhead: at the start of a step, its attempts and alerts are not there yet', () => {
    const start = show(1, 'start');
    expect(start.all('pipeline-alert')).toHaveLength(0);
    expect(start.all('pipeline-attempt').filter((a) => a.getAttribute('data-new') === 'true')).toHaveLength(
      0,
    );
    const end = show(1);
    expect(
      Number(end.dom.querySelector('[data-testid="pipeline-attempts"]')?.getAttribute('data-count')),
    ).toBeGreaterThan(
      Number(start.dom.querySelector('[data-testid="pipeline-attempts"]')?.getAttribute('data-count')),
    );
  });

  it('never shows the SQL, which fraud-query builds clause by clause later', () => {
    for (const step of [0, 1, 2]) {
      const { dom } = show(step);
      expect(dom.textContent).not.toMatch(/SELECT|WINDOW|GROUP BY|HAVING/);
    }
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fraudRows } from '../../../scenarios/fraud-stream';
import type { SceneView } from '../../../scenarios/types';
import { type Place, render, scenePlace, viewPropsAt } from '../../testing/test-render';
import { StreamView } from './StreamView';

type View = Extract<SceneView, { kind: 'stream' }>;
const SCENE = 'fraud-query';

/** The scene's view at a place; the editor (it needs the running player) is left out: these tests look elsewhere. */
const show = (place: Place) => {
  const { frame, playheadMs, step } = viewPropsAt(place);
  const view: View = { ...(place.scene.view as View), editableFrom: undefined };
  return render(<StreamView view={view} frame={frame} playheadMs={playheadMs} step={step} />);
};

const focusOf = (place: Place) => (place.scene.view as View).focus?.[place.step] ?? null;
const predictStep = () => scenePlace(SCENE, 0).scene.steps.findIndex((s) => s.predict !== undefined);

describe('the fraud query points at what each step talks about', () => {
  it('draws the predict step’s answer, which its question does not show', () => {
    const k = predictStep();
    const question = show(scenePlace(SCENE, k));
    expect(question.querySelector('[data-testid="stream-question"]')).not.toBeNull();
    expect(question.querySelector('[data-testid="stream-answer"]')).toBeNull();
    expect(question.querySelector('[data-testid="output-absent"]')).toBeNull();

    const place = scenePlace(SCENE, k + 1);
    const answer = show(place);
    expect(answer.querySelector('[data-testid="stream-question"]')).toBeNull();
    const drawn = answer.querySelector('[data-testid="stream-answer"]')!;
    // The counts on either side of the edge are the engine's: 3 and 3, neither over the threshold.
    const counts = [
      ...answer.querySelectorAll(`[data-testid="stream-count"][data-card="${focusOf(place)!.card}"]`),
    ].map((c) => c.getAttribute('data-count'));
    expect(counts).toEqual([drawn.getAttribute('data-before'), drawn.getAttribute('data-after')]);
    expect(drawn.textContent).toBe('3 + 3: no window > 3');
    expect(answer.querySelector('[data-testid="output-absent"]')?.getAttribute('data-card')).toBe(
      focusOf(place)!.card,
    );
  });

  it('pins the output row the step talks about on top, and folds one card’s updates into one row', () => {
    for (const k of [5, 8]) {
      const place = scenePlace(SCENE, k);
      const focus = focusOf(place)!;
      const dom = show(place);
      const first = dom.querySelector('[data-testid="output-row"]')!;
      expect(first.getAttribute('data-pinned')).toBe('true');
      expect(first.getAttribute('data-card')).toBe(focus.card);
      expect(first.getAttribute('data-window-start')).toBe(String(focus.windowStart));
      expect(first.getAttribute('data-counts')).toBe('4,5,6');
    }
    // 36 rows in the topic at the hopping step: a marker says how many entries are not listed.
    const dom = show(scenePlace(SCENE, 8));
    const listed = dom.querySelectorAll('[data-testid="output-row"]').length;
    const more = Number(dom.querySelector('[data-testid="output-more"]')?.textContent?.match(/\d+/)?.[0]);
    const state = scenePlace(SCENE, 8).frame.state;
    const entries = new Set(fraudRows(state, true).map((r) => `${r.card}|${r.windowStart}`));
    expect(more).toBeGreaterThan(0);
    expect(listed + more).toBe(entries.size);
  });

  it('stacks attempts made close together so that no two dots cover each other', () => {
    const dom = show(scenePlace(SCENE, 4));
    const dots = [...dom.querySelectorAll('[data-testid="stream-record"] circle')].map((c) => ({
      x: Number(c.getAttribute('cx')),
      y: Number(c.getAttribute('cy')),
      r: Number(c.getAttribute('r')),
    }));
    expect(dots.length).toBeGreaterThan(20);
    for (let i = 0; i < dots.length; i++)
      for (let j = i + 1; j < dots.length; j++) {
        const [a, b] = [dots[i]!, dots[j]!];
        const apart = Math.abs(a.x - b.x) >= a.r + b.r || Math.abs(a.y - b.y) >= a.r + b.r;
        expect(apart, `dots at ${a.x},${a.y} and ${b.x},${b.y}`).toBe(true);
      }
  });

  it('keeps every card row where it is from the first grouped step on', () => {
    const rowY = (k: number) =>
      [...show(scenePlace(SCENE, k)).querySelectorAll('.stream-row-label')].map((t) => t.getAttribute('y'));
    const grouped = rowY(2);
    const later = rowY(4);
    expect(later.slice(0, grouped.length)).toEqual(grouped);
  });

  it('outlines the attempts the query read during this step, and only those', () => {
    const dots = (k: number) => show(scenePlace(SCENE, k)).querySelectorAll('[data-testid="stream-record"]');
    const before = dots(0).length;
    const now = [...dots(1)];
    const fresh = now.filter((d) => d.getAttribute('data-new') === 'true');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh).toHaveLength(now.length - before);
    for (const d of fresh) expect(d.querySelector('circle')?.getAttribute('class')).toContain('new');
  });
});

import { describe, expect, it } from 'vitest';
import { overviewGrid } from './overview-layout';

describe('the overview grid', () => {
  it('holds every scene of the talk at 1280x720 and at 1920x1080', () => {
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      const g = overviewGrid(16, w!, h!);
      expect(g.columns * g.rows).toBeGreaterThanOrEqual(16);
      expect(g.columns * (g.rows - 1)).toBeLessThan(16);
    }
  });

  it('adapts to the number of scenes: more scenes, more columns', () => {
    const few = overviewGrid(4, 1280, 720);
    const many = overviewGrid(40, 1280, 720);
    expect(many.columns).toBeGreaterThan(few.columns);
    expect(many.columns * many.rows).toBeGreaterThanOrEqual(40);
    expect(overviewGrid(1, 1280, 720)).toEqual({ columns: 1, rows: 1 });
  });
});

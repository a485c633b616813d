import { describe, expect, it } from 'vitest';
import { scenes } from '../../scenarios/registry';
import { sceneNeedsKsql } from './ksql-loader';

describe('which scenes wait for the ksql engine', () => {
  it('only the scenes drawing a stream run queries, so the first picture never waits for the engine', () => {
    expect(sceneNeedsKsql(scenes[0]!)).toBe(false);
    const needing = scenes.filter((s) => sceneNeedsKsql(s));
    expect(needing.length).toBeGreaterThan(0);
    // The fraud query's stream view, or the toolset's pipeline drawn from the query's run.
    for (const s of needing)
      expect(
        s.view.kind === 'stream' || (s.view.kind === 'diagram' && s.view.diagram === 'stream-pipeline'),
      ).toBe(true);
  });

  it('a live action that runs a query makes any scene need it', () => {
    const live = [
      { step: 0, label: 'run', commands: [{ type: 'runQuery', query: 'q', script: '' } as const] },
    ];
    expect(sceneNeedsKsql(scenes[0]!, live)).toBe(true);
  });
});

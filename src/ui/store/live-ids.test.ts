import { describe, expect, it } from 'vitest';
import type { LiveAction } from '../../scenarios/run';
import { compareLive, diffLive, legacyLiveId, mergeLive, nextLiveId } from './live-ids';

const action = (id: string, step: number, label = id): LiveAction => ({ id, step, label, commands: [] });

describe('live action ids', () => {
  it('orders a new action after every action it has seen', () => {
    const seen = [action('41.zzzz', 2)];
    const id = nextLiveId(seen);
    expect(compareLive(action(id, 2), seen[0]!)).toBeGreaterThan(0);
    expect(nextLiveId()).not.toBe(id);
  });

  it('sorts by step, then counter (numerically), then window', () => {
    const list = [action('10.a', 1), action('9.b', 1), action('9.a', 1), action('50.a', 0)];
    expect([...list].sort(compareLive).map((a) => a.id)).toEqual(['50.a', '9.a', '9.b', '10.a']);
  });

  it('orders actions saved before ids existed as they were saved', () => {
    const ids = [0, 1, 2, 10].map((i) => legacyLiveId('s', i));
    const list = ids.map((id) => action(id, 0));
    expect(
      [...list]
        .reverse()
        .sort(compareLive)
        .map((a) => a.id),
    ).toEqual(ids);
  });
});

describe('merging another window’s live actions', () => {
  it('two windows acting in the same instant both keep both actions, in the same order', () => {
    const base = [action('1.aaaa', 0)];
    const inA = [...base, action('2.aaaa', 1)];
    const inB = [...base, action('2.bbbb', 1)];
    const mergedInA = mergeLive(inA, [], diffLive(base, inB).added);
    const mergedInB = mergeLive(inB, [], diffLive(base, inA).added);
    expect(mergedInA.map((a) => a.id)).toEqual(['1.aaaa', '2.aaaa', '2.bbbb']);
    expect(mergedInB).toEqual(mergedInA);
  });

  it('drops the old future the other window dropped when it forked', () => {
    const before = [action('1.a', 1), action('2.a', 3)];
    const afterFork = [action('1.a', 1), action('3.a', 2)];
    const { removed, added } = diffLive(before, afterFork);
    expect(removed).toEqual(['2.a']);
    expect(mergeLive(before, removed, added)).toEqual(afterFork);
  });

  it('a clear over there clears here, but keeps what was taken here meanwhile', () => {
    const shared = [action('1.a', 0), action('2.a', 0)];
    const here = [...shared, action('3.b', 0)];
    const { removed, added } = diffLive(shared, []);
    expect(added).toEqual([]);
    expect(mergeLive(here, removed, added).map((a) => a.id)).toEqual(['3.b']);
  });

  it('changes nothing (the same list) when it already has the action', () => {
    const list = [action('1.a', 0)];
    expect(mergeLive(list, [], [action('1.a', 0)])).toBe(list);
  });
});

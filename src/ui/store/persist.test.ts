import { describe, expect, it } from 'vitest';
import { parseSaved } from './persist';

const produce = { type: 'produce', producer: 'p', topic: 't', key: null, value: 'v' };

describe('saved live actions', () => {
  it('still load when saved before live actions had ids, and get the same ids in every window', () => {
    const text = JSON.stringify({
      live: {
        'produce-no-key': [
          { step: 1, label: 'a', commands: [produce] },
          { step: 2, label: 'b', commands: [] },
        ],
      },
      theme: 'dark',
      speed: 1,
    });
    const saved = parseSaved(text);
    expect(saved?.live['produce-no-key']?.map((a) => a.label)).toEqual(['a', 'b']);
    const ids = saved?.live['produce-no-key']?.map((a) => a.id);
    expect(ids?.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(parseSaved(text)?.live['produce-no-key']?.map((a) => a.id)).toEqual(ids);
  });

  it('keep the ids they were saved with', () => {
    const saved = parseSaved(
      JSON.stringify({
        live: { s: [{ id: '3.abcd', step: 0, label: 'a', commands: [] }] },
        theme: 'dark',
        speed: 1,
      }),
    );
    expect(saved?.live.s?.[0]?.id).toBe('3.abcd');
  });

  it('are unreadable when an id is not a string', () => {
    expect(
      parseSaved(JSON.stringify({ live: { s: [{ id: 3, step: 0, label: 'a', commands: [] }] } })),
    ).toBeNull();
  });
});

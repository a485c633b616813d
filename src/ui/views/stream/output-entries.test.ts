import { describe, expect, it } from 'vitest';
import { outputListing } from './output-entries';
import type { OutputRowView } from './stream-model';

const row = (id: number, card: string, windowStart: number, count: number | null): OutputRowView => ({
  id: `o/0/${id}`,
  card,
  windowStart,
  windowEnd: windowStart + 5,
  count,
});

describe('outputListing', () => {
  it('shows one card’s successive rows in one window as one entry that updates, newest first', () => {
    const { shown, more } = outputListing(
      [row(0, 'a', 10, 4), row(1, 'a', 10, 5), row(2, 'b', 20, 4), row(3, 'a', 10, 6)],
      null,
    );
    expect(shown.map((e) => [e.card, e.counts])).toEqual([
      ['a', [4, 5, 6]],
      ['b', [4]],
    ]);
    expect(more).toBe(0);
  });

  it('pins the entry the step talks about on top, however old, and counts the ones left out', () => {
    const rows = [row(0, 'x', 0, 4), ...Array.from({ length: 9 }, (_, i) => row(i + 1, `c${i}`, 10, 4))];
    const { shown, more } = outputListing(rows, { card: 'x', windowStart: 0 }, 5);
    expect(shown[0]).toMatchObject({ card: 'x', pinned: true });
    expect(shown.filter((e) => e.pinned)).toHaveLength(1);
    expect(shown).toHaveLength(5);
    expect(more).toBe(5);
  });

  it('answers "not flagged" with a pinned absence, but never while the question is still open', () => {
    const rows = [row(0, 'a', 10, 4)];
    expect(outputListing(rows, { card: 'z', edgeMs: 5 }).absent).toBe('z');
    expect(outputListing(rows, { card: 'z', question: true }).absent).toBeNull();
    expect(outputListing(rows, { card: 'a', edgeMs: 5 }).absent).toBeNull();
  });
});

/**
 * The output topic as a room reads it: a table's changelog, so the successive rows of one card and window
 * (counts 4, 5, 6) are one entry that updates, newest first; the entry the step talks about is pinned on
 * top, and only the first few are listed, with how many more there are. Pure.
 */
import type { StreamFocus } from '../../../scenarios/types';
import { cellKey, type OutputRowView } from './stream-model';

export interface OutputEntry {
  readonly key: string;
  readonly card: string;
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  /** Every row of this card and window in the order written; null a tombstone. */
  readonly counts: readonly (number | null)[];
  readonly pinned: boolean;
}

export interface OutputListing {
  readonly shown: readonly OutputEntry[];
  /** Entries not listed. */
  readonly more: number;
  /** The step's card has no row at all: the answer is its absence. */
  readonly absent: string | null;
}

export const OUTPUT_ENTRIES_SHOWN = 5;

export function outputListing(
  rows: readonly OutputRowView[],
  focus: StreamFocus | null,
  limit = OUTPUT_ENTRIES_SHOWN,
): OutputListing {
  const byKey = new Map<string, { entry: OutputEntry; last: number }>();
  rows.forEach((r, i) => {
    const key = cellKey(r.card, r.windowStart);
    const prev = byKey.get(key);
    byKey.set(key, {
      last: i,
      entry: {
        key,
        card: r.card,
        windowStart: r.windowStart,
        windowEnd: r.windowEnd,
        counts: [...(prev?.entry.counts ?? []), r.count],
        pinned:
          focus !== null && focus.windowStart !== undefined && key === cellKey(focus.card, focus.windowStart),
      },
    });
  });
  const newestFirst = [...byKey.values()].sort((a, b) => b.last - a.last).map((e) => e.entry);
  const ordered = [...newestFirst.filter((e) => e.pinned), ...newestFirst.filter((e) => !e.pinned)];
  const answered = focus !== null && focus.edgeMs !== undefined && !focus.question;
  const absent = answered && !rows.some((r) => r.card === focus.card) ? focus.card : null;
  const room = Math.max(0, limit - (absent === null ? 0 : 1));
  return { shown: ordered.slice(0, room), more: Math.max(0, ordered.length - room), absent };
}

/**
 * The output topic as a consumer reads it: one entry per card and window, updated in place as the table
 * changes (4 → 5 → 6), newest first, the step's entry pinned and outlined, and how many more there are.
 */
import type { StreamFocus } from '../../../scenarios/types';
import { outputListing } from './output-entries';
import type { OutputRowView } from './stream-model';
import { clock, maskedCard } from './time-format';

const countText = (c: number | null) => (c === null ? 'retracted' : String(c));

export function OutputList({
  topic,
  rows,
  focus = null,
}: {
  topic: string;
  rows: readonly OutputRowView[];
  focus?: StreamFocus | null;
}) {
  const { shown, more, absent } = outputListing(rows, focus);
  return (
    <section className="stream-output" aria-label={`Output topic ${topic}`}>
      <h3 className="stream-output-title">
        {topic}{' '}
        <span className="stream-output-count">{rows.length === 1 ? '1 row' : `${rows.length} rows`}</span>
      </h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list must be reachable by keyboard (axe scrollable-region-focusable) */}
      <ol className="stream-output-rows" tabIndex={0}>
        {absent !== null && (
          <li className="pinned absent" data-testid="output-absent" data-card={absent}>
            <span className="output-card">{maskedCard(absent)}</span>
            <span className="output-count">no row: not flagged</span>
          </li>
        )}
        {shown.map((e) => {
          const latest = e.counts[e.counts.length - 1] ?? null;
          return (
            <li
              key={e.key}
              data-testid="output-row"
              data-card={e.card}
              data-count={latest ?? ''}
              data-counts={e.counts.map((c) => c ?? '').join(',')}
              data-window-start={e.windowStart ?? ''}
              data-pinned={e.pinned ? 'true' : undefined}
              className={
                `${e.pinned ? 'pinned' : ''}${latest === null ? ' tombstone' : ''}`.trim() || undefined
              }
            >
              <span className="output-card">{maskedCard(e.card)}</span>
              {e.windowStart !== null && e.windowEnd !== null && (
                <span className="output-window">
                  {clock(e.windowStart)}–{clock(e.windowEnd)}
                </span>
              )}
              <span className="output-count">
                {latest === null ? '' : 'count '}
                {e.counts.length > 1 && (
                  <span className="output-earlier">{e.counts.slice(0, -1).map(countText).join('→')}→</span>
                )}
                {latest === null ? 'retracted' : latest}
              </span>
            </li>
          );
        })}
        {more > 0 && (
          <li className="stream-output-more" data-testid="output-more">
            +{more} more
          </li>
        )}
        {rows.length === 0 && absent === null && <li className="stream-output-empty">no rows yet</li>}
      </ol>
    </section>
  );
}

/** The output topic as a consumer reads it: this run's rows, newest first. */
import type { OutputRowView } from './stream-model';
import { clock, maskedCard } from './time-format';

export function OutputList({ topic, rows }: { topic: string; rows: readonly OutputRowView[] }) {
  return (
    <section className="stream-output" aria-label={`Output topic ${topic}`}>
      <h3 className="stream-output-title">
        {topic}{' '}
        <span className="stream-output-count">{rows.length === 1 ? '1 row' : `${rows.length} rows`}</span>
      </h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list must be reachable by keyboard (axe scrollable-region-focusable) */}
      <ol className="stream-output-rows" tabIndex={0} reversed>
        {[...rows].reverse().map((r) => (
          <li
            key={r.id}
            data-testid="output-row"
            data-card={r.card}
            data-count={r.count ?? ''}
            data-window-start={r.windowStart ?? ''}
            className={r.count === null ? 'tombstone' : undefined}
          >
            <span className="output-card">{maskedCard(r.card)}</span>
            {r.windowStart !== null && r.windowEnd !== null && (
              <span className="output-window">
                {clock(r.windowStart)}–{clock(r.windowEnd)}
              </span>
            )}
            <span className="output-count">{r.count === null ? 'retracted' : `count ${r.count}`}</span>
          </li>
        ))}
        {rows.length === 0 && <li className="stream-output-empty">no rows yet</li>}
      </ol>
    </section>
  );
}

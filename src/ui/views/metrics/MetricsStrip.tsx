/**
 * The cluster gauges on one line under the picture, for when the docked Live panel leaves the stage too
 * narrow for the full panel beside it (CSS shows one or the other: metrics.css). The same readings as the
 * panel, with their change since the previous step in red when it is bad.
 */
import type { MetricsHistory } from '../../store/metrics-history';
import { changeOf, formatValue } from './metrics-rows';

/** Kafka's names without the words every one of them shares, so four fit on one line. */
const SHORT: Record<string, string> = {
  UnderReplicatedPartitions: 'UnderReplicated',
  UnderMinIsrPartitionCount: 'UnderMinIsr',
  OfflinePartitionsCount: 'OfflinePartitions',
  ActiveControllerCount: 'ActiveController',
};

export function MetricsStrip({ history }: { history: MetricsHistory }) {
  const rows = history.rows.filter((r) => r.section === 'cluster');
  return (
    <ul className="metrics-strip" aria-label="Cluster metrics" data-testid="metrics-strip">
      {rows.map((r) => {
        const change = changeOf(r.value, history.previous[r.id], r.badWhen);
        return (
          <li key={r.id} title={`${r.name}: ${r.tooltip}`} className={change.bad ? 'bad' : undefined}>
            <span className="metric-name">{SHORT[r.name] ?? r.name}</span>{' '}
            <b>{formatValue(r.value, r.unit)}</b>
            {change.trend !== 'same' && (
              <span className="metric-delta">
                {change.trend === 'down' ? ` ▼${change.text}` : ` ▲${change.text}`}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The metrics panel at a place; and, for the presenter's window, at the deck's place in a brokers scene. */
import { useMetricsHistory, usePlace } from '../../store/hooks';
import { MetricsPanel } from './MetricsPanel';
import { MetricsStrip } from './MetricsStrip';

/** The panel beside the picture, and its one-line strip for a narrow stage (CSS shows one of them). */
export function CurrentMetrics({ sceneIndex, step }: { sceneIndex: number; step: number }) {
  const history = useMetricsHistory(sceneIndex, step);
  return (
    <>
      <MetricsPanel history={history} />
      <MetricsStrip history={history} />
    </>
  );
}

/** Shown whatever the M key says: the presenter reads the numbers before the room sees them. */
export function PresenterMetrics() {
  const { sceneIndex, step, scene } = usePlace();
  if (scene.view.kind !== 'brokers') return null;
  return (
    // A region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
    <section
      className="presenter-metrics"
      aria-label="Operator metrics"
      data-testid="presenter-metrics"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe)
      tabIndex={0}
    >
      <CurrentMetrics sceneIndex={sceneIndex} step={step} />
    </section>
  );
}

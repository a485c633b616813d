/**
 * Picks the view a scene asks for; every view is a function of (engine frame, playhead). The first scene's
 * view ships with the deck; the others load when first needed, to keep the initial download small.
 */
import { lazy, Suspense } from 'react';
import type { SceneView } from '../../scenarios/types';
import type { Frame } from '../store/frames';
import { useMetricsShown } from '../store/hooks';
import { KSQL_FAILED_TEXT, KSQL_LOADING_TEXT } from '../store/ksql-loader';
import { TopicView } from './TopicView';
import type { ViewProps } from './view-props';

const BrokersView = lazy(() => import('./brokers/BrokersView').then((m) => ({ default: m.BrokersView })));
const ConsumersView = lazy(() =>
  import('./consumers/ConsumersView').then((m) => ({ default: m.ConsumersView })),
);
const CompactionView = lazy(() =>
  import('./compaction/CompactionView').then((m) => ({ default: m.CompactionView })),
);
const CoordinatorView = lazy(() =>
  import('./coordinator/CoordinatorView').then((m) => ({ default: m.CoordinatorView })),
);
const ConsumerProtocolView = lazy(() =>
  import('./consumer-protocol/ConsumerProtocolView').then((m) => ({ default: m.ConsumerProtocolView })),
);
const DiagramView = lazy(() => import('./diagrams/DiagramView').then((m) => ({ default: m.DiagramView })));
const QueueVsLogView = lazy(() =>
  import('./queue/QueueVsLogView').then((m) => ({ default: m.QueueVsLogView })),
);
const MemberTimersView = lazy(() =>
  import('./members/MemberTimersView').then((m) => ({ default: m.MemberTimersView })),
);
const RebalanceCompareView = lazy(() =>
  import('./rebalance/RebalanceCompareView').then((m) => ({ default: m.RebalanceCompareView })),
);
const ScalableView = lazy(() => import('./scalable/ScalableView').then((m) => ({ default: m.ScalableView })));
const StreamView = lazy(() => import('./stream/StreamView').then((m) => ({ default: m.StreamView })));
const TransactionsView = lazy(() =>
  import('./transactions/TransactionsView').then((m) => ({ default: m.TransactionsView })),
);
const ShareView = lazy(() => import('./share/ShareView').then((m) => ({ default: m.ShareView })));

function View({ view, frame, playheadMs, sceneIndex, step }: ViewProps<SceneView>) {
  switch (view.kind) {
    case 'topic':
      return (
        <TopicView
          frame={frame}
          playheadMs={playheadMs}
          topic={view.topic}
          producers={view.producers}
          lanes={view.lanes}
          slots={view.slots}
          keyed={view.keyed}
        />
      );
    case 'consumers':
      return (
        <ConsumersOrMetrics
          view={view}
          frame={frame}
          playheadMs={playheadMs}
          sceneIndex={sceneIndex}
          step={step}
        />
      );
    case 'coordinator':
      return <CoordinatorView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'brokers':
      return (
        <BrokersView view={view} frame={frame} playheadMs={playheadMs} sceneIndex={sceneIndex} step={step} />
      );
    case 'scalable':
      return (
        <ScalableView view={view} frame={frame} playheadMs={playheadMs} sceneIndex={sceneIndex} step={step} />
      );
    case 'member-timers':
      return (
        <MemberTimersView
          view={view}
          frame={frame}
          playheadMs={playheadMs}
          sceneIndex={sceneIndex}
          step={step}
        />
      );
    case 'rebalance-compare':
      return (
        <RebalanceCompareView
          view={view}
          frame={frame}
          playheadMs={playheadMs}
          sceneIndex={sceneIndex}
          step={step}
        />
      );
    case 'queue-vs-log':
      return <QueueVsLogView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'share':
      return <ShareView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'stream':
      return <StreamView view={view} frame={frame} playheadMs={playheadMs} step={step} />;
    case 'consumer-protocol':
      return (
        <ConsumerProtocolView
          view={view}
          frame={frame}
          playheadMs={playheadMs}
          sceneIndex={sceneIndex}
          step={step}
        />
      );
    case 'compaction':
      return <CompactionView view={view} frame={frame} playheadMs={playheadMs} step={step} />;
    case 'transactions':
      return <TransactionsView view={view} frame={frame} playheadMs={playheadMs} />;
    case 'diagram':
      return <DiagramView view={view} frame={frame} playheadMs={playheadMs} step={step} />;
  }
}

/** The sandbox's consumers picture, or with the metrics panel on (M), its brokers with the panel beside them. */
function ConsumersOrMetrics(props: ViewProps<Extract<SceneView, { kind: 'consumers' }>>) {
  const { view, ...rest } = props;
  if (!useMetricsShown(props.sceneIndex)) return <ConsumersView {...props} />;
  return <BrokersView view={{ kind: 'brokers', topic: view.topic, producers: view.producers }} {...rest} />;
}

/** A null frame: the scene runs queries and the ksql engine is still loading (or failed to). */
export function Stage({
  frame,
  engineFailed = false,
  ...props
}: Omit<ViewProps<SceneView>, 'frame'> & { frame: Frame | null; engineFailed?: boolean }) {
  if (!frame)
    return (
      <p className="stage-empty" data-testid="stage-loading">
        {engineFailed ? KSQL_FAILED_TEXT : KSQL_LOADING_TEXT}
      </p>
    );
  return (
    <Suspense fallback={<p className="stage-empty">Loading the view…</p>}>
      <View frame={frame} {...props} />
    </Suspense>
  );
}

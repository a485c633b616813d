/**
 * The stage drawn from a real cluster: the same pictures as the simulated views (topic lanes, consumers and
 * coordinator, brokers and replication) from one RealSnapshot, under a band that says REAL with the cluster
 * id and bootstrap address, and what state the link is in. A picture the cluster stopped updating is dimmed
 * and says since when; nothing Kafka does not expose is drawn. Exported for the replay (issue 18, point 4)
 * to put beside the simulated stage.
 */
import type { ReactNode } from 'react';
import type { RealSnapshot, RealTopic } from '../../reality/protocol';
import { STAGE_WIDTH, STAGE_WIDTH_BESIDE_METRICS } from '../views/brokers/brokers-layout';
import { RealBrokers } from './RealBrokers';
import { RealGroups } from './RealGroups';
import { RealTopicLanes } from './RealTopicLanes';
import { clockTime, type RealStatus, realStatus } from './real-status';
import type { BridgeLink, RealView, TakenAction } from './reality-store';
import './reality.css';

export interface RealStageProps {
  snapshot: RealSnapshot | null;
  view: RealView;
  /** The topic the lanes and brokers show; the cluster's first non-internal topic when absent. */
  topic?: string | null;
  /** The page's link to the bridge; a replay that holds a snapshot in hand passes nothing. */
  link?: BridgeLink;
  /** Wall-clock now, for the stale check (the mode re-renders every second). */
  now?: number;
  pollMs?: number;
  /** The newest action taken from the stage (the lanes show the produce and its prediction). */
  taken?: TakenAction;
  /** Drawn beside the brokers (the metrics panel). */
  beside?: ReactNode;
}

/** The topic shown: the one asked for if the cluster has it, else its first non-internal topic. */
export function shownTopic(
  snapshot: RealSnapshot | null,
  wanted: string | null | undefined,
): RealTopic | null {
  if (!snapshot) return null;
  return snapshot.topics.find((t) => t.name === wanted) ?? snapshot.topics.find((t) => !t.internal) ?? null;
}

function Band({ snapshot, status }: { snapshot: RealSnapshot | null; status: RealStatus }) {
  return (
    <p className="real-band" data-testid="real-band">
      <strong className="real-mark">REAL</strong>
      <span data-testid="real-cluster-id">cluster {snapshot?.clusterId ?? '?'}</span>
      <span data-testid="real-bootstrap">{snapshot?.bootstrap ?? ''}</span>
      {snapshot && <span>{snapshot.origin === 'local' ? 'local cluster' : 'named cluster'}</span>}
      <span
        className={`real-status ${status.kind}`}
        data-testid="real-status"
        data-status={status.kind}
        role="status"
      >
        {status.text}
      </span>
    </p>
  );
}

function Picture({
  snapshot,
  view,
  topic,
  taken,
  beside,
}: Required<Pick<RealStageProps, 'view'>> & {
  snapshot: RealSnapshot;
  topic: RealTopic | null;
  taken: TakenAction | undefined;
  beside: ReactNode;
}) {
  if (!topic)
    return (
      <p className="stage-empty" data-testid="real-no-topic">
        This cluster has no topic yet: create one with the controls below.
      </p>
    );
  switch (view) {
    case 'topics':
      return <RealTopicLanes topic={topic} taken={taken} />;
    case 'consumers':
      return <RealGroups topic={topic} groups={snapshot.groups} />;
    case 'brokers':
      return (
        <div className={beside ? 'with-metrics' : 'real-alone'}>
          <RealBrokers
            topic={topic}
            brokers={snapshot.brokers}
            width={beside ? STAGE_WIDTH_BESIDE_METRICS : STAGE_WIDTH}
          />
          {beside}
        </div>
      );
  }
}

export function RealStage({
  snapshot,
  view,
  topic,
  link = { state: 'open', since: 0 },
  now = snapshot?.at ?? 0,
  pollMs = 1000,
  taken,
  beside,
}: RealStageProps) {
  const status = realStatus(snapshot, link, now, pollMs);
  const shown = shownTopic(snapshot, topic);
  const dimmed = status.kind === 'unreachable' || status.kind === 'stale';
  return (
    <section
      className="real-stage"
      data-testid="real-stage"
      data-view={view}
      data-seq={snapshot?.seq ?? ''}
      data-topic={shown?.name ?? ''}
      aria-label={`Real cluster ${snapshot?.clusterId ?? ''}: ${view}`}
    >
      <Band snapshot={snapshot} status={status} />
      <div className={dimmed ? 'real-picture dimmed' : 'real-picture'}>
        {snapshot && snapshot.reachability.state !== 'connecting' ? (
          <Picture snapshot={snapshot} view={view} topic={shown} taken={taken} beside={beside} />
        ) : (
          <p className="stage-empty" data-testid="real-waiting">
            {status.text}
          </p>
        )}
        {dimmed && snapshot && (
          <p className="real-dimmed-note" data-testid="real-unreachable" role="alert">
            {status.text}
            <br />
            <small>
              {status.kind === 'stale'
                ? `the picture is the cluster at ${clockTime(snapshot.at)}`
                : 'the picture is the last state the cluster gave'}
            </small>
          </p>
        )}
      </div>
    </section>
  );
}

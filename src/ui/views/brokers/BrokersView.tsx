/**
 * Brokers holding replicas (slide 40, "Replicate for fault tolerance"): producers on the left, one box per
 * broker with its replica of each partition as a log lane, the leader's ★, ISR membership, log end offsets
 * and the high watermark, and the traffic between them. A pure function of (engine frame, playhead).
 */
import type { ProducerConfig } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { useMetricsShown } from '../../store/hooks';
import { CurrentMetrics } from '../metrics/CurrentMetrics';
import { BrokerBox } from './BrokerBox';
import {
  BROKER_X,
  brokersLayout,
  PRODUCER_BOX,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  STAGE_WIDTH_BESIDE_METRICS,
} from './brokers-layout';
import { type ClusterPicture, pictureAt } from './replica-picture';
import { Traffic } from './Traffic';
import './brokers.css';

interface Props {
  view: Extract<SceneView, { kind: 'brokers' }>;
  frame: Frame;
  /** Model time the picture shows. */
  playheadMs: number;
  /** The place, for the metrics panel's history over the scene. */
  sceneIndex: number;
  step: number;
}

function ProducerBox({
  id,
  config,
  pic,
  y,
}: {
  id: string;
  config: ProducerConfig;
  pic: ClusterPicture;
  y: number;
}) {
  const error = pic.lastError[id];
  const x = PRODUCER_BOX.x + 14;
  return (
    <g
      data-testid={`producer-${id}`}
      role="group"
      aria-label={`Producer ${id}, acks=${config.acks}, ${pic.acked[id] ?? 0} records acknowledged${error ? `, last request refused: ${error}` : ''}`}
    >
      <rect
        className="producer"
        x={PRODUCER_BOX.x}
        y={y}
        width={PRODUCER_BOX.width}
        height={PRODUCER_BOX.height}
        rx={12}
      />
      <g aria-hidden="true">
        <text className="node-title" x={x} y={y + 36}>
          {id}
        </text>
        <text className="producer-acks" x={x} y={y + 72}>
          acks={config.acks}
        </text>
        {error ? (
          <>
            <text className="producer-error" x={x} y={y + 106}>
              ✗ refused:
            </text>
            <text
              className="producer-error code"
              x={x}
              y={y + 144}
              // Kafka's error codes are long: squeeze the longest into the box rather than shrink the type.
              {...(error.length > 17
                ? { textLength: PRODUCER_BOX.width - 28, lengthAdjust: 'spacingAndGlyphs' }
                : {})}
            >
              {error}
            </text>
          </>
        ) : (
          <>
            <text className="node-detail" x={x} y={y + 106}>
              {config.idempotent ? 'idempotent' : 'not idempotent'}
            </text>
            <text className="producer-acked" x={x} y={y + 144}>
              ✓ {pic.acked[id] ?? 0} acknowledged
            </text>
          </>
        )}
      </g>
    </g>
  );
}

/** The picture with the operator metrics beside it, when the panel is on (the M key). */
export function BrokersView(props: Props) {
  const shown = useMetricsShown(props.sceneIndex);
  if (!shown) return <BrokersPicture {...props} width={STAGE_WIDTH} />;
  return (
    <div className="with-metrics">
      <BrokersPicture {...props} width={STAGE_WIDTH_BESIDE_METRICS} />
      <CurrentMetrics sceneIndex={props.sceneIndex} step={props.step} />
    </div>
  );
}

function BrokersPicture({ view, frame, playheadMs, width }: Props & { width: number }) {
  const topic = frame.state.topics[view.topic];
  if (!topic) return <p className="stage-empty">Topic {view.topic} does not exist yet.</p>;
  const pic = pictureAt(frame, view.topic, playheadMs);
  const brokers = Object.keys(frame.state.brokers).map(Number);
  const layout = brokersLayout(brokers, pic, width);
  const producers = view.producers.filter((id) => frame.state.producers[id]);
  const producerIndex = (id: string) => Math.max(0, producers.indexOf(id));
  const title = [
    `topic “${view.topic}”`,
    `RF ${topic.config.replicationFactor}`,
    `min.insync.replicas=${topic.config.minInsyncReplicas}`,
  ].join(' · ');
  // Beside the metrics panel the title starts over the producers (free above their boxes), leaving room for the epochs.
  const titleX = width < STAGE_WIDTH && producers.length <= 3 ? PRODUCER_BOX.x : BROKER_X;
  const epochs = pic.partitions.map((p) => `P${p.partition} leader epoch ${p.leaderEpoch}`).join(' · ');
  const lost = pic.partitions.flatMap((p) =>
    p.offsetsLost.map((l) => `P${p.partition}: offsets ${l.fromOffset}–${l.toOffset - 1} lost`),
  );
  return (
    <svg
      className="stage-svg brokers-view"
      viewBox={`0 0 ${width} ${STAGE_HEIGHT}`}
      // A group, not an img: an img's children are presentational, and the lanes and records are named.
      role="group"
      aria-label={`${brokers.length} brokers holding replicas of topic ${view.topic}`}
    >
      {producers.map((id, i) => (
        <ProducerBox
          key={id}
          id={id}
          config={frame.state.producers[id]!.config}
          pic={pic}
          y={layout.producerY(i, producers.length)}
        />
      ))}
      <text className="topic-title" x={titleX} y={26}>
        {title}
      </text>
      <text
        className={lost.length > 0 ? 'topic-title offsets-lost' : 'topic-title'}
        x={width - 8}
        y={26}
        textAnchor="end"
      >
        {lost.length > 0 ? lost.join(' · ') : epochs}
      </text>
      {brokers.map((b) => (
        <BrokerBox key={b} broker={b} pic={pic} layout={layout} topic={view.topic} />
      ))}
      <Traffic
        frame={frame}
        playheadMs={playheadMs}
        layout={layout}
        pic={pic}
        topic={view.topic}
        producerIndex={producerIndex}
        producerCount={producers.length}
      />
    </svg>
  );
}

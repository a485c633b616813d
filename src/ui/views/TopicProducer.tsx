/**
 * A producer in the topic view: its box (client, partitioner, the partition count it knows), under it the
 * computation of its last decision in this step with the engine's numbers, and arrows to the partitions it
 * chose, the last one bright. A metadata refresh in the step takes the computation's place.
 */
import type { EngineEvent, ProducerConfig } from '../../engine';
import { choiceLines } from './describe-choice';
import { ARROW_START_X, CALLOUT_LINE_HEIGHT, LANE_X, PRODUCER_BOX, type TopicLayout } from './topic-layout';

type Chosen = Extract<EngineEvent, { type: 'partitionChosen' }>;
type Refreshed = Extract<EngineEvent, { type: 'producerMetadataRefreshed' }>;

/** How the producer picks a partition, in the words of the scene's lesson. */
function partitionerLabel(c: ProducerConfig, keyed: boolean): string {
  if (c.client === 'librdkafka') return keyed ? 'librdkafka · crc32(key)' : 'librdkafka · sticky 10 ms';
  if (keyed) return 'Java · murmur2(key)';
  return c.keyless === 'round-robin' ? 'no key: round robin' : 'no key: sticky';
}

/** An arrow from the producers' column to a lane, its head drawn as a triangle (no marker ids to clash). */
function Arrow({
  x1,
  y1,
  x2,
  y2,
  className,
}: {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  className: string;
}) {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const head = 14;
  const p = (d: number, turn: number) =>
    `${x2 - head * Math.cos(a + turn) * d},${y2 - head * Math.sin(a + turn) * d}`;
  return (
    <g className={className} aria-hidden="true">
      <line x1={x1} y1={y1} x2={x2 - Math.cos(a) * head * 0.8} y2={y2 - Math.sin(a) * head * 0.8} />
      <polygon points={`${x2},${y2} ${p(1, 0.45)} ${p(1, -0.45)}`} />
    </g>
  );
}

interface ProducerProps {
  id: string;
  config: ProducerConfig;
  y: number;
  layout: TopicLayout;
  /** This producer's decisions in this step, by the playhead, oldest first. */
  chosen: readonly Chosen[];
  /** Its metadata refresh in this step, if any, by the playhead. */
  refreshed: Refreshed | undefined;
  knownPartitions: number | null;
  stale: boolean;
  /** The topic's partition count now, which a stale producer does not know yet. */
  lanesNow: number;
  keyed: boolean;
  otherClient: boolean;
  /** Values of this step's records, by record id, to name keyless records in the computation. */
  values: ReadonlyMap<string, { value: string }>;
}

export function Producer({
  id,
  config,
  y,
  layout,
  chosen,
  refreshed,
  knownPartitions,
  stale,
  lanesNow,
  keyed,
  otherClient,
  values,
}: ProducerProps) {
  const last = chosen.at(-1);
  // A refresh after the last send is this step's news; a send after the refresh shows its computation.
  const showRefresh = refreshed !== undefined && (last === undefined || last.atMs < refreshed.atMs);
  const lines = showRefresh
    ? ['metadata refreshed:', `${refreshed.from} → ${refreshed.to} partitions`]
    : last
      ? choiceLines(last, last.key === null ? values.get(last.recordId)?.value : undefined)
      : [];
  const top = y + PRODUCER_BOX.height + CALLOUT_LINE_HEIGHT;
  const lastLineY = top + (lines.length - 1) * CALLOUT_LINE_HEIGHT;
  const arrowFrom = { x: ARROW_START_X, y: last ? lastLineY : y + PRODUCER_BOX.height / 2 };
  const laneMid = (p: number) => layout.laneY(p) + layout.laneHeight / 2;
  const earlier = [...new Set(chosen.slice(0, -1).map((c) => c.partition))].filter(
    (p) => p !== last?.partition,
  );
  // The producer's own count beside the topic's: "4 of 6" once a send in this step used the old count (the
  // reason keys did not move). Before that, a predict step keeps the plain count, a clue rather than the answer.
  const staleSend = stale && last !== undefined && !showRefresh;
  const metadataText =
    knownPartitions === null
      ? 'metadata: not fetched'
      : staleSend
        ? `hashes over ${knownPartitions} of ${lanesNow}`
        : `metadata: ${knownPartitions} partitions`;
  return (
    <g data-testid={`producer-${id}`} aria-label={`Producer ${id}`}>
      <rect
        className={otherClient ? 'producer other-client' : 'producer'}
        x={PRODUCER_BOX.x}
        y={y}
        width={PRODUCER_BOX.width}
        height={PRODUCER_BOX.height}
        rx={12}
      />
      <text className="node-title" x={PRODUCER_BOX.x + 14} y={y + 30}>
        {id}
      </text>
      <text className="node-detail" x={PRODUCER_BOX.x + 14} y={y + 60}>
        {partitionerLabel(config, keyed)}
      </text>
      {keyed && (
        <text
          className={staleSend ? 'node-detail stale' : showRefresh ? 'node-detail changed' : 'node-detail'}
          data-testid={`metadata-${id}`}
          x={PRODUCER_BOX.x + 14}
          y={y + 88}
        >
          {metadataText}
        </text>
      )}
      {lines.length > 0 && (
        <g
          className={showRefresh ? 'computation refresh' : 'computation'}
          data-testid={`computation-${id}`}
          {...(last && !showRefresh ? { 'data-partition': last.partition } : {})}
        >
          {lines.map((line, i) => (
            <text
              key={line}
              className="computation-line"
              x={PRODUCER_BOX.x + 6}
              y={top + i * CALLOUT_LINE_HEIGHT}
            >
              {line}
            </text>
          ))}
        </g>
      )}
      {earlier.map((p) => (
        <Arrow
          key={p}
          className={otherClient ? 'send-arrow earlier other-client' : 'send-arrow earlier'}
          x1={arrowFrom.x}
          y1={arrowFrom.y}
          x2={LANE_X - 2}
          y2={laneMid(p)}
        />
      ))}
      {last && !showRefresh && (
        <g data-testid={`arrow-${id}`} data-partition={last.partition}>
          <Arrow
            className={otherClient ? 'send-arrow other-client' : 'send-arrow'}
            x1={arrowFrom.x}
            y1={arrowFrom.y}
            x2={LANE_X - 2}
            y2={laneMid(last.partition)}
          />
        </g>
      )}
    </g>
  );
}

/**
 * A real topic's lanes: one per partition, its newest records by offset with key and value (the bridge's
 * newest records below the high watermark), the log start offset and the high watermark; on the left, what
 * the cluster says of the topic and the newest record produced from the stage, where real Kafka put it and
 * where the simulator's partitioner says it goes. Nothing in flight: Kafka does not expose it.
 */
import type { RealTopic } from '../../reality/protocol';
import { RecordBox } from '../views/RecordBox';
import {
  LABEL_AT,
  LANE_WIDTH,
  LANE_X,
  laneLayout,
  OFFSET_AT,
  PRODUCER_BOX,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  TITLE_Y,
} from '../views/topic-layout';
import { realLanes } from './real-lanes';
import type { TakenAction } from './reality-store';

const CONFIGS_SHOWN = ['min.insync.replicas', 'cleanup.policy', 'retention.ms'] as const;

function LastProduce({ taken, y }: { taken: TakenAction | undefined; y: number }) {
  const x = PRODUCER_BOX.x + 14;
  if (taken?.action.kind !== 'produce' || !taken.result?.ok || !taken.result.produced)
    return (
      <text className="real-muted" x={x} y={y}>
        Produce one below
      </text>
    );
  const { produced } = taken.result;
  const { key } = taken.action;
  const predicted = taken.predictedPartition;
  const agree = predicted === produced.partition;
  return (
    <g data-testid="real-produced" data-partition={produced.partition} data-offset={produced.offset}>
      <text className="real-card-title" x={x} y={y}>
        {key === null ? 'no key' : `key ${key.length > 12 ? `${key.slice(0, 11)}…` : key}`}
      </text>
      <text className="real-line" x={x} y={y + 30} data-testid="real-partition">
        Kafka: P{produced.partition} @ {produced.offset}
      </text>
      <text
        className={predicted === null ? 'real-muted' : agree ? 'real-line ok' : 'real-line bad'}
        x={x}
        y={y + 58}
        data-testid="predicted-partition"
        data-predicted={predicted ?? ''}
      >
        {predicted === null ? 'no key: no prediction' : `simulator: P${predicted} ${agree ? '✓' : '✗'}`}
      </text>
    </g>
  );
}

export function RealTopicLanes({ topic, taken }: { topic: RealTopic; taken: TakenAction | undefined }) {
  const lanes = realLanes(topic.partitions);
  const layout = laneLayout(topic.partitions.length, lanes.window, 1);
  const rf = topic.partitions[0]?.replicas.length ?? 0;
  const cardY = 46;
  return (
    <svg
      className="stage-svg real-svg"
      viewBox={`0 0 ${STAGE_WIDTH} ${STAGE_HEIGHT}`}
      role="img"
      aria-label={`Real topic ${topic.name} with ${topic.partitions.length} partitions`}
    >
      <text className="topic-title" x={LANE_X} y={TITLE_Y}>
        topic “{topic.name}”{lanes.aligned ? '' : ' · newest records of each partition'}
      </text>
      <g data-box="topic facts">
        <rect
          className="real-card"
          x={PRODUCER_BOX.x}
          y={cardY}
          width={PRODUCER_BOX.width}
          height={200}
          rx={12}
        />
        <text className="real-card-title" x={PRODUCER_BOX.x + 14} y={cardY + 32}>
          {topic.partitions.length} partitions · RF {rf}
        </text>
        {CONFIGS_SHOWN.map((c, i) => (
          <text key={c} className="real-line small" x={PRODUCER_BOX.x + 14} y={cardY + 66 + i * 28}>
            {c} {topic.configs[c] ?? '?'}
          </text>
        ))}
        <text className="real-muted small" x={PRODUCER_BOX.x + 14} y={cardY + 176}>
          records in flight: not exposed
        </text>
      </g>
      <g data-box="last produce">
        <rect
          className="real-card"
          x={PRODUCER_BOX.x}
          y={cardY + 220}
          width={PRODUCER_BOX.width}
          height={104}
          rx={12}
        />
        <LastProduce taken={taken} y={cardY + 252} />
      </g>
      {topic.partitions.map((p) => {
        const lane = lanes.lanes.get(p.partition)!;
        const y = layout.laneY(p.partition);
        const box = (offset: number) => ({
          x: layout.slotX(offset + lane.shift) + 3,
          y: y + 4,
          width: layout.slotWidth - 6,
          height: layout.laneHeight - 8,
        });
        const hw = box(p.highWatermark);
        return (
          <g
            key={p.partition}
            data-testid={`real-partition-${topic.name}-${p.partition}`}
            data-high-watermark={p.highWatermark}
            data-log-start-offset={p.logStartOffset}
            role={lane.records.length > 0 ? 'list' : 'group'}
            aria-label={`Partition P${p.partition} of ${topic.name}, log start offset ${p.logStartOffset}, high watermark ${p.highWatermark}`}
          >
            <rect className="lane" x={LANE_X} y={y} width={LANE_WIDTH} height={layout.laneHeight} rx={10} />
            <text
              className="lane-label"
              x={LANE_X + 12}
              y={y + layout.laneHeight / 2}
              dominantBaseline="central"
            >
              P{p.partition}
            </text>
            {lane.records.map((r) => {
              const b = box(r.offset);
              const value = r.value ?? 'null';
              return (
                <RecordBox
                  key={r.offset}
                  record={{ offset: r.offset, key: r.key, value }}
                  partition={p.partition}
                  box={b}
                  labelY={b.y + b.height * LABEL_AT}
                  offsetY={b.y + b.height * OFFSET_AT}
                  // A real value can be long: the key names a keyed record, the value a keyless one (both in its name).
                  label={r.key ?? value}
                  charWidth={13}
                  data={{ 'data-timestamp': String(r.timestamp) }}
                />
              );
            })}
            <g className="next-offset" aria-hidden="true" data-testid="real-high-watermark">
              <rect className="next-slot" x={hw.x} y={hw.y} width={hw.width} height={hw.height} rx={8} />
              <text
                className="next-label"
                x={hw.x + hw.width / 2}
                y={hw.y + hw.height * LABEL_AT}
                textAnchor="middle"
                dominantBaseline="central"
              >
                HW
              </text>
              <text
                className="next-label"
                x={hw.x + hw.width / 2}
                y={hw.y + hw.height * OFFSET_AT}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {p.highWatermark}
              </text>
            </g>
            {lane.firstShown > p.logStartOffset && (
              <text
                className="real-muted small"
                x={LANE_X + 12}
                y={y + layout.laneHeight - 8}
                aria-hidden="true"
              >
                from {p.logStartOffset}…
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

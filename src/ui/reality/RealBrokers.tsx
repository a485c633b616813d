/**
 * Brokers and replication on a real cluster: one box per broker (up, or fenced once Kafka dropped it from
 * the metadata), and in it one lane per replica of the topic: leader (★, with the leader epoch) or follower,
 * in the ISR or not, the records it is known to hold coloured by how many copies exist, its log end offset
 * where the cluster reports it, and the partition's high watermark. Laid out by the simulated brokers
 * view's layout, so the two pictures put the same things in the same places.
 */
import type { RealBroker, RealTopic } from '../../reality/protocol';
import {
  BROKER_X,
  brokerName,
  brokersLayout,
  LANE_X,
  STAGE_HEIGHT,
  STAGE_WIDTH,
} from '../views/brokers/brokers-layout';
import { COPIES_COLOUR, copiesClass, copiesLegend } from '../views/brokers/copies';
import { ReplicaRecord } from '../views/brokers/ReplicaRecord';
import '../views/brokers/brokers.css';
import { type RealPartitionPicture, realPicture } from './real-picture';

const CHIP_W = 112;

function RoleChip({ p, broker, x, y }: { p: RealPartitionPicture; broker: number; x: number; y: number }) {
  const leader = p.leader === broker;
  const inIsr = p.isr.includes(broker);
  const text = leader
    ? `★P${p.partition} e${p.leaderEpoch ?? '?'}`
    : inIsr
      ? `P${p.partition} ISR`
      : `P${p.partition} out`;
  return (
    <g data-box="role">
      <rect
        className={leader ? 'badge leader' : inIsr ? 'badge follower' : 'badge follower out'}
        x={x}
        y={y + 9}
        width={CHIP_W - 8}
        height={34}
        rx={17}
      />
      <text className="badge-text real-chip" x={x + (CHIP_W - 8) / 2} y={y + 33} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

export function RealBrokers({
  topic,
  brokers,
  width,
}: {
  topic: RealTopic;
  brokers: readonly RealBroker[];
  width: number;
}) {
  const pic = realPicture(topic, brokers);
  const ids = [...brokers].map((b) => b.id).sort((a, b) => a - b);
  const layout = brokersLayout(ids, pic.layoutPicture, width);
  const rf = topic.partitions[0]?.replicas.length ?? 1;
  const compact = width < STAGE_WIDTH;
  const thin = layout.laneHeight < 52;
  return (
    <svg
      className="stage-svg brokers-view real-svg"
      viewBox={`0 0 ${width} ${STAGE_HEIGHT}`}
      role="img"
      aria-label={`Real brokers and the replicas of topic ${topic.name}`}
    >
      <text className="topic-title" x={BROKER_X} y={26}>
        topic “{topic.name}” · replication factor {rf}
      </text>
      <g data-box="legend" aria-hidden="true">
        <rect className="real-card" x={4} y={40} width={244} height={190} rx={12} />
        <text className="real-card-title" x={18} y={72}>
          copies held
        </text>
        {copiesLegend(rf).map((l, i) => (
          <g key={l.cls}>
            <rect x={18} y={88 + i * 36} width={28} height={26} rx={6} fill={COPIES_COLOUR[l.cls]} />
            <text className="real-line small" x={56} y={108 + i * 36}>
              {l.label} {l.label === '1' ? 'copy' : 'copies'}
            </text>
          </g>
        ))}
        <text className="real-muted small" x={18} y={214}>
          ★ leader, eN its epoch
        </text>
      </g>
      {ids.map((id) => {
        const b = brokers.find((x) => x.id === id)!;
        const alive = pic.alive[id] ?? false;
        const y = layout.brokerY(id);
        const hosted = pic.partitions.filter((p) => p.replicas.some((r) => r.broker === id));
        const chipsX = BROKER_X + layout.brokerWidth - 16 - hosted.length * CHIP_W;
        return (
          <g
            key={id}
            data-testid={`real-broker-${id}`}
            data-state={b.state}
            data-box="broker"
            className={alive ? 'broker' : 'broker dead'}
            role="group"
            aria-label={`${brokerName(id)}, id ${id}, ${alive ? 'up' : 'fenced'}`}
          >
            <rect
              className="broker-box"
              x={BROKER_X}
              y={y}
              width={layout.brokerWidth}
              height={layout.brokerHeight}
              rx={14}
            />
            <text className="broker-name" x={BROKER_X + 16} y={y + 34}>
              {brokerName(id)}
            </text>
            {!compact && (
              <text className="broker-id" x={BROKER_X + 170} y={y + 34}>
                id {id}
                {b.pid ? ` · pid ${b.pid}` : ''}
              </text>
            )}
            {alive ? (
              hosted.map((p, i) => (
                <RoleChip key={p.partition} p={p} broker={id} x={chipsX + i * CHIP_W} y={y} />
              ))
            ) : (
              <text className="crashed" x={BROKER_X + layout.brokerWidth - 16} y={y + 34} textAnchor="end">
                ✗ fenced
              </text>
            )}
            {hosted.map((p) => {
              const replica = p.replicas.find((r) => r.broker === id)!;
              const leader = p.leader === id;
              const inIsr = p.isr.includes(id);
              const ly = layout.laneY(id, p.partition);
              const h = layout.laneHeight;
              const hwX = layout.slotX(p.highWatermark) - 3;
              return (
                <g
                  key={p.partition}
                  data-testid={`real-replica-${topic.name}-${p.partition}-${id}`}
                  data-leader={String(leader)}
                  data-in-isr={String(inIsr)}
                  data-leader-epoch={p.leaderEpoch ?? ''}
                  className={p.leader === null ? 'fade offline' : 'fade'}
                  role={replica.records.length > 0 ? 'list' : 'group'}
                  aria-label={`P${p.partition} on ${brokerName(id)}: ${p.leader === null ? 'offline, no leader' : leader ? `leader, epoch ${p.leaderEpoch}` : 'follower'}, ${inIsr ? 'in ISR' : 'out of ISR'}, log end offset ${replica.logEndOffset ?? 'not available from this cluster'}, high watermark ${p.highWatermark}`}
                >
                  <rect
                    className={inIsr ? 'replica-lane' : 'replica-lane out-of-isr'}
                    x={LANE_X}
                    y={ly}
                    width={layout.laneWidth}
                    height={h}
                    rx={10}
                    aria-hidden="true"
                  />
                  <text
                    className={thin ? 'lane-label real-thin' : 'lane-label'}
                    x={LANE_X + 10}
                    y={ly + h / 2}
                    dominantBaseline="central"
                    aria-hidden="true"
                  >
                    P{p.partition}
                  </text>
                  {replica.records.map((r) => {
                    const box = {
                      x: layout.slotX(r.offset),
                      y: ly + 3,
                      width: layout.slotWidth - 6,
                      height: h - 6,
                    };
                    const copies = p.replicas.filter((x) =>
                      x.records.some((y) => y.offset === r.offset),
                    ).length;
                    const fill = COPIES_COLOUR[copiesClass(copies, rf)];
                    // A lane too thin for a label (several partitions on a broker) shows the record's box alone.
                    if (thin)
                      return (
                        <rect
                          key={r.id}
                          className="record"
                          data-testid={leader ? 'record' : 'replica-record'}
                          data-partition={p.partition}
                          data-offset={r.offset}
                          data-broker={id}
                          data-copies={copies}
                          x={box.x}
                          y={box.y}
                          width={box.width}
                          height={box.height}
                          rx={4}
                          fill={fill}
                        />
                      );
                    return (
                      <ReplicaRecord
                        key={r.id}
                        record={r}
                        partition={p.partition}
                        box={box}
                        leader={leader}
                        broker={{ id, name: brokerName(id) }}
                        copies={copies}
                        replicationFactor={rf}
                      />
                    );
                  })}
                  {!alive && replica.records.length === 0 && !thin && (
                    <text
                      className="real-muted small"
                      x={LANE_X + 70}
                      y={ly + h / 2}
                      dominantBaseline="central"
                    >
                      its log: not available from this cluster
                    </text>
                  )}
                  <g aria-hidden="true">
                    <line className="hw-line" x1={hwX} x2={hwX} y1={ly - 2} y2={ly + h + 2} />
                    {thin ? (
                      <text
                        className="leo real-info"
                        x={layout.laneInfoX}
                        y={ly + h / 2}
                        dominantBaseline="central"
                      >
                        LEO {replica.logEndOffset ?? '?'} HW {p.highWatermark}
                      </text>
                    ) : (
                      <>
                        <text
                          className="leo"
                          x={layout.laneInfoX}
                          y={ly + h / 2 - 13}
                          dominantBaseline="central"
                        >
                          LEO {replica.logEndOffset ?? 'n/a'}
                        </text>
                        <text
                          className="hw-label"
                          x={layout.laneInfoX}
                          y={ly + h / 2 + 13}
                          dominantBaseline="central"
                        >
                          HW {p.highWatermark}
                        </text>
                      </>
                    )}
                  </g>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

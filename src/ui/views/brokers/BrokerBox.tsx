/**
 * One broker on stage: its name and id, whether it is up, and for each partition of the topic its replica as
 * a log lane: leader or follower, in the ISR or not, its log end offset and the partition's high watermark.
 */
import { Fragment } from 'react';
import type { BrokerDownReason, BrokerId } from '../../../engine';
import { BROKER_X, type BrokersLayout, brokerName, LANE_X, STAGE_WIDTH } from './brokers-layout';
import { ReplicaRecord } from './ReplicaRecord';
import type { ClusterPicture, PartitionPicture } from './replica-picture';

/** What the step changed, for the picture to outline (issue 15, point 9): it reads with reduced motion. */
export interface Changes {
  /** `${broker}/${recordId}`: a copy this broker did not hold when the step began. */
  readonly copies: ReadonlySet<string>;
  /** `${partition}/${broker}`: the broker joined or left the partition's ISR. */
  readonly isr: ReadonlySet<string>;
  /** Partitions whose high watermark moved. */
  readonly highWatermark: ReadonlySet<number>;
}

export const NO_CHANGES: Changes = { copies: new Set(), isr: new Set(), highWatermark: new Set() };

interface BoxProps {
  broker: BrokerId;
  pic: ClusterPicture;
  layout: BrokersLayout;
  topic: string;
  /** How a broker that is down went down (brokerKilled or brokerShutDown). */
  down: BrokerDownReason | undefined;
  copies: ReadonlyMap<string, number>;
  replicationFactor: number;
  changes: Changes;
}

export function BrokerBox({
  broker,
  pic,
  layout,
  topic,
  down,
  copies,
  replicationFactor,
  changes,
}: BoxProps) {
  const alive = pic.alive[broker] ?? false;
  const downText = down === 'shut down' ? '⏻ shut down' : '✗ crashed';
  const y = layout.brokerY(broker);
  const name = brokerName(broker);
  const hosted = pic.partitions.filter((p) => p.replicas.some((r) => r.broker === broker));
  // Beside the metrics panel the box is narrower: the id (still in the accessible name) makes room.
  const compact = layout.width < STAGE_WIDTH;
  const roles = hosted.map((p) => `${p.leader === broker ? 'leader' : 'follower'} of P${p.partition}`);
  return (
    <g
      data-testid={`broker-${broker}`}
      data-box="broker"
      data-alive={String(alive)}
      {...(alive ? {} : { 'data-down': down ?? 'crashed' })}
      className={alive ? 'broker' : 'broker dead'}
      role="group"
      aria-label={`${name}, id ${broker}, ${alive ? 'up' : (down ?? 'crashed')}${roles.length ? `, ${roles.join(', ')}` : ''}`}
    >
      <rect
        className="broker-box"
        x={BROKER_X}
        y={y}
        width={layout.brokerWidth}
        height={layout.brokerHeight}
        rx={14}
      />
      <g aria-hidden="true" className="fade">
        <text className="broker-name" x={BROKER_X + 16} y={y + 34}>
          {name}
        </text>
        {!compact && (
          <text className="broker-id" x={BROKER_X + 170} y={y + 34}>
            id {broker}
          </text>
        )}
        {hosted.map((p, i) => (
          <Role
            key={p.partition}
            p={p}
            broker={broker}
            alive={alive}
            x={BROKER_X + (compact ? 170 : 236) + i * 330}
            y={y}
            many={hosted.length > 1}
            isrChanged={changes.isr.has(`${p.partition}/${broker}`)}
          />
        ))}
      </g>
      {!alive && (
        <text
          className={down === 'shut down' ? 'crashed shut-down' : 'crashed'}
          x={BROKER_X + layout.brokerWidth - 16}
          y={y + 36}
          textAnchor="end"
          aria-hidden="true"
        >
          {downText}
        </text>
      )}
      {hosted.map((p) => (
        <Lost
          key={p.partition}
          p={p}
          broker={broker}
          y={y}
          alive={alive}
          right={BROKER_X + layout.brokerWidth}
          compact={compact}
        />
      ))}
      {hosted.map((p) => (
        <ReplicaLane
          key={p.partition}
          p={p}
          broker={broker}
          layout={layout}
          topic={topic}
          copies={copies}
          replicationFactor={replicationFactor}
          changes={changes}
        />
      ))}
    </g>
  );
}

/** The leader badge (★, highlighted when elected during this step) and ISR membership. */
function Role({
  p,
  broker,
  alive,
  x,
  y,
  many,
  isrChanged,
}: {
  p: PartitionPicture;
  broker: BrokerId;
  alive: boolean;
  x: number;
  y: number;
  many: boolean;
  isrChanged: boolean;
}) {
  const leader = p.leader === broker;
  const fresh = leader && p.elected?.leader === broker;
  const inIsr = p.isr.includes(broker);
  const suffix = many ? ` P${p.partition}` : '';
  // A broker that is down neither leads nor fetches: only its ISR membership (none) is worth saying.
  if (!alive && !leader)
    return (
      <g>
        {isrChanged && (
          <rect className="changed-outline" x={x + 8} y={y + 9} width={146} height={36} rx={8} />
        )}
        <text className="isr out" x={x + 14} y={y + 35}>
          {inIsr ? 'in ISR' : 'out of ISR'}
        </text>
      </g>
    );
  // No leader: the partition is offline, and nobody is following anyone.
  if (p.leader === null)
    return (
      <g>
        <text className="isr out" x={x} y={y + 35}>
          no leader{suffix}
        </text>
        <text className={inIsr ? 'isr in' : 'isr out'} x={x + 150} y={y + 35}>
          {inIsr ? 'in ISR' : 'out of ISR'}
        </text>
      </g>
    );
  const isrX = x + (fresh ? 230 : 172);
  return (
    <g>
      <rect
        className={leader ? (fresh ? 'badge leader new' : 'badge leader') : 'badge follower'}
        x={x}
        y={y + 9}
        width={fresh ? 214 : 156}
        height={36}
        rx={18}
      />
      <text className={fresh ? 'badge-text new' : 'badge-text'} x={x + 14} y={y + 35}>
        {leader ? `★ ${fresh ? 'New leader' : 'Leader'}${suffix}` : `Follower${suffix}`}
      </text>
      {isrChanged && (
        <rect
          className="changed-outline"
          x={isrX - 6}
          y={y + 9}
          width={inIsr ? 92 : 146}
          height={36}
          rx={8}
        />
      )}
      <text className={inIsr ? 'isr in' : 'isr out'} x={isrX} y={y + 35}>
        {inIsr ? 'in ISR' : 'out of ISR'}
      </text>
    </g>
  );
}

/** Records this replica truncated during the step, struck through: they are gone from every log. */
function Lost({
  p,
  broker,
  y,
  alive,
  right,
  compact,
}: {
  p: PartitionPicture;
  broker: BrokerId;
  y: number;
  alive: boolean;
  /** The broker box's right edge. */
  right: number;
  /** A narrow box: the scissors in each record say "truncated" instead of a label before them. */
  compact: boolean;
}) {
  const lost = p.replicas.find((r) => r.broker === broker)?.lost ?? [];
  if (lost.length === 0) return null;
  const label = compact ? 0 : 136;
  const x0 = right - (alive ? 16 : 190) - lost.length * 100 - label;
  return (
    <g data-testid={`lost-${p.partition}-${broker}`}>
      {!compact && (
        <text className="lost-label" x={x0} y={y + 35} aria-hidden="true">
          truncated
        </text>
      )}
      {lost.map((r, i) => {
        const x = x0 + label + i * 100;
        return (
          <g
            key={r.id}
            className="lost-record"
            data-box="truncated record"
            data-lost-value={r.value}
            data-offset={r.offset}
            role="img"
            aria-label={`${r.value} at offset ${r.offset}, truncated from ${brokerName(broker)}: lost`}
          >
            <rect x={x} y={y + 6} width={92} height={40} rx={7} />
            <text x={x + 46} y={y + 35} textAnchor="middle">
              {compact ? `✂ ${r.value}` : r.value}
            </text>
            <line x1={x + 6} x2={x + 86} y1={y + 27} y2={y + 27} />
          </g>
        );
      })}
    </g>
  );
}

function ReplicaLane({
  p,
  broker,
  layout,
  topic,
  copies,
  replicationFactor,
  changes,
}: {
  p: PartitionPicture;
  broker: BrokerId;
  layout: BrokersLayout;
  topic: string;
  copies: ReadonlyMap<string, number>;
  replicationFactor: number;
  changes: Changes;
}) {
  const replica = p.replicas.find((r) => r.broker === broker)!;
  const offline = p.leader === null;
  const leader = p.leader === broker;
  const inIsr = p.isr.includes(broker);
  const y = layout.laneY(broker, p.partition);
  const h = layout.laneHeight;
  const hwX = layout.slotX(p.highWatermark) - 3;
  const name = brokerName(broker);
  return (
    <g
      data-testid={`replica-${topic}-${p.partition}-${broker}`}
      data-leader={String(leader)}
      data-in-isr={String(inIsr)}
      data-offline={String(offline)}
      className={offline ? 'fade offline' : 'fade'}
      role={replica.records.length > 0 ? 'list' : 'group'}
      aria-label={`P${p.partition} on ${name}: ${offline ? 'offline, no leader' : leader ? 'leader' : 'follower'}, ${inIsr ? 'in ISR' : 'out of ISR'}, log end offset ${replica.logEndOffset}, high watermark ${p.highWatermark}`}
    >
      <g aria-hidden="true">
        <rect
          className={inIsr ? 'replica-lane' : 'replica-lane out-of-isr'}
          x={LANE_X}
          y={y}
          width={layout.laneWidth}
          height={h}
          rx={10}
        />
        <text className="lane-label" x={LANE_X + 10} y={y + h / 2} dominantBaseline="central">
          P{p.partition}
        </text>
      </g>
      {replica.records.map((r) => {
        const box = { x: layout.slotX(r.offset), y: y + 5, width: layout.slotWidth - 6, height: h - 10 };
        const n = copies.get(r.id) ?? 1;
        const fresh = changes.copies.has(`${broker}/${r.id}`);
        return (
          <Fragment key={r.id}>
            <ReplicaRecord
              record={r}
              partition={p.partition}
              box={box}
              leader={leader}
              broker={{ id: broker, name }}
              copies={n}
              replicationFactor={replicationFactor}
              data={fresh ? { 'data-changed': 'true' } : {}}
            />
            {fresh && (
              <rect
                className="changed-outline"
                x={box.x - 3}
                y={box.y - 3}
                width={box.width + 6}
                height={box.height + 6}
                rx={10}
                aria-hidden="true"
              />
            )}
          </Fragment>
        );
      })}
      <g aria-hidden="true">
        <line className="hw-line" x1={hwX} x2={hwX} y1={y - 4} y2={y + h + 4} />
        <text className="leo" x={layout.laneInfoX} y={y + h / 2 - 15} dominantBaseline="central">
          LEO {replica.logEndOffset}
        </text>
        {changes.highWatermark.has(p.partition) && (
          <rect
            className="changed-outline"
            x={layout.laneInfoX - 5}
            y={y + h / 2}
            width={90}
            height={30}
            rx={8}
          />
        )}
        <text className="hw-label" x={layout.laneInfoX} y={y + h / 2 + 15} dominantBaseline="central">
          HW {p.highWatermark}
        </text>
      </g>
    </g>
  );
}

/**
 * The sandbox's brokers, in a strip above its groups: each broker up or down, how many of the topic's
 * partitions it leads, and which one coordinates a group (outlined like a coordinator). Killing a broker
 * from the Live panel greys its tile with a ✗, and the lanes it led name their new leader or go offline.
 * Reads engine state only.
 */
import type { EngineState } from '../../../engine';
import type { Box } from './consumers-layout';

export function BrokerStrip({
  state,
  topic,
  box,
  coordinators,
}: {
  state: EngineState;
  topic: string;
  box: Box;
  /** Brokers coordinating a group on stage. */
  coordinators: ReadonlySet<number>;
}) {
  const brokers = Object.values(state.brokers).sort((a, b) => a.id - b.id);
  const gap = 8;
  const w = (box.w - gap * (brokers.length - 1)) / Math.max(1, brokers.length);
  const partitions = state.topics[topic]?.partitions ?? [];
  const narrow = w < 130;
  return (
    <g className="broker-strip" role="list" aria-label="Brokers">
      {brokers.map((b, i) => {
        const up = b.alive && !b.fenced;
        const leads = partitions.filter((p) => p.leader === b.id).map((p) => p.partition);
        const x = box.x + i * (w + gap);
        const coordinator = coordinators.has(b.id);
        const second = !up
          ? '✗ down'
          : coordinator
            ? narrow
              ? 'coord.'
              : 'coordinator'
            : `leads ${leads.length}`;
        return (
          <g
            key={b.id}
            data-testid={`strip-broker-${b.id}`}
            data-box="broker"
            data-alive={String(up)}
            data-leads={leads.join(',')}
            role="listitem"
            aria-label={`Broker ${b.id}: ${up ? `up, leads ${leads.length === 0 ? 'no partition' : `P${leads.join(', P')}`}` : 'down'}${coordinator ? ', group coordinator' : ''}`}
            className={`strip-broker${up ? '' : ' down'}${coordinator ? ' coordinator' : ''}`}
          >
            <rect className="strip-tile" x={x} y={box.y} width={w} height={box.h} rx={10} />
            <text
              className="strip-name"
              x={x + w / 2}
              y={box.y + box.h * 0.32}
              textAnchor="middle"
              dominantBaseline="central"
            >
              {narrow ? `b${b.id}` : `broker ${b.id}`}
            </text>
            <text
              className="strip-detail"
              x={x + w / 2}
              y={box.y + box.h * 0.72}
              textAnchor="middle"
              dominantBaseline="central"
            >
              {second}
            </text>
          </g>
        );
      })}
    </g>
  );
}

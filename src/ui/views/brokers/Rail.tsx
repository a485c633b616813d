/**
 * The replication flow, always drawn (issue 15, point 9): an arrow from each partition's leader to each of
 * its followers, along a rail left of the broker boxes. A follower that is down or out of the ISR gets a
 * dashed arrow: nothing flows to it now. An offline partition has no leader, so no arrows.
 */
import { BROKER_X, type BrokersLayout, RAIL_X } from './brokers-layout';
import type { ClusterPicture } from './replica-picture';

export function Rail({ pic, layout }: { pic: ClusterPicture; layout: BrokersLayout }) {
  return (
    <g className="rail" aria-hidden="true">
      <defs>
        <marker
          id="rail-head"
          viewBox="0 0 10 10"
          refX={9}
          refY={5}
          markerWidth={5}
          markerHeight={5}
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="rail-head" />
        </marker>
      </defs>
      {pic.partitions.map((p, i) => {
        if (p.leader === null) return null;
        const mid = (b: number) => layout.laneY(b, p.partition) + layout.laneHeight / 2;
        // Partitions side by side on the rail, so several partitions' arrows do not lie on one line.
        const x = RAIL_X + i * 8;
        const from = mid(p.leader);
        return p.replicas
          .filter((r) => r.broker !== p.leader)
          .map((r) => {
            const to = mid(r.broker);
            const flowing = (pic.alive[r.broker] ?? false) && p.isr.includes(r.broker);
            return (
              <path
                key={`${p.partition}-${r.broker}`}
                data-testid={`rail-${p.partition}-${p.leader}-${r.broker}`}
                className={flowing ? 'rail-arrow' : 'rail-arrow idle'}
                d={`M${BROKER_X},${from} H${x} V${to} H${BROKER_X + 12}`}
                markerEnd="url(#rail-head)"
              />
            );
          });
      })}
    </g>
  );
}

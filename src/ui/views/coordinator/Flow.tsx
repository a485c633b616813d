/**
 * The links between each member and the coordinator's desk (requests up, answers down), the JoinGroups the
 * coordinator holds parked on them, and the protocol's messages in flight, labelled with their Kafka names.
 */
import type { EngineState } from '../../../engine';
import { along, type Box, brokerBoxes, findPath, memberLink, type Point } from './coordinator-layout';
import type { CoordinatorPictureAt } from './coordinator-model';

function Arrow({ from, to, className }: { from: Point; to: Point; className: string }) {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const head = (a: number) => `${to.x - 12 * Math.cos(angle + a)},${to.y - 12 * Math.sin(angle + a)}`;
  return (
    <g className={className}>
      <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      <polygon points={`${to.x},${to.y} ${head(0.45)} ${head(-0.45)}`} />
    </g>
  );
}

export function Links({
  consumers,
  boxes,
  held,
}: {
  consumers: readonly string[];
  boxes: ReadonlyMap<string, Box>;
  held: readonly string[];
}) {
  return (
    <g className="links" aria-hidden="true">
      {consumers.map((c, i) => {
        const box = boxes.get(c)!;
        const link = memberLink(box, i, consumers.length);
        const parked = held.includes(c) ? along(link.up, 0.5) : null;
        return (
          <g key={c}>
            <Arrow from={link.up[0]} to={link.up[1]} className="link up" />
            <Arrow from={link.down[0]} to={link.down[1]} className="link down" />
            {parked && (
              <g
                className="pill parked joinGroup"
                data-testid={`held-${c}`}
                data-box="pill"
                transform={`translate(${parked.x},${parked.y})`}
              >
                <rect x={-96} y={-16} width={192} height={32} rx={16} />
                <text x={0} y={0} textAnchor="middle" dominantBaseline="central">
                  JoinGroup: held
                </text>
              </g>
            )}
          </g>
        );
      })}
    </g>
  );
}

export function Pills({
  consumers,
  boxes,
  picture,
  state,
}: {
  consumers: readonly string[];
  boxes: ReadonlyMap<string, Box>;
  picture: CoordinatorPictureAt;
  state: EngineState;
}) {
  const brokerIds = Object.keys(state.brokers)
    .map(Number)
    .sort((a, b) => a - b);
  const brokers = brokerBoxes(brokerIds);
  return (
    <g className="flights" aria-hidden="true">
      {picture.flights.map((f) => {
        const i = consumers.indexOf(f.consumer);
        const box = boxes.get(f.consumer);
        if (!box || i < 0) return null;
        const link = memberLink(box, i, consumers.length);
        const broker = f.broker === null ? undefined : brokers.get(f.broker);
        const path =
          f.path === 'find' ? (broker ? findPath(box, broker) : null) : f.path === 'up' ? link.up : link.down;
        if (!path) return null;
        const point = along(path, f.progress);
        // Widths from the characters' count: 20px bold for the name, 20px mono for what it carries.
        const w = Math.max(f.text.length * 11.5, (f.detail?.length ?? 0) * 12) + 24;
        const h = f.detail ? 54 : 32;
        // A pill leaving or reaching a member waits just above its card, never over the member's name.
        const at = { x: point.x, y: Math.min(point.y, box.y - h / 2 - 2) };
        return (
          <g
            key={f.id}
            className={`pill flying ${f.kind}`}
            data-testid="flight"
            data-box="pill"
            data-kind={f.kind}
            data-consumer={f.consumer}
            transform={`translate(${at.x},${at.y})`}
          >
            <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={15} />
            <text x={0} y={f.detail ? -12 : 0} textAnchor="middle" dominantBaseline="central">
              {f.text}
            </text>
            {f.detail && (
              <text className="pill-detail" x={0} y={13} textAnchor="middle" dominantBaseline="central">
                {f.detail}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

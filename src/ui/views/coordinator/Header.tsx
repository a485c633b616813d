/**
 * The top of the coordinator scene: the formula FindCoordinator applies, with the engine's numbers, and the
 * strip of brokers with the __consumer_offsets partitions each leads, the group's own partition lit.
 */
import type { CoordinatorPicture, EngineState } from '../../../engine';
import { brokerBoxes, FORMULA_Y, tileRow, WIDTH } from './coordinator-layout';

export function Formula({ picture }: { picture: CoordinatorPicture }) {
  const { groupId, hashCode, partitionCount, partition, leader, offsetsTopic } = picture;
  return (
    <g
      data-testid="coordinator-formula"
      data-partition={partition}
      data-leader={leader ?? ''}
      className="formula"
    >
      <text
        className="formula-math"
        x={WIDTH / 2}
        y={FORMULA_Y[0]}
        textAnchor="middle"
        dominantBaseline="central"
      >
        abs("{groupId}".hashCode()) % {partitionCount} = abs({hashCode}) % {partitionCount} = {partition}
      </text>
      <text
        className="formula-result"
        x={WIDTH / 2}
        y={FORMULA_Y[1]}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {leader === null
          ? `→ ${offsetsTopic}-${partition}: its leader will coordinate the group`
          : `→ ${offsetsTopic}-${partition}, led by broker ${leader}: the group coordinator`}
      </text>
    </g>
  );
}

export function BrokerStrip({ state, picture }: { state: EngineState; picture: CoordinatorPicture }) {
  const ids = Object.keys(state.brokers)
    .map(Number)
    .sort((a, b) => a - b);
  const boxes = brokerBoxes(ids);
  return (
    <g className="broker-strip">
      {ids.map((id) => {
        const box = boxes.get(id)!;
        const led = picture.ledBy[id] ?? [];
        const coordinator = picture.leader === id;
        const tiles = tileRow(box, led.length);
        const lit = led.indexOf(picture.partition);
        const litX = lit < 0 ? 0 : tiles.x(lit) + tiles.w / 2;
        // The label's half width (21 characters of 20px mono) keeps it inside the box.
        const labelX = Math.max(box.x + 140, Math.min(box.x + box.w - 140, litX));
        return (
          <g
            key={id}
            className={`broker${coordinator ? ' coordinator' : ''}${state.brokers[id]!.alive ? '' : ' down'}`}
            data-testid={`broker-${id}`}
            data-box="broker"
          >
            <rect className="broker-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
            <text className="broker-name" x={box.x + 14} y={box.y + 18} dominantBaseline="central">
              broker {id}
            </text>
            {coordinator && (
              <text
                className="coordinator-tag"
                x={box.x + box.w - 14}
                y={box.y + 18}
                textAnchor="end"
                dominantBaseline="central"
              >
                group coordinator
              </text>
            )}
            <text className="broker-caption" x={box.x + 14} y={box.y + 44} dominantBaseline="central">
              {led.length > 0 ? `leads ${led.length} offsets partitions` : `no ${picture.offsetsTopic} yet`}
            </text>
            {led.map((p, i) =>
              p === picture.partition ? null : (
                <rect
                  key={p}
                  className="offsets-tile"
                  x={tiles.x(i)}
                  y={tiles.y}
                  width={tiles.w}
                  height={tiles.h}
                  rx={2}
                />
              ),
            )}
            {lit >= 0 && (
              <g
                data-testid={`offsets-partition-${picture.partition}`}
                data-leader={id}
                className="offsets-lit"
              >
                <rect x={tiles.x(lit) - 2} y={tiles.y - 3} width={tiles.w + 4} height={tiles.h + 6} rx={3} />
                <text x={labelX} y={box.y + box.h - 15} textAnchor="middle" dominantBaseline="central">
                  {picture.offsetsTopic}-{picture.partition}
                </text>
              </g>
            )}
          </g>
        );
      })}
    </g>
  );
}

/**
 * The boxes of slide 39: producers, brokers with a bar per partition they lead (its records, numbered), and
 * the group's consumers as fixed tiles: the partitions each owns, idle ones grey and counted once, and the
 * consumers that joined this step outlined, so the change reads in a still picture.
 */
import { memo } from 'react';
import type { EngineState } from '../../../engine';
import { groupLag } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { type Box, BROKER_AREA, barArea, CAPTION_Y, CONSUMER_AREA, PRODUCER_X } from './layout';

type View = Extract<SceneView, { kind: 'scalable' }>;

interface Props {
  state: EngineState;
  view: View;
  boxes: { producers: Map<string, Box>; brokers: Map<number, Box>; consumers: Map<string, Box> };
  /** Consumers added during this step. */
  added: ReadonlySet<string>;
}

const LABEL_ROW = 22;
/** The line under the consumer tiles: what a tile's number means, and how many sit idle. */
const LEGEND_Y = CONSUMER_AREA.y + CONSUMER_AREA.h + 18;

export const Structure = memo(function Structure({ state, view, boxes, added }: Props) {
  const topic = state.topics[view.topic];
  const owned = new Map<string, number>();
  for (const l of groupLag(state, view.group)) if (l.owner) owned.set(l.owner, (owned.get(l.owner) ?? 0) + 1);
  const leo = (p: NonNullable<typeof topic>['partitions'][number]) =>
    p.logs[p.leader ?? -1]?.logEndOffset ?? 0;
  const maxLeo = Math.max(1, ...(topic?.partitions.map(leo) ?? [1]));
  const consumers = [...boxes.consumers.keys()];
  const idle = consumers.filter((c) => !owned.has(c)).length;
  const joined = consumers.filter((c) => added.has(c)).length;
  return (
    <>
      <text className="caption" x={PRODUCER_X} y={CAPTION_Y}>
        producers
      </text>
      <text className="caption" x={BROKER_AREA.x + 5} y={CAPTION_Y}>
        {boxes.brokers.size} brokers · a bar per partition: its records
      </text>
      <text className="caption" data-testid="group-caption" x={CONSUMER_AREA.x} y={CAPTION_Y}>
        {`group ${view.group}: ${consumers.length} consumer${consumers.length === 1 ? '' : 's'}`}
        {joined > 0 && consumers.length > joined && (
          <tspan className="caption-new" data-testid="consumers-added">{` (+${joined} new)`}</tspan>
        )}
      </text>
      {consumers.length > 0 && (
        <text className="caption small" x={CONSUMER_AREA.x} y={LEGEND_Y}>
          number on a tile: partitions it reads
        </text>
      )}
      {idle > 0 && (
        <g data-testid="idle-label">
          <rect
            className="node consumer idle"
            x={CONSUMER_AREA.x + CONSUMER_AREA.w - 100}
            y={LEGEND_Y - 15}
            width={18}
            height={18}
            rx={3}
          />
          <text
            className="caption idle-caption"
            x={CONSUMER_AREA.x + CONSUMER_AREA.w}
            y={LEGEND_Y}
            textAnchor="end"
          >
            {idle} idle
          </text>
        </g>
      )}
      {[...boxes.producers].map(([id, b]) => (
        <g key={id} data-testid={`producer-${id}`} data-box="producer">
          <rect className="node producer" x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
          <text
            className="node-label"
            x={b.x + b.w / 2}
            y={b.y + b.h / 2}
            textAnchor="middle"
            dominantBaseline="central"
          >
            {id}
          </text>
        </g>
      ))}
      {[...boxes.brokers].map(([id, b]) => {
        const led = topic?.partitions.filter((p) => p.leader === id) ?? [];
        const area = barArea(b);
        const bw = area.w / Math.max(1, led.length);
        const barsH = area.h - LABEL_ROW;
        return (
          <g
            key={id}
            data-testid={`broker-${id}`}
            data-box="broker"
            aria-label={`Broker ${id}, leader of ${led.length} partitions`}
          >
            <rect className="node broker" x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            <text className="node-label" x={b.x + 10} y={b.y + 24}>
              broker {id}
            </text>
            {led.map((p, i) => {
              const h = (barsH * leo(p)) / maxLeo;
              return (
                <g key={p.partition}>
                  <rect
                    className="partition-fill"
                    x={area.x + i * bw + 2}
                    y={area.y + barsH - h}
                    width={bw - 4}
                    height={h}
                    data-partition={p.partition}
                  />
                  <text
                    className="partition-label"
                    x={area.x + i * bw + bw / 2}
                    y={area.y + area.h - 3}
                    textAnchor="middle"
                  >
                    P{p.partition}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      {[...boxes.consumers].map(([id, b]) => {
        const n = owned.get(id) ?? 0;
        const isNew = added.has(id);
        return (
          <g
            key={id}
            data-testid={`consumer-${id}`}
            data-box="consumer"
            role="img"
            data-partitions={n}
            data-new={isNew ? 'true' : undefined}
            aria-label={`Consumer ${id}: ${n === 0 ? 'idle' : `${n} partitions`}${isNew ? ', joined this step' : ''}`}
          >
            <rect
              className={`node consumer${n === 0 ? ' idle' : ''}${isNew ? ' new' : ''}`}
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
              rx={5}
            />
            {n > 0 && (
              <text
                className="tile-label"
                x={b.x + b.w / 2}
                y={b.y + b.h / 2}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {n}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
});

/**
 * Slide 39 at scale: producers, twelve brokers leading 48 partitions, a consumer group and its
 * throughput. The structure is SVG (text, accessibility); the records on the wire, hundreds at once, are
 * one canvas drawn each frame from the step's messages.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { EngineState } from '../../../engine';
import { groupLag } from '../../../engine';
import { scenes } from '../../../scenarios/registry';
import type { SceneView } from '../../../scenarios/types';
import { deckStore } from '../../store/deck-store';
import { NO_LIVE, stateAtStep } from '../../store/frames';
import type { ViewProps } from '../view-props';
import { drawFlights, flightsOf } from './flights';
import { type Box, brokerBoxes, consumerBoxes, H, producerBoxes, W } from './layout';
import { Throughput, type ThroughputPoint } from './Throughput';
import './scalable.css';

type View = Extract<SceneView, { kind: 'scalable' }>;

function committedTotal(state: EngineState, group: string): number {
  return groupLag(state, group).reduce((sum, l) => sum + (l.committedOffset ?? 0), 0);
}

/** One point per step so far: records committed per model second against the group's size then. */
function useThroughput(view: View, sceneIndex: number, step: number): ThroughputPoint[] {
  const live = useStore(deckStore, (s) => s.live[scenes[sceneIndex]?.id ?? ''] ?? NO_LIVE);
  return useMemo(() => {
    const points: ThroughputPoint[] = [];
    for (let k = 1; k <= step; k++) {
      const before = stateAtStep(sceneIndex, k - 1, live);
      const after = stateAtStep(sceneIndex, k, live);
      const seconds = (after.now - before.now) / 1000;
      if (seconds <= 0) continue;
      const consumers = Object.values(after.groups.consumers).filter(
        (c) => (c as { group?: string }).group === view.group,
      ).length;
      points.push({
        consumers,
        recordsPerSecond: (committedTotal(after, view.group) - committedTotal(before, view.group)) / seconds,
      });
    }
    return points;
  }, [sceneIndex, live, step, view.group]);
}

const Structure = memo(function Structure({
  state,
  view,
  boxes,
}: {
  state: EngineState;
  view: View;
  boxes: ReturnType<typeof layoutOf>;
}) {
  const topic = state.topics[view.topic];
  const lag = groupLag(state, view.group);
  const owned = new Map<string, number>();
  for (const l of lag) if (l.owner) owned.set(l.owner, (owned.get(l.owner) ?? 0) + 1);
  const maxLeo = Math.max(
    1,
    ...(topic?.partitions.map((p) => p.logs[p.leader ?? -1]?.logEndOffset ?? 0) ?? [1]),
  );
  return (
    <>
      {[...boxes.producers].map(([id, b]) => (
        <g key={id} data-testid={`producer-${id}`}>
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
        return (
          <g
            key={id}
            data-testid={`broker-${id}`}
            aria-label={`Broker ${id}, leader of ${led.length} partitions`}
          >
            <rect className="node broker" x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            <text className="node-label" x={b.x + 10} y={b.y + 26}>
              broker {id}
            </text>
            {led.map((p, i) => {
              const leo = p.logs[p.leader ?? -1]?.logEndOffset ?? 0;
              const bw = (b.w - 20) / Math.max(1, led.length);
              return (
                <rect
                  key={p.partition}
                  className="partition-fill"
                  x={b.x + 10 + i * bw}
                  y={b.y + b.h - 8 - ((b.h - 46) * leo) / maxLeo}
                  width={bw - 4}
                  height={((b.h - 46) * leo) / maxLeo}
                  data-partition={p.partition}
                />
              );
            })}
          </g>
        );
      })}
      {[...boxes.consumers].map(([id, b]) => {
        const n = owned.get(id) ?? 0;
        return (
          <g
            key={id}
            data-testid={`consumer-${id}`}
            data-partitions={n}
            aria-label={`Consumer ${id}: ${n === 0 ? 'idle' : `${n} partitions`}`}
          >
            <rect
              className={n === 0 ? 'node consumer idle' : 'node consumer'}
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
              rx={6}
            />
            <text
              className="node-label small"
              x={b.x + b.w / 2}
              y={b.y + b.h / 2}
              textAnchor="middle"
              dominantBaseline="central"
            >
              {n === 0 ? 'idle' : n}
            </text>
          </g>
        );
      })}
    </>
  );
});

function layoutOf(state: EngineState, view: View) {
  const producers = Object.keys(state.producers).sort();
  const brokers = Object.keys(state.brokers).map(Number);
  const consumers = Object.keys(state.groups.consumers)
    .filter((c) => (state.groups.consumers[c] as { group?: string }).group === view.group)
    .sort();
  return {
    producers: producerBoxes(producers),
    brokers: brokerBoxes(brokers),
    consumers: consumerBoxes(consumers),
  };
}

export function ScalableView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const boxes = useMemo(() => layoutOf(frame.state, view), [frame.state, view]);
  const flights = useMemo(
    () => flightsOf(frame.events, boxes.producers as Map<string, Box>, boxes.brokers, boxes.consumers),
    [frame, boxes],
  );
  const points = useThroughput(view, sceneIndex, step);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const w = wrap.current;
    if (!c || !w) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(w.clientWidth * ratio);
    const height = Math.round(w.clientHeight * ratio);
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const drawn = drawFlights(ctx, flights, playheadMs, width / W);
    c.dataset.inFlight = String(drawn);
  }, [flights, playheadMs]);
  const partitions = frame.state.topics[view.topic]?.partitions.length ?? 0;
  return (
    <div className="scalable" ref={wrap} style={{ aspectRatio: `${W} / ${H}` }}>
      <svg
        className="stage-svg scalable-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Topic ${view.topic} over ${Object.keys(frame.state.brokers).length} brokers, read by group ${view.group}`}
      >
        <Structure state={frame.state} view={view} boxes={boxes} />
        <Throughput points={points} partitions={partitions} />
      </svg>
      <canvas className="flights-canvas" ref={canvas} data-testid="flights-canvas" aria-hidden="true" />
    </div>
  );
}

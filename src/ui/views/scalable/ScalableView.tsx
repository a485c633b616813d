/**
 * Slide 39 at scale: producers, twelve brokers leading 48 partitions, a consumer group, the three figures
 * of the group's flow (produced, consumed, lag) and its capacity against demand. The structure is SVG
 * (text, accessibility); the records on the wire are one canvas under it, drawn each frame from the step's
 * messages, so they pass behind the boxes and never over a name.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { EngineState, GroupFlow } from '../../../engine';
import { groupCapacityPerSec, groupFlow } from '../../../engine';
import { scenes } from '../../../scenarios/registry';
import type { SceneView } from '../../../scenarios/types';
import { deckStore } from '../../store/deck-store';
import { NO_LIVE, stateAtStep } from '../../store/frames';
import type { ViewProps } from '../view-props';
import { CapacityChart, type CapacityPoint } from './CapacityChart';
import { drawFlights, flightsOf } from './flights';
import { type Box, brokerBoxes, consumerBoxes, H, producerBoxes, W } from './layout';
import { Readout } from './Readout';
import { Structure } from './Structure';
import './scalable.css';

type View = Extract<SceneView, { kind: 'scalable' }>;

/** The group's flow over each step so far (null for a step in which no model time passed). */
function useFlows(view: View, sceneIndex: number, step: number): (GroupFlow | null)[] {
  const live = useStore(deckStore, (s) => s.live[scenes[sceneIndex]?.id ?? ''] ?? NO_LIVE);
  return useMemo(() => {
    const flows: (GroupFlow | null)[] = [null];
    for (let k = 1; k <= step; k++) {
      const f = groupFlow(
        stateAtStep(sceneIndex, k - 1, live),
        stateAtStep(sceneIndex, k, live),
        view.group,
        view.topic,
      );
      flows.push(f.seconds > 0 ? f : null);
    }
    return flows;
  }, [sceneIndex, live, step, view.group, view.topic]);
}

/** The latest step at or before `k` in which time passed: a step with no traffic holds the last figures. */
function latest(flows: readonly (GroupFlow | null)[], k: number): { flow: GroupFlow | null; at: number } {
  for (let i = Math.min(k, flows.length - 1); i >= 1; i--) if (flows[i]) return { flow: flows[i]!, at: i };
  return { flow: null, at: 0 };
}

/**
 * One consumer's capacity, as measured: the most records per second a consumer that owns partitions has
 * committed over any step so far (the engine's consumedPerOwnerPerSec). A step where the group had records
 * waiting shows what a consumer can do here, fetch round trips and rebalances included; the configured
 * max.poll.records per poll is a ceiling this slow network never lets it reach.
 */
function perConsumerPerSec(flows: readonly (GroupFlow | null)[]): number {
  return Math.max(0, ...flows.map((f) => f?.consumedPerOwnerPerSec ?? 0));
}

function capacityPoints(flows: readonly (GroupFlow | null)[], perConsumer: number): CapacityPoint[] {
  const points: CapacityPoint[] = [];
  for (const f of flows) {
    if (!f || f.consumers === 0 || points[points.length - 1]?.consumers === f.consumers) continue;
    points.push({
      consumers: f.consumers,
      capacityPerSec: groupCapacityPerSec(f.consumersWithPartitions, f.partitions, perConsumer),
    });
  }
  return points;
}

function layoutOf(state: EngineState, view: View) {
  const producers = Object.keys(state.producers).sort();
  const brokers = Object.keys(state.brokers).map(Number);
  const consumers = Object.values(state.groups.consumers)
    .filter((c) => c.group === view.group)
    .map((c) => c.id)
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
  const flows = useFlows(view, sceneIndex, step);
  const now = latest(flows, step);
  const before = latest(flows, now.at - 1);
  const added = useMemo(
    () =>
      new Set(
        frame.events.flatMap((e) =>
          e.type === 'consumerAdded' && e.group === view.group ? [e.consumer] : [],
        ),
      ),
    [frame.events, view.group],
  );
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
    const css = getComputedStyle(w);
    const colours = {
      produce: css.getPropertyValue('--accent').trim() || '#ffb347',
      fetch: css.getPropertyValue('--ok').trim() || '#6fdc8c',
    };
    c.dataset.inFlight = String(drawFlights(ctx, flights, playheadMs, width / W, colours));
  }, [flights, playheadMs]);
  const partitions = frame.state.topics[view.topic]?.partitions.length ?? 0;
  const perConsumer = Math.round(perConsumerPerSec(flows));
  const points = capacityPoints(flows, perConsumer);
  return (
    <div className="scalable" ref={wrap} style={{ aspectRatio: `${W} / ${H}` }}>
      <canvas className="flights-canvas" ref={canvas} data-testid="flights-canvas" aria-hidden="true" />
      <svg
        className="stage-svg scalable-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Topic ${view.topic} over ${Object.keys(frame.state.brokers).length} brokers, read by group ${view.group}`}
      >
        <Readout
          flow={now.flow ?? groupFlow(frame.state, frame.state, view.group, view.topic)}
          lagBefore={now.flow ? (before.flow?.lag ?? 0) : null}
        />
        <Structure state={frame.state} view={view} boxes={boxes} added={added} />
        <CapacityChart
          points={points}
          demandPerSec={now.flow?.producedPerSec ?? 0}
          partitions={partitions}
          perConsumerPerSec={perConsumer}
          capacityAt={(n) => groupCapacityPerSec(n, partitions, perConsumer)}
          consumersBefore={before.flow && now.at === step ? before.flow.consumers : 0}
        />
      </svg>
    </div>
  );
}

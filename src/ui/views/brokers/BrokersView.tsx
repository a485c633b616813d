/**
 * Brokers holding replicas (slide 40, "Replicate for fault tolerance"): producers on the left with what they
 * were told ✓ for, one box per broker with its replica of each partition as a log lane (leader ★, ISR
 * membership, log end offset, high watermark), records coloured by how many copies exist, the replication
 * rail from leader to followers, the traffic between them, and under it all the ghosts of acknowledged
 * records that were lost. A pure function of (engine frame, the run's events so far, playhead).
 */
import { useMemo } from 'react';
import type { EngineEvent, EngineState } from '../../../engine';
import { keptRecords, replicationHistory } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { useMetricsShown, useRunEvents } from '../../store/hooks';
import { CurrentMetrics } from '../metrics/CurrentMetrics';
import { BrokerBox, type Changes, NO_CHANGES } from './BrokerBox';
import {
  BROKER_X,
  brokersLayout,
  PRODUCER_BOX,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  STAGE_WIDTH_BESIDE_METRICS,
} from './brokers-layout';
import { LostStrip } from './LostStrip';
import { ProducerCard } from './ProducerCard';
import { Rail } from './Rail';
import { type ClusterPicture, pictureAt } from './replica-picture';
import { Traffic } from './Traffic';
import './brokers.css';

interface Props {
  view: Extract<SceneView, { kind: 'brokers' }>;
  frame: Frame;
  /** Model time the picture shows. */
  playheadMs: number;
  /** The place, for the metrics panel's history over the scene and the run's events so far. */
  sceneIndex: number;
  step: number;
}

/** The picture with the operator metrics beside it, when the panel is on (the M key). */
export function BrokersView(props: Props) {
  const shown = useMetricsShown(props.sceneIndex);
  if (!shown) return <BrokersPicture {...props} width={STAGE_WIDTH} />;
  return (
    <div className="with-metrics">
      <BrokersPicture {...props} width={STAGE_WIDTH_BESIDE_METRICS} />
      <CurrentMetrics sceneIndex={props.sceneIndex} step={props.step} />
    </div>
  );
}

/** What the step changed, from the state it began in to the picture at the playhead. */
function changesOf(from: EngineState | undefined, pic: ClusterPicture, topic: string): Changes {
  const before = from?.topics[topic];
  if (!before) return NO_CHANGES;
  const copies = new Set<string>();
  const isr = new Set<string>();
  const highWatermark = new Set<number>();
  for (const p of pic.partitions) {
    const was = before.partitions[p.partition];
    if (!was) continue;
    if (was.highWatermark !== p.highWatermark) highWatermark.add(p.partition);
    for (const r of p.replicas) {
      if (was.isr.includes(r.broker) !== p.isr.includes(r.broker)) isr.add(`${p.partition}/${r.broker}`);
      const log = was.logs[r.broker];
      const held = new Set(log ? keptRecords(log).map((x) => x.id) : []);
      for (const x of r.records) if (!held.has(x.id)) copies.add(`${r.broker}/${x.id}`);
    }
  }
  return { copies, isr, highWatermark };
}

function BrokersPicture({ view, frame, playheadMs, width, sceneIndex, step }: Props & { width: number }) {
  const untilStep = useRunEvents(sceneIndex, step);
  const wholeScene = useRunEvents(sceneIndex, Number.MAX_SAFE_INTEGER);
  const atEnd = !frame.fromState || playheadMs >= frame.toMs;
  // How many of the stretch's events the playhead has passed: the history below changes only when it does,
  // not on every animation frame.
  const passed = atEnd ? frame.events.length : frame.events.filter((e) => e.atMs <= playheadMs).length;
  const history = useMemo(() => {
    // The run's events before this stretch, then the stretch's own up to the playhead.
    const before = untilStep.slice(0, Math.max(0, untilStep.length - frame.events.length));
    const shown: readonly EngineEvent[] = [...before, ...frame.events.slice(0, passed)];
    return replicationHistory(shown, view.topic);
  }, [untilStep, frame.events, passed, view.topic]);
  const sceneEnd = useMemo(() => {
    let end = 0;
    for (const e of wholeScene)
      if (e.type === 'recordAppended' && e.topic === view.topic) end = Math.max(end, e.offset + 1);
    return end;
  }, [wholeScene, view.topic]);
  const topic = frame.state.topics[view.topic];
  if (!topic) return <p className="stage-empty">Topic {view.topic} does not exist yet.</p>;
  const pic = pictureAt(frame, view.topic, playheadMs);
  const brokers = Object.keys(frame.state.brokers).map(Number);
  const layout = brokersLayout(brokers, pic, width, { logEndOffset: sceneEnd });
  const rf = topic.config.replicationFactor;
  const producers = view.producers.filter((id) => frame.state.producers[id]);
  const producerIndex = (id: string) => Math.max(0, producers.indexOf(id));
  // Short enough to leave the right of the line to the partition's status (an offline partition says so there).
  const title = [`“${view.topic}”`, `RF ${rf}`, `min.insync.replicas=${topic.config.minInsyncReplicas}`].join(
    ' · ',
  );
  // Beside the metrics panel the title starts over the producers (free above their boxes), leaving room for the epochs.
  const titleX = width < STAGE_WIDTH && producers.length <= 3 ? PRODUCER_BOX.x : BROKER_X;
  const offline = pic.partitions.filter((p) => p.leader === null).map((p) => p.partition);
  const many = pic.partitions.length > 1;
  const status =
    offline.length > 0
      ? `${offline.map((p) => `P${p}`).join(', ')} offline: no in-sync replica`
      : pic.partitions.map((p) => `P${p.partition} leader epoch ${p.leaderEpoch}`).join(' · ');
  const unclean = pic.partitions.flatMap((p) =>
    p.offsetsLost.map((l) => `P${p.partition}: offsets ${l.fromOffset}–${l.toOffset - 1} lost`),
  );
  const lost = Object.values(history.acknowledged).flatMap((list) => list.filter((r) => r.lost));
  const changes = frame.fromState ? changesOf(frame.fromState, pic, view.topic) : NO_CHANGES;
  return (
    <svg
      className="stage-svg brokers-view"
      viewBox={`0 0 ${width} ${STAGE_HEIGHT}`}
      // A group, not an img: an img's children are presentational, and the lanes and records are named.
      role="group"
      aria-label={`${brokers.length} brokers holding replicas of topic ${view.topic}`}
    >
      {producers.map((id, i) => (
        <ProducerCard
          key={id}
          id={id}
          config={frame.state.producers[id]!.config}
          y={layout.producerY(i, producers.length)}
          height={layout.producerHeight(producers.length)}
          acknowledged={history.acknowledged[id] ?? []}
          copies={history.copies}
          replicationFactor={rf}
          refusal={history.refusals[id]}
        />
      ))}
      <text className="topic-title" x={titleX} y={26}>
        {title}
      </text>
      <text
        className={unclean.length > 0 || offline.length > 0 ? 'topic-title offsets-lost' : 'topic-title'}
        data-testid="partition-status"
        x={width - 8}
        y={26}
        textAnchor="end"
      >
        {unclean.length > 0 ? unclean.join(' · ') : status}
      </text>
      {brokers.map((b) => (
        <BrokerBox
          key={b}
          broker={b}
          pic={pic}
          layout={layout}
          topic={view.topic}
          down={history.down[b]}
          copies={history.copies}
          replicationFactor={rf}
          changes={changes}
        />
      ))}
      <Rail pic={pic} layout={layout} />
      <LostStrip layout={layout} lost={lost} replicationFactor={rf} many={many} />
      <Traffic
        frame={frame}
        playheadMs={playheadMs}
        layout={layout}
        pic={pic}
        topic={view.topic}
        producerIndex={producerIndex}
        producerCount={producers.length}
        copies={history.copies}
        replicationFactor={rf}
      />
    </svg>
  );
}

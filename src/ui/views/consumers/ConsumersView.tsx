/**
 * Consumer groups on stage: the topic's partition lanes on the left with, per group, a band of what it has
 * read, where it reads next and what it committed; the groups' consumers on the right, colour-coded by
 * group, with what each received; above them each group's coordinator with its state (or, in the sandbox,
 * the brokers); and the traffic between them while the step plays. A pure function of (engine frame,
 * playhead): see consumers-model.ts for how the playhead picks the picture.
 */
import type { SceneView } from '../../../scenarios/types';
import { useLagHistory } from '../../store/hooks';
import { visibleRecords } from '../log-window';
import type { ViewProps } from '../view-props';
import { BrokerStrip } from './BrokerStrip';
import { GroupsSide } from './ConsumerCards';
import { HEIGHT, LAG_CHART, LANE_LEFT, lanesLayout, rightLayout, WIDTH } from './consumers-layout';
import { pictureAt, project } from './consumers-model';
import { Flights } from './Flights';
import { groupsShown } from './groups-shown';
import { LagChart } from './LagChart';
import { Lane, marksFor } from './Lanes';
import { receivedUpTo } from './received';
import { consumersOf, useSceneEndState } from './scene-consumers';
import './consumers.css';

type View = Extract<SceneView, { kind: 'consumers' }>;

/** Width of one character of a card's 20px bold label, as RecordBox is told. */
const LABEL_CHAR_W = 13;

export function ConsumersView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const history = useLagHistory(sceneIndex, step);
  const end = useSceneEndState(sceneIndex);
  const topic = frame.state.topics[view.topic];
  if (!topic) return <p className="stage-empty">Topic {view.topic} does not exist yet.</p>;
  const groups = groupsShown(view, frame.state);
  const picture = pictureAt(frame, playheadMs, view.topic, groups);
  const start = frame.fromState ? project(frame.fromState, view.topic, groups) : null;
  const lanes = lanesLayout(topic, groups.length);
  const top = view.showBrokers ? 'brokers' : view.showCoordinator ? 'coordinator' : 'none';
  const { columns, boxes, brokers } = rightLayout(
    groups,
    (g) => consumersOf(g, frame.state, end),
    top,
    LAG_CHART.y - 8,
  );
  const columnOf = new Map(columns.map((c) => [c.group, c]));
  const groupOf = new Map(Object.values(frame.state.groups.consumers).map((c) => [c.id, c.group]));
  const readAgain = (p: number) =>
    new Set(picture.redelivered.filter((r) => r.partition === p).map((r) => r.offset));
  // A card writes its key (or value) only if every card's label fits: no "ca…"; the colour still tells keys.
  const keyLabels = topic.partitions.every((p) =>
    visibleRecords(topic, p.partition, playheadMs).every(
      (r) => (r.key ?? r.value).length * LABEL_CHAR_W <= lanes.slotWidth - 14,
    ),
  );
  const coordinators = new Set(
    picture.groups.flatMap((g) => (g.coordinator === null ? [] : [g.coordinator])),
  );
  return (
    <svg
      className="stage-svg consumers-view"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Topic ${view.topic} with ${topic.partitions.length} partitions, read by ${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}`}
    >
      <text className="topic-title" x={LANE_LEFT} y={22} dominantBaseline="central">
        topic “{view.topic}”
      </text>
      {/* A sandbox without groups has no positions, commits or lag to explain. */}
      {groups.length > 0 && (
        <text className="legend" x={LANE_LEFT + 196} y={22} dominantBaseline="central" aria-hidden="true">
          ▼ next to read · ○ committed · faded: read
        </text>
      )}
      {topic.partitions.map((p) => (
        <Lane
          key={p.partition}
          topic={topic}
          partition={p.partition}
          layout={lanes}
          playheadMs={playheadMs}
          fromMs={frame.fromMs}
          marks={marksFor(picture, p.partition, groups)}
          before={start && marksFor(start, p.partition, groups)}
          readAgain={readAgain(p.partition)}
          keyLabels={keyLabels}
          {...(view.showBrokers ? { leader: p.leader === null ? null : `b${p.leader}` } : {})}
        />
      ))}
      {brokers && (
        <BrokerStrip state={frame.state} topic={view.topic} box={brokers} coordinators={coordinators} />
      )}
      <GroupsSide
        picture={picture}
        columns={columns}
        boxes={boxes}
        lanes={lanes}
        received={receivedUpTo(frame.events, playheadMs, topic)}
        start={start}
      />
      {groups.length > 0 && (
        <LagChart
          history={history}
          groups={groups}
          playheadMs={playheadMs}
          atEnd={playheadMs >= frame.toMs}
        />
      )}
      <Flights
        frame={frame}
        playheadMs={playheadMs}
        topic={view.topic}
        boxes={boxes}
        lanes={lanes}
        coordinatorOf={(consumer) => columnOf.get(groupOf.get(consumer) ?? '')?.coordinator ?? null}
        trackOf={(consumer) => {
          const mates = consumersOf(groupOf.get(consumer) ?? '', frame.state, end);
          return { index: Math.max(0, mates.indexOf(consumer)), count: Math.max(1, mates.length) };
        }}
      />
    </svg>
  );
}

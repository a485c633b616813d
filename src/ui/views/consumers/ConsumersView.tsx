/**
 * Consumer groups on stage: the topic's partition lanes on the left with, per group, where its consumer
 * reads next, what it committed and its lag; the groups' consumers on the right, colour-coded by group;
 * above them each group's coordinator with its state and generation; and the traffic between them. A pure
 * function of (engine frame, playhead): see consumers-model.ts for how the playhead picks the picture.
 */
import type { SceneView } from '../../../scenarios/types';
import { useLagHistory } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import { GroupsSide } from './ConsumerCards';
import { HEIGHT, LAG_CHART, LANE_LEFT, lanesLayout, rightLayout, WIDTH } from './consumers-layout';
import { pictureAt } from './consumers-model';
import { Flights } from './Flights';
import { groupsShown } from './groups-shown';
import { LagChart } from './LagChart';
import { Lane, marksFor } from './Lanes';
import './consumers.css';

type View = Extract<SceneView, { kind: 'consumers' }>;

export function ConsumersView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const history = useLagHistory(sceneIndex, step);
  const topic = frame.state.topics[view.topic];
  if (!topic) return <p className="stage-empty">Topic {view.topic} does not exist yet.</p>;
  const groups = groupsShown(view, frame.state);
  const picture = pictureAt(frame, playheadMs, view.topic, groups);
  const lanes = lanesLayout(topic);
  // Boxes are laid out from the end of the step, so nobody moves when a consumer joins mid-animation.
  const endIds = (g: string) =>
    Object.values(frame.state.groups.consumers)
      .filter((c) => c.group === g)
      .map((c) => c.id)
      .sort();
  const showCoordinator = view.showCoordinator ?? false;
  const { columns, boxes } = rightLayout(groups, endIds, showCoordinator, LAG_CHART.y - 8);
  const columnOf = new Map(columns.map((c) => [c.group, c]));
  const groupOf = new Map(Object.values(frame.state.groups.consumers).map((c) => [c.id, c.group]));
  const readAgain = (p: number) =>
    new Set(picture.redelivered.filter((r) => r.partition === p).map((r) => r.offset));
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
      <text className="legend" x={LANE_LEFT + 200} y={22} dominantBaseline="central" aria-hidden="true">
        ▼ reads next · △ committed
      </text>
      {topic.partitions.map((p) => (
        <Lane
          key={p.partition}
          topic={topic}
          partition={p.partition}
          layout={lanes}
          playheadMs={playheadMs}
          marks={marksFor(picture, p.partition, groups)}
          readAgain={readAgain(p.partition)}
        />
      ))}
      <GroupsSide picture={picture} columns={columns} boxes={boxes} lanes={lanes} />
      <LagChart history={history} groups={groups} playheadMs={playheadMs} atEnd={playheadMs >= frame.toMs} />
      <Flights
        frame={frame}
        playheadMs={playheadMs}
        topic={view.topic}
        boxes={boxes}
        lanes={lanes}
        coordinatorOf={(consumer) => columnOf.get(groupOf.get(consumer) ?? '')?.coordinator ?? null}
        trackOf={(consumer) => {
          const mates = endIds(groupOf.get(consumer) ?? '');
          return { index: Math.max(0, mates.indexOf(consumer)), count: Math.max(1, mates.length) };
        }}
      />
    </svg>
  );
}

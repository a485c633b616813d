/**
 * The consumer protocol (KIP-848) beside the classic one. Top: for each group, who read each partition
 * when (a gap is a partition nobody read), with crashes marked. Bottom: each group's members; for the new
 * protocol the coordinator's group epoch and target assignment epoch, each member's epoch and state, its
 * target against what it reads, and what the last heartbeat answer carried.
 */
import { classicRebalances, modernGroupState, partitionReaders } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import { useRunEvents } from '../../store/hooks';
import type { ViewProps } from '../view-props';
import { ClassicTable, ModernTable } from './MemberTables';
import { H, panelLayout, timeWindow, W } from './protocol-layout';
import { type Crash, crashesOf, Timeline } from './ReadingTimeline';
import './consumer-protocol.css';

type View = Extract<SceneView, { kind: 'consumer-protocol' }>;

export function ConsumerProtocolView({ view, frame, playheadMs, sceneIndex, step }: ViewProps<View>) {
  const all = useRunEvents(sceneIndex, step);
  const events = all.filter((e) => e.atMs <= playheadMs);
  const state = frame.state;
  const partitions = state.topics[view.topic]?.partitions.length ?? 0;
  const window = timeWindow(frame.fromMs, frame.toMs);
  const left = panelLayout(0, partitions);
  const right = panelLayout(1, partitions);
  const classic = state.groups.groups[view.classicGroup];
  const modern = state.modernGroups.groups[view.group];
  const inWindow = (c: Crash) => c.atMs >= window[0];
  const barriers = classicRebalances(events, view.classicGroup);
  const barrierShown = barriers.some((b) => (b.toMs ?? window[1]) > window[0] && b.fromMs < window[1]);
  return (
    <svg
      className="stage-svg consumer-protocol"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label="The classic consumer group protocol beside the consumer protocol of KIP-848"
    >
      <g
        data-testid="classic-panel"
        data-generation={classic?.generationId ?? 0}
        data-state={classic?.state ?? ''}
      >
        <text className="panel-title" x={left.panel.x + 4} y={22}>
          Classic protocol
        </text>
        <text className="panel-sub" x={left.panel.x + 4} y={46}>
          {classic
            ? `generation ${classic.generationId} · ${classic.state}${barrierShown ? ' · red: rebalance' : ''}`
            : 'no group yet'}
        </text>
        <Timeline
          layout={left}
          readers={partitionReaders(events, view.topic, view.classicGroup)}
          partitions={partitions}
          window={window}
          crashes={crashesOf(events, view.classicGroup, 'consumerKilled').filter(inWindow)}
          barriers={barriers}
          testId="classic-timeline"
        />
        <ClassicTable state={state} group={view.classicGroup} layout={left} />
      </g>
      <line className="divider" x1={W / 2} x2={W / 2} y1={8} y2={H - 8} />
      <g
        data-testid="modern-panel"
        data-group-epoch={modern?.groupEpoch ?? 0}
        data-assignment-epoch={modern?.assignmentEpoch ?? 0}
        data-state={modern ? modernGroupState(modern) : ''}
      >
        <text className="panel-title" x={right.panel.x + 4} y={22}>
          Consumer protocol (KIP-848)
        </text>
        <text className="panel-sub" x={right.panel.x + 4} y={46}>
          {modern
            ? `group epoch ${modern.groupEpoch} · target epoch ${modern.assignmentEpoch} · ${modernGroupState(modern)}`
            : 'no group yet'}
        </text>
        <Timeline
          layout={right}
          readers={partitionReaders(events, view.topic, view.group)}
          partitions={partitions}
          window={window}
          crashes={crashesOf(events, view.group, 'modernConsumerKilled').filter(inWindow)}
          testId="modern-timeline"
        />
        <ModernTable
          state={state}
          group={view.group}
          layout={right}
          events={events}
          playheadMs={playheadMs}
        />
      </g>
    </svg>
  );
}

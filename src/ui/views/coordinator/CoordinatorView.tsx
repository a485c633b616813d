/**
 * The group coordinator on stage: which broker it is and why (the formula with its real numbers, the
 * __consumer_offsets partition lit on the broker that leads it), the group protocol in flight between the
 * members and the coordinator (FindCoordinator, JoinGroup held by the initial delay, the JoinGroup answers,
 * the leader's SyncGroup with its plan, Heartbeats), a ring per member for its session, and a callout for
 * what the step changed. A pure function of (engine frame, playhead); Kafka's numbers come from the engine's
 * selectors.
 */

import { coordinatorPicture, groupMembers } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { HEIGHT, memberBoxes, WIDTH } from './coordinator-layout';
import { pictureAt } from './coordinator-model';
import { CalloutBox, Desk } from './Desk';
import { Links, Pills } from './Flow';
import { BrokerStrip, Formula } from './Header';
import { MemberCard } from './MemberCard';
import './coordinator.css';

type View = Extract<SceneView, { kind: 'coordinator' }>;

export function CoordinatorView({
  view,
  frame,
  playheadMs,
}: {
  view: View;
  frame: Frame;
  playheadMs: number;
}) {
  const { state } = frame;
  const group = view.group;
  const picture = pictureAt(frame, playheadMs, group);
  const found = coordinatorPicture(state, group);
  // The cast is fixed at the end of the step, so no box moves while it plays.
  const consumers = Object.values(state.groups.consumers)
    .filter((c) => c.group === group)
    .map((c) => c.id)
    .sort();
  const members = new Map(groupMembers(picture.shown, group).map((m) => [m.consumer, m]));
  const before = new Map(groupMembers(frame.fromState ?? state, group).map((m) => [m.consumer, m]));
  const boxes = memberBoxes(consumers);
  const g = picture.shown.groups.groups[group];
  const stable = g?.state === 'Stable' || g?.state === 'CompletingRebalance';
  return (
    <svg
      className="stage-svg coordinator-view"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Group ${group}: its coordinator is broker ${found.leader ?? 'not known yet'}, leader of ${found.offsetsTopic} partition ${found.partition}; members ${consumers.join(', ')}`}
    >
      <Formula picture={found} />
      <BrokerStrip state={state} picture={found} />
      <Desk
        atMs={picture.atMs}
        group={group}
        picture={found}
        phase={picture.phase}
        members={[...members.values()]}
        planArrived={picture.planArrived}
        joined={(g?.generationId ?? 0) > 0}
      />
      <Links consumers={consumers} boxes={boxes} held={picture.held} />
      {consumers.map((c) => (
        <MemberCard
          key={c}
          consumer={c}
          box={boxes.get(c)!}
          member={members.get(c)}
          assignment={(picture.waiting.has(c) ? before.get(c) : members.get(c))?.assignment ?? []}
          stable={stable}
          exchanges={picture.exchanges.get(c) ?? []}
          frame={frame}
          group={group}
          atMs={picture.atMs}
          lit={picture.callout?.anchor === 'members'}
        />
      ))}
      <Pills consumers={consumers} boxes={boxes} picture={picture} state={state} />
      {picture.callout && <CalloutBox callout={picture.callout} state={state} picture={found} />}
    </svg>
  );
}

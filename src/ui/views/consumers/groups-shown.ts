/**
 * Which groups a consumers scene shows. Its own module: the live controls (always loaded) and the view
 * (loaded when a consumers scene first shows) both need it, and importing it from the view would pull the
 * whole view into the first download.
 */
import type { EngineState } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';

/** What a scene that draws groups says about them: its topic and its own groups. */
export type GroupsOnStage = Pick<Extract<SceneView, { kind: 'consumers' }>, 'topic' | 'groups'>;

/** The scene's groups, then any group a live action added that reads this topic. */
export function groupsShown(view: GroupsOnStage, state: EngineState): string[] {
  const groups = [...view.groups];
  for (const c of Object.values(state.groups.consumers))
    if (c.config.topics.includes(view.topic) && !groups.includes(c.group)) groups.push(c.group);
  return groups;
}

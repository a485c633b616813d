/**
 * Live controls for consumer groups, shown in the live panel of a consumers scene: add a consumer to a
 * group, kill one (and let its session run out), start a new group. What each does is a registry entry
 * (player/commands.ts, built in player/live-actions.ts); this only picks the group.
 */
import { useState } from 'react';
import type { EngineState } from '../../../engine';
import { CommandButton } from '../../CommandButton';
import { liveCommands } from '../../player/live-commands';
import { type GroupsOnStage, groupsShown } from './groups-shown';

/**
 * `newGroups`: whether a new group can be started here (not where the picture draws one group only, as the
 * coordinator scene's does).
 */
export function LiveConsumers({
  view,
  state,
  newGroups = true,
}: {
  view: GroupsOnStage;
  state: EngineState;
  newGroups?: boolean;
}) {
  const groups = groupsShown(view, state);
  const [group, setGroup] = useState(groups[0] ?? '');
  const target = groups.includes(group) ? group : (groups[0] ?? 'group');
  const consumers = Object.values(state.groups.consumers).filter((c) => groups.includes(c.group));
  const live = consumers.filter((c) => c.status !== 'dead' && c.status !== 'closed');
  return (
    <div className="live-row" data-testid="live-consumers">
      {groups.length > 1 && (
        <label>
          group
          <select value={target} onChange={(e) => setGroup(e.target.value)} name="group">
            {groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
      )}
      <CommandButton command={liveCommands.addConsumer} arg={{ state, group: target, topic: view.topic }} />
      {newGroups && (
        <CommandButton
          command={liveCommands.addGroup}
          arg={{ state, groupsShown: groups, topic: view.topic }}
        />
      )}
      {live.map((c) => (
        <CommandButton
          key={c.id}
          command={liveCommands.killConsumer}
          arg={{ consumer: c.id, sessionTimeoutMs: c.config.sessionTimeoutMs, state }}
        />
      ))}
    </div>
  );
}

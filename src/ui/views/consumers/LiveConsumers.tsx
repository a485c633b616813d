/**
 * Live controls for consumer groups, shown in the live panel of a consumers scene: add a consumer to a
 * group, kill one (and let its session run out), start a new group. Ids are generated from the state, so
 * the same actions give the same ids on both screens and after a reload.
 */
import { useState } from 'react';
import type { Command, EngineState } from '../../../engine';
import { GROUP_FORMS_MS, REBALANCE_MS, stageConsumer } from '../../../scenarios/consumer-helpers';
import type { SceneView } from '../../../scenarios/types';
import { groupsShown } from './groups-shown';

type View = Extract<SceneView, { kind: 'consumers' }>;

function freshId(prefix: string, taken: (id: string) => boolean): string {
  for (let k = 1; ; k++) if (!taken(`${prefix}-${k}`)) return `${prefix}-${k}`;
}

export function LiveConsumers({
  view,
  state,
  act,
}: {
  view: View;
  state: EngineState;
  act: (label: string, commands: Command[]) => void;
}) {
  const groups = groupsShown(view, state);
  const [group, setGroup] = useState(groups[0] ?? '');
  const target = groups.includes(group) ? group : (groups[0] ?? 'group');
  const consumers = Object.values(state.groups.consumers).filter((c) => groups.includes(c.group));
  const live = consumers.filter((c) => c.status !== 'dead' && c.status !== 'closed');
  const consumerTaken = (id: string) => id in state.groups.consumers;
  const addConsumer = () => {
    const id = freshId(target, consumerTaken);
    act(`add consumer ${id} to ${target}`, [
      stageConsumer(id, target, view.topic),
      { type: 'advance', ms: state.groups.groups[target] ? REBALANCE_MS : GROUP_FORMS_MS },
    ]);
  };
  const addGroup = () => {
    const g = freshId('group', (id) => groups.includes(id) || id in state.groups.groups);
    const id = freshId(g, consumerTaken);
    act(`add group ${g}`, [stageConsumer(id, g, view.topic), { type: 'advance', ms: GROUP_FORMS_MS }]);
  };
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
      <button type="button" onClick={addConsumer}>
        Add consumer
      </button>
      <button type="button" onClick={addGroup}>
        Add group
      </button>
      {live.map((c) => (
        <button
          type="button"
          key={c.id}
          onClick={() =>
            act(`kill ${c.id}`, [
              { type: 'killConsumer', consumer: c.id },
              // Long enough for its session to expire and the group to rebalance without it.
              { type: 'advance', ms: c.config.sessionTimeoutMs + REBALANCE_MS },
            ])
          }
        >
          Kill {c.id}
        </button>
      ))}
    </div>
  );
}

/**
 * What each live control does, as pure builders: the commands it issues to the engine, the time it lets
 * pass for them to land, and its line in the live log. Each returns the one machine event that takes it,
 * `LIVE`; components only gather the presenter's choices. Ids are generated from the state, so the same
 * actions give the same ids on both screens and after a reload.
 */
import type { EngineState } from '../../engine';
import { BROKER_SESSION_TIMEOUT_MS, QUERY_SETTLE_MS } from '../../engine';
import { GROUP_FORMS_MS, REBALANCE_MS, stageConsumer } from '../../scenarios/consumer-helpers';
import { ROUND_TRIP_MS } from '../../scenarios/helpers';
import type { PlayerEvent } from './machine';

/** A consumer added live reads its partitions from the start when its group has committed nothing. */
const LIVE_RESET = { autoOffsetReset: 'earliest' } as const;

export type LiveEvent = Extract<PlayerEvent, { type: 'LIVE' }>;
export type Acks = 'all' | 0 | 1;

const live = (label: string, commands: LiveEvent['commands']): LiveEvent => ({
  type: 'LIVE',
  label,
  commands,
});

function freshId(prefix: string, taken: (id: string) => boolean): string {
  for (let k = 1; ; k++) if (!taken(`${prefix}-${k}`)) return `${prefix}-${k}`;
}

/** A short label for a query run: the clauses that differ from a plain re-run are what people changed. */
function runLabel(text: string): string {
  const having = /HAVING[^;\n]*/i.exec(text)?.[0];
  const window = /WINDOW\s+\w+\s*\([^)]*\)/i.exec(text)?.[0];
  return `run query: ${[window, having].filter(Boolean).join(' ') || 'edited'}`;
}

export const liveActions = {
  /** One record; an empty key is no key, an empty value is "live". */
  produce(a: { producer: string; topic: string; key: string; value: string }): LiveEvent {
    const key = a.key.trim() === '' ? null : a.key;
    const value = a.value === '' ? 'live' : a.value;
    return live(`produce ${key === null ? '(no key)' : key}: ${value}`, [
      { type: 'produce', producer: a.producer, topic: a.topic, key, value },
      { type: 'advance', ms: ROUND_TRIP_MS },
    ]);
  },

  /** The idempotent producer needs acks=all (ProducerConfig): turning acks down turns it off. */
  setAcks(a: { producer: string; acks: Acks }): LiveEvent {
    return live(`${a.producer}: acks=${a.acks}`, [
      { type: 'configureProducer', producer: a.producer, acks: a.acks, idempotent: a.acks === 'all' },
    ]);
  },

  /** Kills a live broker or restarts a dead one. */
  toggleBroker(a: { broker: number; alive: boolean }): LiveEvent {
    if (!a.alive)
      return live(`restart broker ${a.broker}`, [
        { type: 'restartBroker', broker: a.broker },
        { type: 'advance', ms: ROUND_TRIP_MS },
      ]);
    // A crash (kill -9): the controller fences the broker only when its session expires, so the action
    // lets that time pass for the room to see the fence and the elections it brings.
    return live(`kill broker ${a.broker}`, [
      { type: 'killBroker', broker: a.broker },
      { type: 'advance', ms: BROKER_SESSION_TIMEOUT_MS + ROUND_TRIP_MS },
    ]);
  },

  /** A new consumer in `group`, with the time for the group to form or rebalance around it. */
  addConsumer(a: { state: EngineState; group: string; topic: string }): LiveEvent {
    const id = freshId(a.group, (c) => c in a.state.groups.consumers);
    return live(`add consumer ${id} to ${a.group}`, [
      stageConsumer(id, a.group, a.topic, LIVE_RESET),
      { type: 'advance', ms: a.state.groups.groups[a.group] ? REBALANCE_MS : GROUP_FORMS_MS },
    ]);
  },

  /** A new group (named after the groups shown and the engine's groups) with one consumer. */
  addGroup(a: { state: EngineState; groupsShown: readonly string[]; topic: string }): LiveEvent {
    const group = freshId('group', (g) => a.groupsShown.includes(g) || g in a.state.groups.groups);
    const id = freshId(group, (c) => c in a.state.groups.consumers);
    return live(`add group ${group}`, [
      stageConsumer(id, group, a.topic, LIVE_RESET),
      { type: 'advance', ms: GROUP_FORMS_MS },
    ]);
  },

  /** Long enough for its session to expire and the group to rebalance without it. */
  killConsumer(a: { consumer: string; sessionTimeoutMs: number }): LiveEvent {
    return live(`kill ${a.consumer}`, [
      { type: 'killConsumer', consumer: a.consumer },
      { type: 'advance', ms: a.sessionTimeoutMs + REBALANCE_MS },
    ]);
  },

  /** Runs the edited query (`script` is the whole script, preamble included; `text` the query shown). */
  runQuery(a: { queryId: string; text: string; script: string }): LiveEvent {
    return live(runLabel(a.text), [
      { type: 'runQuery', query: a.queryId, script: a.script },
      { type: 'advance', ms: QUERY_SETTLE_MS },
    ]);
  },
};

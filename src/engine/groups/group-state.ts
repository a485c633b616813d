/**
 * The classic group's state machine (ClassicGroupState.java), as an xstate machine used only as a pure
 * transition function: the engine stores the state's name (a string), never an xstate snapshot, so states
 * stay plain data that serialise, compare and replay; `transition()` resolves a snapshot from the name, runs
 * the event and hands back the next name. No actors, no timers: the coordinator's delays are engine timers.
 *
 * Legal edges (ClassicGroupState validPreviousStates, KAFKA-DETAILS 2.1): Empty -> PreparingRebalance;
 * PreparingRebalance -> CompletingRebalance | Empty; CompletingRebalance -> Stable | PreparingRebalance;
 * Stable -> PreparingRebalance; any -> Dead.
 */
import { createMachine, transition } from 'xstate';
import type { GroupStateName } from './types';

export type GroupStateEvent =
  /** A member joins, leaves, expires or changes its subscription (ClassicGroup.prepareRebalance). */
  | { type: 'PREPARE_REBALANCE' }
  /** The join phase ends with members: initNextGeneration. */
  | { type: 'COMPLETE_JOIN' }
  /** The join phase ends with nobody left. */
  | { type: 'GROUP_EMPTIED' }
  /** The leader's SyncGroup arrived with the assignment. */
  | { type: 'COMPLETE_SYNC' }
  /** Deleted by an admin, or its coordinator unloaded it. */
  | { type: 'DELETE' };

const dead = { DELETE: 'Dead' } as const;

export const groupStateMachine = createMachine({
  types: {} as { events: GroupStateEvent },
  id: 'classicGroup',
  initial: 'Empty',
  states: {
    Empty: { on: { PREPARE_REBALANCE: 'PreparingRebalance', ...dead } },
    PreparingRebalance: {
      on: { COMPLETE_JOIN: 'CompletingRebalance', GROUP_EMPTIED: 'Empty', ...dead },
    },
    CompletingRebalance: {
      on: { COMPLETE_SYNC: 'Stable', PREPARE_REBALANCE: 'PreparingRebalance', ...dead },
    },
    Stable: { on: { PREPARE_REBALANCE: 'PreparingRebalance', ...dead } },
    Dead: { type: 'final' },
  },
});

/** The next state, or null when Kafka does not allow the event in this state. */
export function nextGroupState(from: GroupStateName, event: GroupStateEvent): GroupStateName | null {
  const snapshot = groupStateMachine.resolveState({ value: from, context: {} });
  if (!snapshot.can(event)) return null;
  const [next] = transition(groupStateMachine, snapshot, event);
  return next.value as GroupStateName;
}

/** The legal edges, for tests and invariants. */
export const LEGAL_GROUP_TRANSITIONS: Readonly<Record<GroupStateName, readonly GroupStateName[]>> = {
  Empty: ['PreparingRebalance', 'Dead'],
  PreparingRebalance: ['CompletingRebalance', 'Empty', 'Dead'],
  CompletingRebalance: ['Stable', 'PreparingRebalance', 'Dead'],
  Stable: ['PreparingRebalance', 'Dead'],
  Dead: [],
};

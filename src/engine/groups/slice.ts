/** Reading and replacing the groups slice inside a step's transaction. */
import type { Tx } from '../core/tx';
import type { ClassicGroup, ConsumerState, GroupsSlice } from './types';

function setSlice(tx: Tx, groups: GroupsSlice): void {
  tx.state = { ...tx.state, groups };
}

export function consumerOf(tx: Tx, id: string): ConsumerState | undefined {
  return Object.hasOwn(tx.state.groups.consumers, id) ? tx.state.groups.consumers[id] : undefined;
}

export function setConsumer(tx: Tx, consumer: ConsumerState): void {
  const slice = tx.state.groups;
  setSlice(tx, { ...slice, consumers: { ...slice.consumers, [consumer.id]: consumer } });
}

export function updateConsumer(tx: Tx, id: string, changes: Partial<ConsumerState>): ConsumerState {
  const next = { ...consumerOf(tx, id)!, ...changes };
  setConsumer(tx, next);
  return next;
}

export function groupOf(tx: Tx, id: string): ClassicGroup | undefined {
  return Object.hasOwn(tx.state.groups.groups, id) ? tx.state.groups.groups[id] : undefined;
}

export function setGroup(tx: Tx, group: ClassicGroup): void {
  const slice = tx.state.groups;
  setSlice(tx, { ...slice, groups: { ...slice.groups, [group.groupId]: group } });
}

export function removeGroup(tx: Tx, id: string): void {
  const { [id]: _gone, ...groups } = tx.state.groups.groups;
  setSlice(tx, { ...tx.state.groups, groups });
}

/** Records, per partition of a group, the offset after the highest record it has processed. */
export function setProcessedEnds(tx: Tx, group: string, ends: Readonly<Record<string, number>>): void {
  const slice = tx.state.groups;
  const forGroup = slice.processed[group] ?? {};
  setSlice(tx, { ...slice, processed: { ...slice.processed, [group]: { ...forGroup, ...ends } } });
}

/** Counts records a group processed while its coordinator had it rebalancing (GroupsSlice). */
export function countProcessedWhileRebalancing(tx: Tx, group: string, count: number): void {
  const state = tx.state.groups.groups[group]?.state;
  if (state !== 'PreparingRebalance' && state !== 'CompletingRebalance') return;
  const slice = tx.state.groups;
  const before = slice.processedWhileRebalancing[group] ?? 0;
  setSlice(tx, {
    ...slice,
    processedWhileRebalancing: { ...slice.processedWhileRebalancing, [group]: before + count },
  });
}

/** A consumer process that is running: not killed, closed or failed. */
export function isRunning(c: ConsumerState): boolean {
  return c.status !== 'dead' && c.status !== 'closed' && c.status !== 'failed';
}

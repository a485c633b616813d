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

/**
 * Counts records a member processed while it was itself rebalancing: JoinGroup or SyncGroup sent, the new
 * assignment not back yet (GroupsSlice.processedWhileRebalancing).
 */
export function countProcessedWhileRebalancing(tx: Tx, c: ConsumerState, count: number): void {
  if (c.status !== 'joining' && c.status !== 'syncing') return;
  const slice = tx.state.groups;
  const before = slice.processedWhileRebalancing[c.group] ?? 0;
  setSlice(tx, {
    ...slice,
    processedWhileRebalancing: { ...slice.processedWhileRebalancing, [c.group]: before + count },
  });
}

/** A consumer process that is running: not killed, closed or failed. */
export function isRunning(c: ConsumerState): boolean {
  return c.status !== 'dead' && c.status !== 'closed' && c.status !== 'failed';
}

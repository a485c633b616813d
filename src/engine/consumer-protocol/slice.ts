/** Reading and replacing the consumer-protocol slice inside a step's transaction. */
import type { Tx } from '../core/tx';
import type { ModernConsumer, ModernGroup, ModernGroupsSlice } from './types';

const slice = (tx: Tx): ModernGroupsSlice => tx.state.modernGroups;

export function modernGroupOf(tx: Tx, id: string): ModernGroup | undefined {
  return Object.hasOwn(slice(tx).groups, id) ? slice(tx).groups[id] : undefined;
}

export function setModernGroup(tx: Tx, group: ModernGroup): void {
  tx.state = {
    ...tx.state,
    modernGroups: { ...slice(tx), groups: { ...slice(tx).groups, [group.groupId]: group } },
  };
}

export function modernConsumerOf(tx: Tx, id: string): ModernConsumer | undefined {
  return Object.hasOwn(slice(tx).consumers, id) ? slice(tx).consumers[id] : undefined;
}

export function updateModernConsumer(tx: Tx, id: string, changes: Partial<ModernConsumer>): ModernConsumer {
  const next = { ...modernConsumerOf(tx, id)!, ...changes };
  tx.state = {
    ...tx.state,
    modernGroups: { ...slice(tx), consumers: { ...slice(tx).consumers, [id]: next } },
  };
  return next;
}

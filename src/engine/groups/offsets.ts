/**
 * Committed offsets on the coordinator: OffsetCommit and OffsetFetch (GroupCoordinator.handleCommitOffsets,
 * handleFetchOffsets). A committed offset is the next record to read: last processed + 1.
 */
import type { Tx } from '../core/tx';
import { groupAtBroker, memberError } from './coordinator';
import type { GroupErrorCode } from './events';
import type { GroupMessageOf } from './protocol';
import { setGroup } from './slice';
import { type CommittedOffset, tpKey } from './types';

/**
 * Only a member of the current generation may commit; during CompletingRebalance the answer is
 * REBALANCE_IN_PROGRESS. During PreparingRebalance commits of the current generation are accepted: that is
 * how an eager member commits before it rejoins (ClassicGroup.validateOffsetCommit).
 */
export function onOffsetCommit(tx: Tx, m: GroupMessageOf<'offsetCommit'>): void {
  const found = groupAtBroker(tx, m, false);
  const memberId = m.payload.memberId;
  const generationId = m.payload.generationId;
  let error: GroupErrorCode;
  if ('error' in found) error = found.error === 'GROUP_ID_NOT_FOUND' ? 'ILLEGAL_GENERATION' : found.error;
  else error = memberError(found.group, memberId, generationId) ?? 'NONE';
  if (error === 'NONE' && 'group' in found && found.group.state === 'CompletingRebalance')
    error = 'REBALANCE_IN_PROGRESS';
  if (error === 'NONE' && 'group' in found) {
    const g = found.group;
    const consumer = g.members[memberId]!.consumer;
    // Copy the group's offsets only when one moved: auto-commit resends unchanged positions every interval.
    let offsets: Record<string, CommittedOffset> | null = null;
    for (const e of m.payload.offsets) {
      const key = tpKey(e.topic, e.partition);
      if (g.offsets[key]?.offset !== e.offset) {
        offsets ??= { ...g.offsets };
        offsets[key] = { offset: e.offset, commitTimestampMs: tx.state.now, memberId };
      }
      tx.emit({ type: 'offsetCommitted', group: g.groupId, consumer, memberId, generationId, ...e });
    }
    if (offsets) setGroup(tx, { ...g, offsets });
  }
  tx.send('offsetCommitResponse', m.to, m.from, {
    group: m.payload.group,
    incarnation: m.payload.incarnation,
    memberId,
    generationId,
    error,
  });
}

/** OffsetFetch: each partition's committed offset, or null when the group has none for it. */
export function onOffsetFetch(tx: Tx, m: GroupMessageOf<'offsetFetch'>): void {
  const found = groupAtBroker(tx, m, false);
  const partitions = m.payload.partitions;
  const base = {
    group: m.payload.group,
    incarnation: m.payload.incarnation,
    generationId: m.payload.generationId,
  };
  if ('error' in found && found.error !== 'GROUP_ID_NOT_FOUND') {
    tx.send('offsetFetchResponse', m.to, m.from, { ...base, error: found.error, offsets: [] });
    return;
  }
  const committed = 'group' in found ? found.group.offsets : {};
  const offsets = partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    committedOffset: committed[tpKey(p.topic, p.partition)]?.offset ?? null,
  }));
  tx.send('offsetFetchResponse', m.to, m.from, { ...base, error: 'NONE', offsets });
}

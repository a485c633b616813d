/**
 * Share groups' commands and the acquisition lock's timer. The broker side of ShareFetch and ShareAcknowledge
 * (SharePartitionManager, SharePartition); members are assigned every partition of the topics they subscribe
 * to, so several members read the same partition (KIP-932's SimpleAssignor on a topic with fewer partitions
 * than members).
 */
import { readRange } from '../broker/log';
import type { EngineError } from '../core/events';
import type { ModuleHandlers, NoMessages } from '../core/module';
import type { Tx } from '../core/tx';
import type { ShareTimerPayloads } from './protocol';
import {
  acknowledge,
  acquire,
  advanceStartOffset,
  expiredLocks,
  heldBy,
  notHeldBy,
  offsetsToAcquire,
  releaseAll,
  timeOut,
} from './share-partition';
import {
  DEFAULT_SHARE_GROUP_CONFIG,
  type ShareCommand,
  type ShareGroupState,
  type SharePartitionState,
  type ShareSlice,
  shareKey,
} from './types';

type Cmd<T extends ShareCommand['type']> = Extract<ShareCommand, { type: T }>;

const slice = (tx: Tx): ShareSlice => tx.state.share;
const setGroup = (tx: Tx, g: ShareGroupState) => {
  tx.state = { ...tx.state, share: { groups: { ...slice(tx).groups, [g.groupId]: g } } };
};
const setPartition = (tx: Tx, groupId: string, sp: SharePartitionState) => {
  const g = slice(tx).groups[groupId]!;
  setGroup(tx, { ...g, partitions: { ...g.partitions, [shareKey(sp.topic, sp.partition)]: sp } });
};
const noGroup = (group: string): EngineError => ({
  code: 'INVALID_REQUEST',
  message: `No share group '${group}'.`,
});

const emptyGroup = (groupId: string): ShareGroupState => ({
  groupId,
  config: DEFAULT_SHARE_GROUP_CONFIG,
  members: {},
  partitions: {},
});

function setShareGroupConfig(tx: Tx, cmd: Cmd<'setShareGroupConfig'>): EngineError | undefined {
  const g = slice(tx).groups[cmd.group] ?? emptyGroup(cmd.group);
  const config = { ...g.config, ...cmd.config };
  // group.share.delivery.count.limit is 2..10 and share.record.lock.duration.ms at least 1 s (ShareGroupConfig).
  if (config.deliveryCountLimit < 2 || config.deliveryCountLimit > 10)
    return { code: 'INVALID_CONFIG', message: 'group.share.delivery.count.limit must be between 2 and 10.' };
  // The broker's settings are read when a share-partition loads; here they are fixed from then on.
  const loaded = Object.keys(g.partitions).length > 0;
  if (
    loaded &&
    (cmd.config.deliveryCountLimit !== undefined || cmd.config.partitionMaxRecordLocks !== undefined)
  )
    return {
      code: 'INVALID_CONFIG',
      message: 'The delivery count limit and record locks are broker settings, fixed once the group reads.',
    };
  if (config.recordLockDurationMs < 1000 || config.partitionMaxRecordLocks < 1)
    return { code: 'INVALID_CONFIG', message: 'The record lock duration and record locks must be positive.' };
  setGroup(tx, { ...g, config });
  tx.emit({ type: 'shareGroupConfigured', group: cmd.group, config });
  return undefined;
}

function joinShareGroup(tx: Tx, cmd: Cmd<'joinShareGroup'>): EngineError | undefined {
  const missing = cmd.topics.find((t) => !tx.state.topics[t]);
  if (missing !== undefined) return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `No topic '${missing}'.` };
  const g = slice(tx).groups[cmd.group] ?? emptyGroup(cmd.group);
  if (g.members[cmd.member])
    return { code: 'INVALID_REQUEST', message: `'${cmd.member}' is already a member of '${cmd.group}'.` };
  setGroup(tx, {
    ...g,
    members: { ...g.members, [cmd.member]: { memberId: cmd.member, topics: [...cmd.topics] } },
  });
  tx.emit({ type: 'shareMemberJoined', group: cmd.group, member: cmd.member });
  return undefined;
}

/** Moves the SPSO past what is done, saying so. */
function advance(tx: Tx, groupId: string, sp: SharePartitionState): void {
  const next = advanceStartOffset(sp);
  setPartition(tx, groupId, next);
  if (next.startOffset !== sp.startOffset)
    tx.emit({
      type: 'shareStartOffsetMoved',
      group: groupId,
      topic: sp.topic,
      partition: sp.partition,
      from: sp.startOffset,
      to: next.startOffset,
    });
}

function leaveShareGroup(tx: Tx, cmd: Cmd<'leaveShareGroup'>): EngineError | undefined {
  const g = slice(tx).groups[cmd.group];
  if (!g?.members[cmd.member]) return noGroup(cmd.group);
  const { [cmd.member]: _gone, ...members } = g.members;
  setGroup(tx, { ...g, members });
  const released = [];
  for (const sp of Object.values(g.partitions)) {
    const held = heldBy(sp, cmd.member);
    if (held.length === 0) continue;
    const { sp: next, outcomes } = releaseAll(sp, held, g.config.deliveryCountLimit);
    released.push({ topic: sp.topic, partition: sp.partition, outcomes });
    advance(tx, cmd.group, next);
  }
  tx.emit({ type: 'shareMemberLeft', group: cmd.group, member: cmd.member, released });
  return undefined;
}

/** The share-partition, created at the first fetch with its SPSO from share.auto.offset.reset. */
function sharePartition(
  tx: Tx,
  groupId: string,
  topic: string,
  partition: number,
): SharePartitionState | null {
  const g = slice(tx).groups[groupId]!;
  const existing = g.partitions[shareKey(topic, partition)];
  if (existing) return existing;
  const p = tx.state.topics[topic]?.partitions[partition];
  if (!p || p.leader === null) return null;
  const log = p.logs[p.leader]!;
  const startOffset = g.config.autoOffsetReset === 'earliest' ? log.logStartOffset : p.highWatermark;
  const sp: SharePartitionState = { topic, partition, startOffset, inFlight: [] };
  setPartition(tx, groupId, sp);
  tx.emit({ type: 'sharePartitionInitialized', group: groupId, topic, partition, startOffset });
  return sp;
}

/**
 * Retention deleted records below the SPSO's window: the SPSO moves up to the log start offset and the
 * deleted records leave the window (they can never be delivered again).
 */
function followLogStart(tx: Tx, groupId: string, sp: SharePartitionState, logStartOffset: number) {
  if (logStartOffset <= sp.startOffset) return sp;
  const next: SharePartitionState = {
    ...sp,
    startOffset: logStartOffset,
    inFlight: sp.inFlight.filter((r) => r.offset >= logStartOffset),
  };
  setPartition(tx, groupId, next);
  tx.emit({
    type: 'shareStartOffsetMoved',
    group: groupId,
    topic: sp.topic,
    partition: sp.partition,
    from: sp.startOffset,
    to: logStartOffset,
  });
  return next;
}

function shareFetch(tx: Tx, cmd: Cmd<'shareFetch'>): EngineError | undefined {
  const g0 = slice(tx).groups[cmd.group];
  const member = g0?.members[cmd.member];
  if (!g0 || !member) return noGroup(cmd.group);
  if (!(cmd.maxRecords >= 1)) return { code: 'INVALID_REQUEST', message: 'maxRecords must be at least 1.' };
  let budget = cmd.maxRecords;
  for (const topic of member.topics) {
    const partitions = tx.state.topics[topic]?.partitions ?? [];
    for (const p of partitions) {
      if (budget <= 0) return undefined;
      const found = sharePartition(tx, cmd.group, topic, p.partition);
      if (!found || p.leader === null) continue;
      const { config } = slice(tx).groups[cmd.group]!;
      const log = p.logs[p.leader]!;
      const sp = followLogStart(tx, cmd.group, found, log.logStartOffset);
      const offsets = offsetsToAcquire(sp, config, p.highWatermark, budget);
      if (offsets.length === 0) continue;
      budget -= offsets.length;
      const lockExpiresAtMs = tx.state.now + config.recordLockDurationMs;
      const next = acquire(sp, offsets, cmd.member, lockExpiresAtMs);
      setPartition(tx, cmd.group, next);
      const byOffset = new Map(
        readRange(log, Math.min(...offsets), Math.max(...offsets) + 1).map((r) => [r.offset, r]),
      );
      tx.emit({
        type: 'shareRecordsAcquired',
        group: cmd.group,
        member: cmd.member,
        topic,
        partition: p.partition,
        records: offsets.map((o) => ({
          offset: o,
          key: byOffset.get(o)?.key ?? null,
          value: byOffset.get(o)?.value ?? '',
          deliveryCount: next.inFlight[o - next.startOffset]!.deliveryCount,
        })),
        lockExpiresAtMs,
      });
      tx.schedule('shareLockTimeout', lockExpiresAtMs, {
        group: cmd.group,
        topic,
        partition: p.partition,
        member: cmd.member,
        offsets,
      });
    }
  }
  return undefined;
}

function shareAcknowledge(tx: Tx, cmd: Cmd<'shareAcknowledge'>): EngineError | undefined {
  const g = slice(tx).groups[cmd.group];
  if (!g?.members[cmd.member]) return noGroup(cmd.group);
  const sp = g.partitions[shareKey(cmd.topic, cmd.partition)];
  const bad = sp ? notHeldBy(sp, cmd.offsets, cmd.member) : [...cmd.offsets];
  // SharePartition.acknowledge: only the holder may acknowledge, and only while its lock holds.
  if (!sp || bad.length > 0 || cmd.offsets.length === 0)
    return {
      code: 'INVALID_RECORD_STATE',
      message: `${cmd.member} does not hold offset(s) ${bad.join(', ')} of ${cmd.topic}-${cmd.partition}.`,
    };
  const { sp: next, outcomes } = acknowledge(
    sp,
    cmd.offsets,
    cmd.acknowledgeType,
    g.config.deliveryCountLimit,
  );
  tx.emit({
    type: 'shareRecordsAcknowledged',
    group: cmd.group,
    member: cmd.member,
    topic: cmd.topic,
    partition: cmd.partition,
    acknowledgeType: cmd.acknowledgeType,
    outcomes,
  });
  advance(tx, cmd.group, next);
  return undefined;
}

function onLockTimeout(tx: Tx, t: ShareTimerPayloads['shareLockTimeout']): void {
  const g = slice(tx).groups[t.group];
  const sp = g?.partitions[shareKey(t.topic, t.partition)];
  if (!g || !sp) return;
  const expired = expiredLocks(sp, t.offsets, t.member, tx.state.now);
  if (expired.length === 0) return;
  const { sp: next, outcomes } = timeOut(sp, expired, g.config.deliveryCountLimit);
  tx.emit({
    type: 'shareLockTimedOut',
    group: t.group,
    member: t.member,
    topic: t.topic,
    partition: t.partition,
    outcomes,
  });
  advance(tx, t.group, next);
}

export const shareHandlers: ModuleHandlers<ShareCommand, NoMessages, ShareTimerPayloads> = {
  commands: { setShareGroupConfig, joinShareGroup, leaveShareGroup, shareFetch, shareAcknowledge },
  messages: {},
  timers: { shareLockTimeout: (tx, t) => onLockTimeout(tx, t.payload) },
};

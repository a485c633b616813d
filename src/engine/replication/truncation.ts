/**
 * A replica cutting its log back to the leader's (KIP-101, KIP-279, and since Kafka 2.7 driven by the
 * divergingEpoch of a fetch response, KAFKA-10554). The records cut are named in the event: with acks=1 they
 * may have been acknowledged, which is the classic loss.
 */
import { emptyLog, type ReplicaLog, readRange, truncateTo } from '../broker/log';
import type { Tx } from '../core/tx';
import type { BrokerId } from '../core/types';
import { endOffsetFor, truncateEpochsFromEnd, UNDEFINED_EPOCH } from './epoch-cache';

/**
 * Truncates one replica to `offset`. With `restart`, the replica drops everything and starts at `offset`
 * (a follower that fell below the leader's log start offset: truncateFullyAndStartAt).
 */
export function truncateReplica(
  tx: Tx,
  topic: string,
  partition: number,
  broker: BrokerId,
  offset: number,
  reason: 'diverging epoch' | 'offset out of range',
  restart = false,
): void {
  const p = tx.partition(topic, partition);
  const log = p?.logs[broker];
  if (!p || !log) return;
  const fromOffset = log.logEndOffset;
  let next: ReplicaLog;
  if (restart) {
    next = {
      ...emptyLog,
      logStartOffset: offset,
      logEndOffset: offset,
      segmentBaseOffsets: [offset],
      base: offset,
      items: [],
    };
  } else {
    next = truncateTo(log, offset);
  }
  const lost = restart
    ? readRange(log, log.logStartOffset, log.logEndOffset)
    : readRange(log, offset, fromOffset);
  const cache = truncateEpochsFromEnd(p.leaderEpochCaches[broker] ?? [], restart ? 0 : offset);
  const hw = Math.min(p.replicaHighWatermarks[broker] ?? 0, next.logEndOffset);
  tx.updatePartition(topic, partition, (q) => ({
    ...q,
    logs: { ...q.logs, [broker]: next },
    leaderEpochCaches: { ...q.leaderEpochCaches, [broker]: cache },
    replicaHighWatermarks: { ...q.replicaHighWatermarks, [broker]: hw },
  }));
  if (next.logEndOffset === fromOffset && lost.length === 0) return;
  tx.emit({
    type: 'logTruncated',
    topic,
    partition,
    broker,
    fromOffset,
    toOffset: next.logEndOffset,
    lostRecordIds: lost.map((r) => r.id),
    reason,
  });
}

/**
 * AbstractFetcherThread.getOffsetTruncationState: the leader said where the follower's last epoch ends on
 * its side. If the follower knows that epoch, it keeps what both logs agree on; if not, it cuts to the end of
 * its own largest epoch below it and the next fetch checks again (each round drops at least one epoch).
 */
export function truncateOnDivergence(
  tx: Tx,
  topic: string,
  partition: number,
  follower: BrokerId,
  diverging: { epoch: number; endOffset: number },
): void {
  const p = tx.partition(topic, partition)!;
  const leo = p.logs[follower]!.logEndOffset;
  let target: number;
  if (diverging.epoch === UNDEFINED_EPOCH) {
    target = Math.min(p.replicaHighWatermarks[follower] ?? 0, leo);
  } else {
    const mine = endOffsetFor(p.leaderEpochCaches[follower] ?? [], diverging.epoch, leo);
    if (mine.epoch === UNDEFINED_EPOCH) target = Math.min(diverging.endOffset, leo);
    else if (mine.epoch !== diverging.epoch) target = Math.min(mine.endOffset, leo);
    else target = Math.min(mine.endOffset, diverging.endOffset, leo);
  }
  truncateReplica(tx, topic, partition, follower, target, 'diverging epoch');
}

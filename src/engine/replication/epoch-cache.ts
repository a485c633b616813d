/**
 * The leader-epoch cache of one replica (LeaderEpochFileCache, KIP-101): which leader epoch began at which
 * offset. A leader adds its epoch at its log end offset when elected; a follower adds one when it appends the
 * first record of a new epoch. endOffsetFor answers "where did epoch e end?", which is how a returning replica
 * finds the point where its log diverged from the leader's.
 */
import type { EpochEntry } from '../core/types';

export const UNDEFINED_EPOCH = -1;

export function latestEpoch(cache: readonly EpochEntry[]): number {
  return cache.length > 0 ? cache[cache.length - 1]!.epoch : UNDEFINED_EPOCH;
}

/** LeaderEpochFileCache.assign: drops entries that the new one contradicts, keeping epochs and offsets monotonic. */
export function assignEpoch(
  cache: readonly EpochEntry[],
  epoch: number,
  startOffset: number,
): readonly EpochEntry[] {
  const last = cache[cache.length - 1];
  if (last && last.epoch === epoch && last.startOffset <= startOffset) return cache;
  const kept = cache.filter((e) => e.epoch < epoch && e.startOffset < startOffset);
  return [...kept, { epoch, startOffset }];
}

/** LeaderEpochFileCache.truncateFromEnd: forgets the epochs that started at or after endOffset. */
export function truncateEpochsFromEnd(
  cache: readonly EpochEntry[],
  endOffset: number,
): readonly EpochEntry[] {
  const kept = cache.filter((e) => e.startOffset < endOffset);
  return kept.length === cache.length ? cache : kept;
}

/**
 * LeaderEpochFileCache.endOffsetFor: the largest epoch <= requested and the offset where it ended (the start
 * of the next epoch, or the log end offset for the latest). Below the first epoch: the requested epoch ending
 * where the first one starts.
 */
export function endOffsetFor(
  cache: readonly EpochEntry[],
  requestedEpoch: number,
  logEndOffset: number,
): { epoch: number; endOffset: number } {
  if (requestedEpoch === UNDEFINED_EPOCH || cache.length === 0)
    return { epoch: UNDEFINED_EPOCH, endOffset: -1 };
  if (requestedEpoch === latestEpoch(cache)) return { epoch: requestedEpoch, endOffset: logEndOffset };
  const higher = cache.findIndex((e) => e.epoch > requestedEpoch);
  if (higher < 0) return { epoch: UNDEFINED_EPOCH, endOffset: -1 };
  const floor = cache[higher - 1];
  return { epoch: floor ? floor.epoch : requestedEpoch, endOffset: cache[higher]!.startOffset };
}

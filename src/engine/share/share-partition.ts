/**
 * One share-partition's rules, as pure functions over its state (SharePartition.java, InFlightState.java).
 * The handlers (handlers.ts) read the log, schedule the locks' timers and emit events around them.
 */
import type {
  AcknowledgeType,
  InFlightRecord,
  ShareGroupConfig,
  SharePartitionState,
  ShareRecordState,
} from './types';

/** The offset after the last in-flight record: where a fetch of new records starts. */
export const nextNewOffset = (sp: SharePartitionState) => sp.startOffset + sp.inFlight.length;

const at = (sp: SharePartitionState, offset: number): InFlightRecord | undefined =>
  sp.inFlight[offset - sp.startOffset];

/**
 * The offsets a fetch acquires, at most maxRecords: released or timed-out records first (nextFetchOffset()
 * looks for the first AVAILABLE in-flight record before the end), then new records below the high watermark,
 * but only while the window holds fewer than group.share.partition.max.record.locks records
 * (SharePartition.canAcquireRecords: "fetching operations will temporarily yield no further records").
 * Records held by other members are skipped: one record, one holder.
 */
export function offsetsToAcquire(
  sp: SharePartitionState,
  config: ShareGroupConfig,
  highWatermark: number,
  maxRecords: number,
): number[] {
  const out: number[] = [];
  for (const r of sp.inFlight) {
    if (out.length >= maxRecords) return out;
    if (r.state === 'AVAILABLE') out.push(r.offset);
  }
  let inFlight = sp.inFlight.length;
  for (let o = nextNewOffset(sp); o < highWatermark; o++) {
    if (out.length >= maxRecords || inFlight >= config.partitionMaxRecordLocks) break;
    out.push(o);
    inFlight++;
  }
  return out;
}

/** AVAILABLE -> ACQUIRED, delivery count + 1 (DeliveryCountOps.INCREASE); new records enter the window at 1. */
export function acquire(
  sp: SharePartitionState,
  offsets: readonly number[],
  memberId: string,
  lockExpiresAtMs: number,
): SharePartitionState {
  const chosen = new Set(offsets);
  const inFlight = sp.inFlight.map((r) =>
    chosen.has(r.offset)
      ? { ...r, state: 'ACQUIRED' as const, deliveryCount: r.deliveryCount + 1, memberId, lockExpiresAtMs }
      : r,
  );
  for (let o = nextNewOffset(sp); chosen.has(o); o++)
    inFlight.push({ offset: o, state: 'ACQUIRED', deliveryCount: 1, memberId, lockExpiresAtMs });
  return { ...sp, inFlight };
}

/**
 * Where a held record goes when its holder lets go of it without accepting it: AVAILABLE for another
 * delivery, unless it has been delivered delivery.count.limit times, then ARCHIVED for good
 * (InFlightState.tryUpdateState: AVAILABLE && deliveryCount >= maxDeliveryCount -> ARCHIVED).
 */
const released = (r: InFlightRecord, limit: number): ShareRecordState =>
  r.deliveryCount >= limit ? 'ARCHIVED' : 'AVAILABLE';

function settle(
  sp: SharePartitionState,
  offsets: readonly number[],
  to: (r: InFlightRecord) => ShareRecordState,
) {
  const chosen = new Set(offsets);
  const outcomes: { offset: number; state: ShareRecordState }[] = [];
  const inFlight = sp.inFlight.map((r) => {
    if (!chosen.has(r.offset)) return r;
    const state = to(r);
    outcomes.push({ offset: r.offset, state });
    return { ...r, state, memberId: null, lockExpiresAtMs: null };
  });
  return { sp: { ...sp, inFlight }, outcomes };
}

/** The offsets among `offsets` that `memberId` does not hold: acknowledging them is INVALID_RECORD_STATE. */
export function notHeldBy(sp: SharePartitionState, offsets: readonly number[], memberId: string): number[] {
  return offsets.filter((o) => {
    const r = at(sp, o);
    return r?.state !== 'ACQUIRED' || r.memberId !== memberId;
  });
}

/** ACCEPT -> ACKNOWLEDGED; REJECT -> ARCHIVED; RELEASE -> AVAILABLE, or ARCHIVED at the limit. */
export function acknowledge(
  sp: SharePartitionState,
  offsets: readonly number[],
  type: AcknowledgeType,
  limit: number,
) {
  return settle(sp, offsets, (r) =>
    type === 'ACCEPT' ? 'ACKNOWLEDGED' : type === 'REJECT' ? 'ARCHIVED' : released(r, limit),
  );
}

/** The member's records whose lock ran out by nowMs (AcquisitionLockTimerTask). */
export function expiredLocks(
  sp: SharePartitionState,
  offsets: readonly number[],
  memberId: string,
  nowMs: number,
): number[] {
  return offsets.filter((o) => {
    const r = at(sp, o);
    return r?.state === 'ACQUIRED' && r.memberId === memberId && (r.lockExpiresAtMs ?? Infinity) <= nowMs;
  });
}

/** A lock that runs out releases the record, counting the delivery (releaseAcquisitionLockOnTimeout). */
export const timeOut = (sp: SharePartitionState, offsets: readonly number[], limit: number) =>
  settle(sp, offsets, (r) => released(r, limit));

/** A leaving member's records go back, as on a release (releaseAcquiredRecords on session close). */
export const heldBy = (sp: SharePartitionState, memberId: string) =>
  sp.inFlight.filter((r) => r.state === 'ACQUIRED' && r.memberId === memberId).map((r) => r.offset);

export const releaseAll = (sp: SharePartitionState, offsets: readonly number[], limit: number) =>
  settle(sp, offsets, (r) => released(r, limit));

/**
 * The SPSO moves past the leading records that are ACKNOWLEDGED or ARCHIVED, and only past those; they leave
 * the window (SharePartition.maybeUpdateCachedStateAndOffsets). A record still AVAILABLE or ACQUIRED holds it.
 */
export function advanceStartOffset(sp: SharePartitionState): SharePartitionState {
  let done = 0;
  while (done < sp.inFlight.length) {
    const s = sp.inFlight[done]!.state;
    if (s !== 'ACKNOWLEDGED' && s !== 'ARCHIVED') break;
    done++;
  }
  if (done === 0) return sp;
  return { ...sp, startOffset: sp.startOffset + done, inFlight: sp.inFlight.slice(done) };
}

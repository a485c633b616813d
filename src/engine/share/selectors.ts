/**
 * What the stage and the scenes read of share groups (through src/engine/index.ts): the share-partition's
 * window, each member's holdings, and the counts a kafka-share-groups.sh --describe prints.
 */
import type { EngineState } from '../core/types';
import { type InFlightRecord, type ShareGroupState, type SharePartitionState, shareKey } from './types';

export const shareGroup = (s: EngineState, group: string): ShareGroupState | undefined =>
  s.share.groups[group];

export const sharePartitionOf = (
  s: EngineState,
  group: string,
  topic: string,
  partition: number,
): SharePartitionState | undefined => s.share.groups[group]?.partitions[shareKey(topic, partition)];

/** Kafka's SPEO: the last in-flight offset; with nothing in flight, the SPSO itself (SharePartition.endOffset). */
export const sharePartitionEndOffset = (sp: SharePartitionState) =>
  sp.inFlight.length === 0 ? sp.startOffset : sp.startOffset + sp.inFlight.length - 1;

/** The in-flight record at an offset, if the window holds it. */
export const inFlightAt = (sp: SharePartitionState, offset: number): InFlightRecord | undefined =>
  sp.inFlight[offset - sp.startOffset];

/** The offsets each member holds (ACQUIRED) in a share-partition, for every member (empty when none). */
export function heldByMember(
  g: ShareGroupState,
  sp: SharePartitionState | undefined,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of Object.keys(g.members)) out[m] = [];
  for (const r of sp?.inFlight ?? [])
    if (r.state === 'ACQUIRED' && r.memberId) out[r.memberId]?.push(r.offset);
  return out;
}

/** kafka-share-groups.sh --describe's LAG: records from the SPSO to the high watermark not yet done. */
export function shareLag(s: EngineState, sp: SharePartitionState): number {
  const hw = s.topics[sp.topic]?.partitions[sp.partition]?.highWatermark ?? sp.startOffset;
  const done = sp.inFlight.filter((r) => r.state === 'ACKNOWLEDGED' || r.state === 'ARCHIVED').length;
  return Math.max(0, hw - sp.startOffset - done);
}

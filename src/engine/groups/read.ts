/**
 * The one place the groups module reads a partition: records below the high watermark from the leader's
 * log, through replication's readableRecords (Partition.fetchRecords with FetchIsolation.HIGH_WATERMARK).
 */

import type { EngineState } from '../core/types';
import { type ReadableRecords, readableRecords } from '../replication/read';
import type { IsolationLevel } from '../transactions/stable-offset';

export function readForConsumer(
  state: EngineState,
  topic: string,
  partition: number,
  fromOffset: number,
  maxRecords: number,
  isolation: IsolationLevel = 'read_uncommitted',
): ReadableRecords {
  return readableRecords(state, topic, partition, fromOffset, maxRecords, isolation);
}

/** Where auto.offset.reset points: the log start (earliest) or the high watermark (latest). */
export function resetOffset(
  state: EngineState,
  topic: string,
  partition: number,
  strategy: 'earliest' | 'latest',
): number {
  const p = state.topics[topic]?.partitions[partition];
  if (!p) return 0;
  if (strategy === 'latest') return p.highWatermark;
  const log = p.leader === null ? undefined : p.logs[p.leader];
  return log?.logStartOffset ?? 0;
}

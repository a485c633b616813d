/**
 * Kafka's defaults for the log cleaner (TopicConfig / ServerLogConfigs / CleanerConfig in Kafka 4.x), and the
 * resolved config of a topic: a topic config the scene left out takes Kafka's default.
 */
import type { CleanupPolicy, TopicConfig } from '../core/types';

/** log.cleaner.backoff.ms: how long a cleaner thread sleeps when no log needs cleaning (15 s). */
export const LOG_CLEANER_BACKOFF_MS = 15_000;
/** delete.retention.ms: 1 day. */
export const DEFAULT_DELETE_RETENTION_MS = 86_400_000;
/** min.cleanable.dirty.ratio: 0.5. */
export const DEFAULT_MIN_CLEANABLE_DIRTY_RATIO = 0.5;

export interface CleanerConfig {
  readonly cleanupPolicy: CleanupPolicy;
  readonly segmentBytes: number;
  readonly minCleanableDirtyRatio: number;
  readonly minCompactionLagMs: number;
  /** null: Long.MAX_VALUE in Kafka, never forced. */
  readonly maxCompactionLagMs: number | null;
  readonly deleteRetentionMs: number;
}

export const isCompacted = (config: TopicConfig): boolean =>
  config.cleanupPolicy === 'compact' || config.cleanupPolicy === 'compact,delete';

export function cleanerConfig(config: TopicConfig): CleanerConfig {
  return {
    cleanupPolicy: config.cleanupPolicy ?? 'delete',
    segmentBytes: config.segmentBytes,
    minCleanableDirtyRatio: config.minCleanableDirtyRatio ?? DEFAULT_MIN_CLEANABLE_DIRTY_RATIO,
    minCompactionLagMs: config.minCompactionLagMs ?? 0,
    maxCompactionLagMs: config.maxCompactionLagMs ?? null,
    deleteRetentionMs: config.deleteRetentionMs ?? DEFAULT_DELETE_RETENTION_MS,
  };
}

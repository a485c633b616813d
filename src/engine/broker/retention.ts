/**
 * Retention (cleanup.policy=delete): every log.retention.check.interval.ms the broker deletes whole old
 * segments past retention.ms (by their newest record) or beyond retention.bytes; the log start offset moves.
 * Each replica deletes from its own log, below the high watermark it knows (UnifiedLog.deleteOldSegments), the
 * active segment included once the HW has reached the log end (log.ts, deleteOldSegments).
 */

import type { Tx } from '../core/tx';
import { deleteOldSegments } from './log';

/** log.retention.check.interval.ms: 5 minutes in Kafka. */
export const RETENTION_CHECK_INTERVAL_MS = 300_000;

export function onRetentionCheck(tx: Tx): void {
  for (const topic of Object.values(tx.state.topics)) {
    const { retentionMs, retentionBytes } = topic.config;
    if (retentionMs === null && retentionBytes === null) continue;
    // cleanup.policy=compact alone: no time or size retention (UnifiedLog.deleteOldSegments checks config.delete).
    if (topic.config.cleanupPolicy === 'compact') continue;
    for (const p of topic.partitions) {
      for (const [id, log] of Object.entries(p.logs)) {
        const broker = Number(id);
        if (!tx.state.brokers[broker]?.alive) continue;
        let reason: 'retention.ms' | 'retention.bytes' = 'retention.ms';
        // The leader's HW, or the one a follower learned from its fetch responses (Replica's highWatermark).
        const highWatermark = p.leader === broker ? p.highWatermark : (p.replicaHighWatermarks[broker] ?? 0);
        const next = deleteOldSegments(log, highWatermark, (seg, keptBytes) => {
          if (retentionMs !== null && tx.state.now - seg.newestAppendMs > retentionMs) return true;
          if (retentionBytes !== null && keptBytes - seg.bytes >= retentionBytes) {
            reason = 'retention.bytes';
            return true;
          }
          return false;
        });
        if (next === log) continue;
        tx.updatePartition(topic.name, p.partition, (q) => ({ ...q, logs: { ...q.logs, [broker]: next } }));
        tx.emit({
          type: 'segmentsDeleted',
          topic: topic.name,
          partition: p.partition,
          broker,
          logStartOffset: next.logStartOffset,
          reason,
        });
      }
    }
  }
  tx.schedule('retentionCheck', tx.state.now + RETENTION_CHECK_INTERVAL_MS, {});
}

/**
 * The log cleaner on every broker (LogCleaner's threads): each pass cleans every replica log of a compacted
 * topic on a live broker that LogCleanerManager finds cleanable, then sleeps log.cleaner.backoff.ms. Kafka's
 * threads clean the filthiest log first and go straight on to the next; the engine cleans them all in one
 * pass, which gives the same logs. Each replica cleans its own log, below the high watermark it knows.
 */
import type { ModuleHandlers, NoMessages } from '../core/module';
import type { Tx } from '../core/tx';
import { cleanableRange, cleanLog } from './cleaner';
import { cleanerConfig, isCompacted, LOG_CLEANER_BACKOFF_MS } from './config';
import type { CompactionTimerPayloads } from './protocol';

const hasCompactedTopic = (tx: Tx): boolean =>
  Object.values(tx.state.topics).some((t) => isCompacted(t.config));

/** Starts the cleaner's passes once a compacted topic exists (before, a pass would find nothing). */
export function ensureLogCleaner(tx: Tx): void {
  if (!hasCompactedTopic(tx) || tx.state.timers.some((t) => t.kind === 'logCleanerCheck')) return;
  tx.schedule('logCleanerCheck', tx.state.now + LOG_CLEANER_BACKOFF_MS, {});
}

export function onLogCleanerCheck(tx: Tx): void {
  for (const topic of Object.values(tx.state.topics)) {
    if (!isCompacted(topic.config)) continue;
    const cfg = cleanerConfig(topic.config);
    for (const p of topic.partitions) {
      for (const [id, log] of Object.entries(p.logs)) {
        const broker = Number(id);
        if (!tx.state.brokers[broker]?.alive) continue;
        const highWatermark = p.leader === broker ? p.highWatermark : (p.replicaHighWatermarks[broker] ?? 0);
        const range = cleanableRange(log, tx.state.now, highWatermark, cfg);
        if (!range.shouldClean) continue;
        const out = cleanLog(log, range, tx.state.now, cfg);
        tx.updatePartition(topic.name, p.partition, (q) => ({
          ...q,
          logs: { ...q.logs, [broker]: out.log },
        }));
        tx.emit({
          type: 'logCleaned',
          topic: topic.name,
          partition: p.partition,
          broker,
          firstDirtyOffset: range.firstDirtyOffset,
          cleanedTo: out.cleanedTo,
          dirtyPercent: Math.round(range.dirtyRatio * 100),
          removedOffsets: [...out.removedOffsets],
          tombstonesRemoved: [...out.tombstonesRemoved],
          tombstonesMarked: [...out.tombstonesMarked],
        });
      }
    }
  }
  if (hasCompactedTopic(tx)) tx.schedule('logCleanerCheck', tx.state.now + LOG_CLEANER_BACKOFF_MS, {});
}

export const compactionHandlers: ModuleHandlers<never, NoMessages, CompactionTimerPayloads> = {
  commands: {},
  messages: {},
  timers: { logCleanerCheck: (tx) => onLogCleanerCheck(tx) },
};

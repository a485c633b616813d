/** What replication does when partitions come into being: count them in the gauges, start their followers. */
import type { Tx } from '../core/tx';
import { syncFetchers } from './fetcher';
import { ensureIsrExpirationTask } from './isr';
import { isOffline, isUnderReplicated } from './metrics';

/** Called by createTopic and addPartitions for the partitions of `topic` from `fromPartition` on. */
export function onPartitionsCreated(tx: Tx, topic: string, fromPartition: number): void {
  for (const p of tx.topic(topic)?.partitions.slice(fromPartition) ?? []) {
    if (isUnderReplicated(p)) tx.bumpMetric('underReplicatedPartitions');
    if (isOffline(p)) tx.bumpMetric('offlinePartitionsCount');
  }
  ensureIsrExpirationTask(tx);
  syncFetchers(tx);
}

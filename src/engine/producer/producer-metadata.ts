/**
 * What a producer knows of a topic's partitions: the count from its last Metadata response, not the topic's
 * current one. After partitions are added, a running producer keeps partitioning over the old count until
 * its metadata refreshes (Metadata.timeToNextUpdate: lastSuccessfulRefreshMs + metadata.max.age.ms), or until
 * it names a partition it does not know (KafkaProducer.waitOnMetadata requests an update and waits).
 *
 * Kafka's sender thread refreshes in the background the moment the age runs out; refreshing lazily at the
 * next send gives every record the same partition count, since no record is partitioned in between.
 */
import type { Command } from '../core/commands';
import type { EngineError, MetadataRefreshReason } from '../core/events';
import type { Tx } from '../core/tx';
import type { EngineState, ProducerState, TopicState } from '../core/types';

/** Kafka's default metadata.max.age.ms (CommonClientConfigs), also librdkafka's topic.metadata.refresh.interval.ms. */
export const METADATA_MAX_AGE_MS = 5 * 60_000;

/**
 * The partition count this producer partitions `topic` over for a record sent now, refreshing its metadata
 * first when it has none, when it aged out, or when the record names a partition beyond what it knows.
 */
export function knownPartitionCount(
  tx: Tx,
  p: ProducerState,
  topic: TopicState,
  explicitPartition: number | undefined,
): number {
  const known = p.metadata[topic.name];
  if (!known) {
    // The first send to a topic fetches its metadata (ProducerMetadata.add, then waitOnMetadata): not traced,
    // since every producer does it once and it changes no decision.
    setKnown(tx, p.id, topic, null);
    return topic.partitions.length;
  }
  let reason: MetadataRefreshReason | null = null;
  if (tx.state.now - known.fetchedAtMs >= p.config.metadataMaxAgeMs) reason = 'max-age';
  else if (explicitPartition !== undefined && explicitPartition >= known.numPartitions)
    reason = 'unknown-partition';
  if (reason === null) return known.numPartitions;
  // An age-out that learns nothing new is left out of the trace: it changes no decision either.
  setKnown(
    tx,
    p.id,
    topic,
    topic.partitions.length !== known.numPartitions || reason !== 'max-age' ? reason : null,
  );
  return topic.partitions.length;
}

function setKnown(tx: Tx, producerId: string, topic: TopicState, reason: MetadataRefreshReason | null): void {
  const draft = tx.producerDraft(producerId)!;
  const from = draft.metadata[topic.name]?.numPartitions ?? 0;
  tx.own(draft, 'metadata')[topic.name] = {
    numPartitions: topic.partitions.length,
    fetchedAtMs: tx.state.now,
  };
  if (reason !== null)
    tx.emit({
      type: 'producerMetadataRefreshed',
      producer: producerId,
      topic: topic.name,
      from,
      to: topic.partitions.length,
      reason,
    });
}

/** The refresh that metadata.max.age.ms would bring, now: every topic the producer knows. */
export function refreshProducerMetadata(
  tx: Tx,
  cmd: Extract<Command, { type: 'refreshProducerMetadata' }>,
): EngineError | undefined {
  const p = tx.producer(cmd.producer);
  if (!p) return { code: 'UNKNOWN_PRODUCER', message: `No producer '${cmd.producer}'.` };
  for (const name of Object.keys(p.metadata).sort()) {
    const topic = tx.topic(name);
    if (topic) setKnown(tx, p.id, topic, 'forced');
  }
  return undefined;
}

/** The partition count a producer would use for its next record to `topic`, or null before its first send. */
export function producerPartitionCount(p: ProducerState, topic: string): number | null {
  return p.metadata[topic]?.numPartitions ?? null;
}

/** Whether the topic has more partitions than the producer's metadata lists: it is partitioning over too few. */
export function producerMetadataStale(state: EngineState, producer: string, topic: string): boolean {
  const known = state.producers[producer]?.metadata[topic]?.numPartitions;
  const actual = state.topics[topic]?.partitions.length;
  return known !== undefined && actual !== undefined && known < actual;
}

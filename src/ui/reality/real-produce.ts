/**
 * The simulator's prediction beside real Kafka's answer for a keyed record produced from the stage: the
 * engine's partitioner (murmur2, as the Java client's BuiltInPartitioner) over the topic's partition count
 * as the snapshot shows it. A keyless record has no prediction: the sticky partitioner picks by batch.
 */
import { partitionForKey } from '../../engine';
import type { RealSnapshot } from '../../reality/protocol';

export function predictPartition(
  snapshot: RealSnapshot | null,
  topic: string,
  key: string | null,
): number | null {
  if (key === null) return null;
  const partitions = snapshot?.topics.find((t) => t.name === topic)?.partitions.length ?? 0;
  return partitions > 0 ? partitionForKey(key, partitions) : null;
}

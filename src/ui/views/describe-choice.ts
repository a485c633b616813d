/**
 * The partitioner's decision in words and numbers, exactly as the engine made it (the event carries the
 * real hash, counter and sizes; nothing is recomputed here).
 */
import type { EngineEvent } from '../../engine/events';

type Chosen = Extract<EngineEvent, { type: 'partitionChosen' }>;

export function describeChoice(e: Chosen): string {
  const how = e.how;
  switch (how.rule) {
    case 'explicit':
      return `partition named by the producer: P${e.partition}`;
    case 'key-murmur2':
      return `murmur2("${e.key}") = ${how.hash} → toPositive % ${how.numPartitions} = ${e.partition}`;
    case 'key-crc32':
      return `crc32("${e.key}") = ${how.crc} → % ${how.numPartitions} = ${e.partition}`;
    case 'random':
      return `no key: random partition P${e.partition}`;
    case 'round-robin':
      return `round robin: counter ${how.counter} % ${how.numPartitions} = ${e.partition}`;
    case 'sticky':
      return how.switched
        ? `sticky: batch full, switch to P${e.partition}`
        : `sticky: stay on P${e.partition} (${how.bytesOnPartition} of ${how.batchSizeBytes} B)`;
  }
}

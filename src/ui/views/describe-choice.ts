/**
 * The partitioner's decision in words and numbers, exactly as the engine made it (the event carries the
 * real hash, counter and sizes; nothing is recomputed here).
 */
import type { EngineEvent } from '../../engine';

type Chosen = Extract<EngineEvent, { type: 'partitionChosen' }>;

export function describeChoice(e: Chosen): string {
  const how = e.how;
  // With one partition every key lands on P0 (any hash % 1 is 0): that is the lesson, and the hash of a long
  // key (a ksql sink's card number) would only wrap the narration and shrink the stage for that step.
  if ((how.rule === 'key-murmur2' || how.rule === 'key-crc32') && how.numPartitions === 1)
    return `one partition, so P${e.partition} whatever the key (any hash % 1 = 0)`;
  switch (how.rule) {
    case 'explicit':
      return `partition named by the producer: P${e.partition}`;
    case 'key-murmur2':
      return `murmur2("${e.key}") = ${how.hash} → toPositive % ${how.numPartitions} = ${e.partition}`;
    case 'key-crc32':
      return `crc32("${e.key}") = ${how.crc} → % ${how.numPartitions} = ${e.partition}`;
    case 'random':
      // librdkafka with sticky.partitioning.linger.ms=0: a fresh draw for every keyless record.
      return `no key, sticky.partitioning.linger.ms=0: random partition P${e.partition}`;
    case 'sticky-window':
      // librdkafka 1.6+: keyless records stay on one partition for sticky.partitioning.linger.ms.
      return how.switched
        ? `no key: sticky, pick P${e.partition} for the next ${how.stickyLingerMs} ms`
        : `no key: sticky, stay on P${e.partition} (window opened at ${how.windowStartMs} ms, lasts ${how.stickyLingerMs} ms)`;
    case 'round-robin':
      return `round robin: counter ${how.counter} % ${how.numPartitions} = ${e.partition}`;
    case 'sticky':
      return how.switched
        ? // Since 3.3 (KIP-794) the built-in partitioner picks a partition and keeps it until batch.size bytes
          // went to it, whether or not a batch filled (2.4's sticky partitioner switched when a batch was sent).
          `sticky: pick P${e.partition}, keep it for batch.size (${how.batchSizeBytes} B)`
        : `sticky: stay on P${e.partition} (${how.bytesOnPartition} of ${how.batchSizeBytes} B)`;
  }
}

/**
 * The same decision as short lines for the stage, under the producer that made it, the last ending in the
 * partition the arrow goes to. Only the engine's numbers: the hash, its positive form, the counter, the sizes.
 */
export function choiceLines(e: Chosen, value?: string): string[] {
  const how = e.how;
  const to = `→ P${e.partition}`;
  // A keyless record is named by its value, when the view knows it (the record's recordAppended event).
  const named = value === undefined ? '' : `${value}: `;
  if ((how.rule === 'key-murmur2' || how.rule === 'key-crc32') && how.numPartitions === 1)
    return [`key "${e.key}"`, `one partition ${to}`];
  switch (how.rule) {
    case 'explicit':
      return ['partition named', to];
    case 'key-murmur2':
      return [
        `murmur2("${e.key}")`,
        `= ${how.hash}`,
        // toPositive clears the sign bit: shown only when it changed the number.
        ...(how.positive !== how.hash ? [`toPositive: ${how.positive}`] : []),
        `% ${how.numPartitions} = ${e.partition} ${to}`,
      ];
    case 'key-crc32':
      return [`crc32("${e.key}")`, `= ${how.crc}`, `% ${how.numPartitions} = ${e.partition} ${to}`];
    case 'random':
      return [`${named}no key`, `random ${to}`];
    case 'round-robin':
      return [`${named}counter ${how.counter}`, `% ${how.numPartitions} = ${e.partition} ${to}`];
    case 'sticky':
      return how.switched
        ? [`${named}new pick`, `for ${how.batchSizeBytes} B ${to}`]
        : [`${named}stay`, `${how.bytesOnPartition} of ${how.batchSizeBytes} B ${to}`];
    case 'sticky-window':
      return how.switched
        ? [`${named}new pick`, `for ${how.stickyLingerMs} ms ${to}`]
        : [`${named}same ${how.stickyLingerMs} ms`, `window ${to}`];
  }
}

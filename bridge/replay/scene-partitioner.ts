/**
 * The partitioner of a replay's kafkajs producer, as the scene's client partitions: the Java client's
 * murmur2 for keys (kafkajs's DefaultPartitioner), librdkafka's consistent_random (CRC-32 of the key % the
 * partition count the producer's metadata holds, as rdkafka_msg.c's rd_kafka_msg_partitioner_consistent_random),
 * and for keyless records RoundRobinPartitioner over the partitions that have a leader (the sticky
 * partitioner depends on batch timing and is not reproduced: kafkajs's default places those records, and
 * the runner lists it).
 */
import { crc32 } from 'node:zlib';
import { type ICustomPartitioner, Partitioners, type Producer } from 'kafkajs';
import type { Command } from '../../src/engine';

type AddProducer = Extract<Command, { type: 'addProducer' }>;

/** A scene producer played by a kafkajs producer: its config as the scene changed it, its round-robin count. */
export interface ProducerSlot {
  config: AddProducer;
  producer: Producer;
  roundRobin: number;
}

/** Reads the slot on every record: a configureProducer changes how the next record is partitioned. */
export function scenePartitioner(slot: () => ProducerSlot): ICustomPartitioner {
  return () => {
    const java = Partitioners.DefaultPartitioner();
    return (args) => {
      const { config } = slot();
      const { message: m, partitionMetadata } = args;
      if (m.partition !== undefined && m.partition !== null) return m.partition;
      if (m.key !== null && m.key !== undefined) {
        if (config.client !== 'librdkafka') return java(args);
        // rd_kafka_msg_partitioner_consistent_random: crc32(key) % partition count, over all partitions.
        return crc32(Buffer.from(m.key)) % partitionMetadata.length;
      }
      if ((config.keyless ?? 'sticky') === 'sticky') return java(args);
      // RoundRobinPartitioner: the next of the partitions that have a leader.
      const available = partitionMetadata
        .filter((p) => p.leader >= 0)
        .sort((a, b) => a.partitionId - b.partitionId);
      const list = available.length > 0 ? available : partitionMetadata;
      const at = slot().roundRobin++;
      return list[at % list.length]!.partitionId;
    };
  };
}

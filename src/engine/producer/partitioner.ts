/**
 * Where a record goes, as Kafka's clients decide it. The keyed rules are pure functions of the key and the
 * partition count; the keyless ones (round robin, sticky) keep a little state that lives in the producer.
 */
import { crc32 } from './crc32';
import { encodeUtf8, murmur2Bytes, murmur2String } from './murmur2';

/** Utils.murmur2 of the Java client over the given bytes: a signed 32-bit int. */
export function murmur2(bytes: Uint8Array): number {
  return murmur2Bytes(bytes, bytes.length);
}

/** Utils.toPositive: clears the sign bit (not Math.abs, which would overflow on Integer.MIN_VALUE). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The murmur2 hash of a key: a string's UTF-8 bytes (StringSerializer), or raw bytes. */
export function hashKey(key: string | Uint8Array): number {
  return typeof key === 'string' ? murmur2String(key) : murmur2(key);
}

/**
 * BuiltInPartitioner.partitionForKey: toPositive(murmur2(keyBytes)) % numPartitions, over ALL partitions of
 * the topic, available or not. An empty key is hashed like any other (only a null key is keyless).
 */
export function partitionForKey(key: string | Uint8Array, numPartitions: number): number {
  return toPositive(hashKey(key)) % numPartitions;
}

/**
 * librdkafka's default `consistent_random` partitioner: CRC-32 of the key bytes % partition count. It
 * returns null for a null or empty key, which librdkafka spreads at random (the caller draws from the rng).
 */
export function consistentRandomPartition(
  key: string | Uint8Array | null,
  numPartitions: number,
): number | null {
  if (key === null) return null;
  if (typeof key === 'string') {
    if (key.length === 0) return null;
    const { bytes, length } = encodeUtf8(key);
    return crc32(bytes, length) % numPartitions;
  }
  if (key.length === 0) return null;
  return crc32(key) % numPartitions;
}

import fc from 'fast-check';
import kafkajsMurmur2 from 'kafkajs/src/producer/partitioners/default/murmur2.js';
import { describe, expect, it } from 'vitest';
import { consistentRandomPartition, hashKey, murmur2, partitionForKey, toPositive } from './partitioner';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** kafkajs's DefaultPartitioner for a keyed record: toPositive(murmur2(key)) % partitionMetadata.length. */
const kafkajsPartition = (key: string | Uint8Array, numPartitions: number): number =>
  (kafkajsMurmur2(typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key)) & 0x7fffffff) %
  numPartitions;

describe('partitionForKey: toPositive(murmur2(keyBytes)) % numPartitions (BuiltInPartitioner)', () => {
  // KAFKA-DETAILS 1.1 worked values, computed with kafkajs's Java-compatible DefaultPartitioner hash
  // (default/murmur2.js), itself a port of the Java client's Utils.murmur2.
  it.each([
    ['', 275646681, 1, 3],
    ['alice', 1951417749, 1, 3],
    ['bob', -2048144690, 2, 0],
    ['user-1', 1404122828, 0, 2],
    ['4111111111111111', 1202103843, 3, 3],
  ])('sends key %j (murmur2 %i) to partition %i of 4 and %i of 6', (key, hash, of4, of6) => {
    expect(hashKey(key)).toBe(hash);
    expect(partitionForKey(key, 4)).toBe(of4);
    expect(partitionForKey(key, 6)).toBe(of6);
  });

  it('hashes an empty key like any other (only a null key is keyless): partition 1 of 4', () => {
    expect(partitionForKey('', 4)).toBe(1);
    expect(partitionForKey(new Uint8Array(0), 4)).toBe(1);
  });

  it('a key lands on the same partition every time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        expect(partitionForKey(key, n)).toBe(partitionForKey(key, n));
      }),
    );
  });

  it('adding partitions can move a key: bob goes from 2 of 4 to 0 of 6', () => {
    expect(partitionForKey('bob', 4)).not.toBe(partitionForKey('bob', 6));
  });

  it('agrees with kafkajs DefaultPartitioner on any string key and partition count', () => {
    const keys = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 64 }),
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 16 }),
    );
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        expect(partitionForKey(key, n)).toBe(kafkajsPartition(key, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with kafkajs on Uint8Array keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        expect(partitionForKey(key, n)).toBe(kafkajsPartition(key, n));
      }),
      { numRuns: 1000 },
    );
  });

  it('a string key and its UTF-8 bytes land on the same partition', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 64 }),
        fc.integer({ min: 1, max: 100 }),
        (key, n) => {
          expect(partitionForKey(key, n)).toBe(partitionForKey(utf8(key), n));
          expect(hashKey(key)).toBe(murmur2(utf8(key)));
        },
      ),
    );
  });

  it('always gives a partition in [0, numPartitions)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        const p = partitionForKey(key, n);
        expect(Number.isInteger(p) && p >= 0 && p < n).toBe(true);
      }),
    );
  });
});

describe('toPositive (Utils.toPositive: n & 0x7fffffff, not Math.abs)', () => {
  it('maps Integer.MIN_VALUE to 0', () => {
    expect(toPositive(-2147483648)).toBe(0);
  });

  it('maps -1 to Integer.MAX_VALUE and keeps non-negative ints', () => {
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(0)).toBe(0);
    expect(toPositive(2147483647)).toBe(2147483647);
    expect(toPositive(-2048144690)).toBe(99338958);
  });
});

describe('consistentRandomPartition (librdkafka consistent_random: CRC-32 % n)', () => {
  // KAFKA-DETAILS 1.4.
  it('sends user-1 to 0 of 4, the same partition as murmur2', () => {
    expect(consistentRandomPartition('user-1', 4)).toBe(0);
    expect(partitionForKey('user-1', 4)).toBe(0);
  });

  it('sends alice to 3 of 4, while the Java client sends it to 1', () => {
    expect(consistentRandomPartition('alice', 4)).toBe(3);
    expect(partitionForKey('alice', 4)).toBe(1);
  });

  it('returns null for a null or empty key, which librdkafka spreads at random', () => {
    expect(consistentRandomPartition(null, 4)).toBeNull();
    expect(consistentRandomPartition('', 4)).toBeNull();
    expect(consistentRandomPartition(new Uint8Array(0), 4)).toBeNull();
  });

  it('treats a string key and its UTF-8 bytes alike', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
        fc.integer({ min: 1, max: 100 }),
        (key, n) => {
          expect(consistentRandomPartition(key, n)).toBe(consistentRandomPartition(utf8(key), n));
        },
      ),
    );
  });
});

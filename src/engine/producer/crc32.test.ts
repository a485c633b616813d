import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc32 (IEEE, as librdkafka rd_crc32)', () => {
  it('gives the standard check value 0xCBF43926 for "123456789"', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  // KAFKA-DETAILS 1.4: the librdkafka consistent_random examples.
  it.each([
    ['user-1', 2116437524],
    ['alice', 663665735],
  ])('gives %j the CRC-32 %i', (key, expected) => {
    expect(crc32(ascii(key))).toBe(expected);
  });

  it('reads only the first `length` bytes', () => {
    const padded = ascii('alice-and-more');
    expect(crc32(padded, 5)).toBe(663665735);
  });

  it("agrees with node's zlib.crc32 (an independent implementation) on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
      { numRuns: 1000 },
    );
  });
});

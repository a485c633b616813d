import fc from 'fast-check';
import kafkajsMurmur2 from 'kafkajs/src/producer/partitioners/default/murmur2.js';
import { describe, expect, it } from 'vitest';
import { encodeUtf8, murmur2Bytes, murmur2String } from './murmur2';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const viaBytes = (s: string): number => {
  const b = utf8(s);
  return murmur2Bytes(b, b.length);
};

describe('murmur2 matches the Java client (Utils.murmur2)', () => {
  // Printed by Java: kafkajs generated these with its Test.java (a copy of Utils.murmur2, `key.getBytes()`) and
  // keeps them in src/producer/partitioners/defaultJava/murmur2.spec.js, the Java-compatible hash that became
  // its DefaultPartitioner in 2.0.0. (The older default/murmur2.spec.js holds the legacy, non-Java values.)
  const printedByJava: Record<string, number> = {
    '0': 971027396,
    '1': -1993445489,
    '128': -326012175,
    '2187': -1508407203,
    '16384': -325739742,
    '78125': -1654490814,
    '279936': 1462227128,
    '823543': -2014198330,
    '2097152': 607668903,
    '4782969': -1182699775,
    '10000000': -1830336757,
    '19487171': -1603849305,
    '35831808': -857013643,
    '62748517': -1167431028,
    '105413504': -381294639,
    '170859375': -1658323481,
    '100:48069': 1009543857,
  };

  it.each(Object.entries(printedByJava))('hashes %j to the value Java printed', (key, expected) => {
    expect(murmur2String(key)).toBe(expected);
    expect(viaBytes(key)).toBe(expected);
  });

  // KAFKA-DETAILS 1.1: computed with kafkajs's Java-compatible DefaultPartitioner hash (default/murmur2.js);
  // each also equals a Math.imul port of Utils.murmur2. Covers every tail length (0, 1, 2, 3 mod 4).
  it.each([
    ['', 275646681],
    ['a', -1563381124],
    ['bob', -2048144690],
    ['alice', 1951417749],
    ['user-1', 1404122828],
    ['4111111111111111', 1202103843],
  ])('hashes %j to %i, a signed 32-bit int', (key, expected) => {
    expect(murmur2String(key)).toBe(expected);
    expect(viaBytes(key)).toBe(expected);
  });

  it('agrees with kafkajs Long-arithmetic murmur2 on any UTF-8 string (an independent implementation)', () => {
    const keys = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 64 }),
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 16 }),
    );
    fc.assert(
      fc.property(keys, (key) => {
        expect(murmur2String(key)).toBe(kafkajsMurmur2(Buffer.from(key, 'utf8')));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with kafkajs on raw bytes, including bytes >= 0x80 in every position', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(murmur2Bytes(bytes, bytes.length)).toBe(kafkajsMurmur2(Buffer.from(bytes)));
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes emoji and accented keys like kafkajs does', () => {
    for (const key of ['🚀', 'café', 'naïve-user', '用户-42', '👩‍👩‍👧‍👦 family', 'é']) {
      expect(murmur2String(key)).toBe(kafkajsMurmur2(Buffer.from(key, 'utf8')));
    }
  });
});

describe('the ASCII fast path', () => {
  it('gives the same hash as hashing the UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 64 }), (key) => {
        expect(murmur2String(key)).toBe(viaBytes(key));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same hash as the byte path for strings with non-ASCII characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (key) => {
        expect(murmur2String(key)).toBe(viaBytes(key));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('encodeUtf8', () => {
  it('writes the same bytes as TextEncoder for well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const { bytes, length } = encodeUtf8(s);
        expect(Array.from(bytes.subarray(0, length))).toEqual(Array.from(utf8(s)));
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a lone surrogate as '?', as Java's String.getBytes(UTF_8) does", () => {
    const { bytes, length } = encodeUtf8('a\ud800b');
    expect(Array.from(bytes.subarray(0, length))).toEqual([0x61, 0x3f, 0x62]);
    const trailing = encodeUtf8('x\udc00');
    expect(Array.from(trailing.bytes.subarray(0, trailing.length))).toEqual([0x78, 0x3f]);
  });

  it('grows its buffer for long keys without changing the hash', () => {
    const long = 'ü'.repeat(1000);
    expect(murmur2String(long)).toBe(kafkajsMurmur2(Buffer.from(long, 'utf8')));
  });
});

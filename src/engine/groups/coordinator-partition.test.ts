import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coordinatorPartition, javaStringHashCode } from './coordinator-partition';

/** String.hashCode by its definition, s[0]*31^(n-1) + ... + s[n-1] mod 2^32, in BigInt: an independent check. */
function hashCodeByDefinition(s: string): number {
  let h = 0n;
  for (let i = 0; i < s.length; i++) h = (h * 31n + BigInt(s.charCodeAt(i))) % 2n ** 32n;
  return Number(BigInt.asIntN(32, h));
}

describe('javaStringHashCode (java.lang.String.hashCode)', () => {
  it.each([
    ['', 0],
    ['a', 97],
    ['hello', 99162322],
    ['Aa', 2112],
    ['BB', 2112],
    ['polygenelubricants', -2147483648],
  ])('hashes %j to %i', (s, expected) => {
    expect(javaStringHashCode(s)).toBe(expected);
  });

  it('hashes UTF-16 code units, so an emoji counts as its two surrogates', () => {
    expect(javaStringHashCode('🚀')).toBe(0xd83d * 31 + 0xde80);
  });

  it('agrees with the definition computed in BigInt', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(javaStringHashCode(s)).toBe(hashCodeByDefinition(s));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('coordinatorPartition: Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions', () => {
  it('maps a group whose hashCode is Integer.MIN_VALUE to partition 0 (Utils.abs(MIN_VALUE) = 0)', () => {
    expect(coordinatorPartition('polygenelubricants')).toBe(0);
  });

  it('uses abs, not toPositive: my-group (hashCode -1906497762) lands on 12 of 50', () => {
    expect(javaStringHashCode('my-group')).toBe(-1906497762);
    expect(coordinatorPartition('my-group')).toBe(12);
  });

  it.each([
    ['', 0],
    ['a', 47],
    ['hello', 22],
    ['payments', 13],
  ])('puts group %j on partition %i of 50', (groupId, expected) => {
    expect(coordinatorPartition(groupId)).toBe(expected);
  });

  it('honours a different offsets.topic.num.partitions', () => {
    expect(coordinatorPartition('hello', 7)).toBe(99162322 % 7);
  });

  it('always gives a partition in [0, n)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 200 }), (g, n) => {
        const p = coordinatorPartition(g, n);
        expect(Number.isInteger(p) && p >= 0 && p < n).toBe(true);
      }),
    );
  });
});

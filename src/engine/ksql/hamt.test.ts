import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyHamt, type Hamt, hamtDelete, hamtGet, hamtSet, hamtValues, newEdit } from './hamt';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'del'; key: string };
const keyArb = fc.oneof(fc.constantFrom('a', 'b', 'Aa', 'BB'), fc.string({ maxLength: 4 }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: keyArb, value: fc.integer() }),
  fc.record({ kind: fc.constant('del' as const), key: keyArb }),
);

function apply(map: Hamt<string, number>, op: Op, edit: ReturnType<typeof newEdit>): Hamt<string, number> {
  return op.kind === 'set' ? hamtSet(map, op.key, op.value, edit) : hamtDelete(map, op.key, edit);
}

describe('persistent hash map', () => {
  it('behaves like a Map, and every old version keeps its content', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        let map = emptyHamt<string, number>();
        const model = new Map<string, number>();
        const versions: [Hamt<string, number>, Map<string, number>][] = [];
        for (const op of ops) {
          map = apply(map, op, null);
          if (op.kind === 'set') model.set(op.key, op.value);
          else model.delete(op.key);
          versions.push([map, new Map(model)]);
        }
        for (const [v, m] of versions) {
          expect(v.size).toBe(m.size);
          for (const [k, x] of m) expect(hamtGet(v, k)).toBe(x);
          expect(hamtValues(v).sort()).toEqual([...m.values()].sort());
        }
      }),
    );
  });

  it('under a transient edit gives the same content, and leaves maps made before the edit alone', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 100 }),
        fc.array(opArb, { maxLength: 100 }),
        (before, during) => {
          let base = emptyHamt<string, number>();
          for (const op of before) base = apply(base, op, null);
          const snapshot = hamtValues(base).sort();
          const edit = newEdit();
          let persistent = base;
          let transient = base;
          for (const op of during) {
            persistent = apply(persistent, op, null);
            transient = apply(transient, op, edit);
          }
          expect(hamtValues(base).sort()).toEqual(snapshot);
          expect(transient.size).toBe(persistent.size);
          expect(hamtValues(transient).sort()).toEqual(hamtValues(persistent).sort());
        },
      ),
    );
  });

  it('keeps colliding keys apart', () => {
    // 'Aa' and 'BB' collide in Java's hashCode; many short keys collide in some 5-bit level of any hash.
    let map = emptyHamt<string, number>();
    for (let i = 0; i < 5000; i++) map = hamtSet(map, `k${i}`, i);
    for (let i = 0; i < 5000; i++) expect(hamtGet(map, `k${i}`)).toBe(i);
    for (let i = 0; i < 5000; i += 2) map = hamtDelete(map, `k${i}`);
    expect(map.size).toBe(2500);
    expect(hamtGet(map, 'k1')).toBe(1);
    expect(hamtGet(map, 'k2')).toBeUndefined();
  });
});

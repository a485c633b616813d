/**
 * Issue 3, point 4: keyed partitioning throughput. Both figures compare with a baseline measured in the same
 * run on the same keys: kafkajs's Java-compatible DefaultPartitioner hash, and our own bare murmur2 over keys
 * already encoded to bytes (the cost floor: what is left is UTF-8 encoding and the modulo).
 */
import kafkajsMurmur2 from 'kafkajs/src/producer/partitioners/default/murmur2.js';
import { nextInt, type Rng, seedRng } from '../src/engine/core/rng';
import { murmur2, partitionForKey } from '../src/engine/producer/partitioner';
import { type BenchRow, bestOfInterleaved } from './types';

const KEY_COUNT = 4096;
const PARTITION_COUNT = 12;

/** Realistic keys: user ids, card numbers, order ids; about 1 in 16 with non-ASCII characters. */
function realisticKeys(count: number, seed: number): string[] {
  const names = ['zoë', 'josé', 'søren', '李雷', 'müller', 'renée', '🚀rocket'];
  let rng: Rng = seedRng(seed);
  const draw = (n: number): number => {
    const [v, next] = nextInt(rng, n);
    rng = next;
    return v;
  };
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = draw(16);
    if (kind === 0) keys.push(`${names[draw(names.length)]}-${draw(100_000)}`);
    else if (kind < 8) keys.push(`user-${draw(1_000_000)}`);
    else if (kind < 12)
      keys.push(`4${String(draw(1e9)).padStart(9, '0')}${String(draw(1e6)).padStart(6, '0')}`);
    else keys.push(`order-${draw(1e9).toString(36)}-${draw(1e6).toString(36)}`);
  }
  return keys;
}

export default function partitionerBench(): BenchRow[] {
  const keys = realisticKeys(KEY_COUNT, 42);
  const encoder = new TextEncoder();
  const encoded = keys.map((k) => encoder.encode(k));

  const ours = (): number => {
    let s = 0;
    for (const k of keys) s += partitionForKey(k, PARTITION_COUNT);
    return s;
  };
  const kafkajs = (): number => {
    let s = 0;
    for (const k of keys) s += (kafkajsMurmur2(k) & 0x7fffffff) % PARTITION_COUNT;
    return s;
  };
  const bare = (): number => {
    let s = 0;
    for (const b of encoded) s ^= murmur2(b);
    return s;
  };

  const best = bestOfInterleaved({ bare, kafkajs, ours }, 12, 60);
  const oursKeys = best.ours * KEY_COUNT;
  const kafkajsKeys = best.kafkajs * KEY_COUNT;
  const bareKeys = best.bare * KEY_COUNT;

  return [
    {
      name: 'string keys partitioned (partitionForKey)',
      value: oursKeys,
      unit: 'keys/s',
      baseline: { name: 'kafkajs DefaultPartitioner hash', value: kafkajsKeys, unit: 'keys/s' },
      target: { op: '>=', value: 30, of: 'ratio', text: '>= 30x kafkajs' },
    },
    {
      name: 'string keys partitioned vs bare murmur2',
      value: oursKeys,
      unit: 'keys/s',
      baseline: { name: 'murmur2 over pre-encoded bytes', value: bareKeys, unit: 'keys/s' },
      target: { op: '>=', value: 0.5, of: 'ratio', text: 'within 2x of bare murmur2' },
    },
  ];
}

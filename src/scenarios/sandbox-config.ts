/**
 * The sandbox's knobs, as they travel in a shareable URL (`?sandbox=<JSON>`). Parsing never throws: a bad
 * value is replaced by its default and named in the problems list, so a mangled link still opens a sandbox
 * and says what it ignored.
 */
import type { Acks, KeylessStrategy } from '../engine';

export type Assignor = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

export interface SandboxConfig {
  readonly brokers: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly producers: readonly {
    /**
     * The Java client's strategy for keyless records. A librdkafka client ignores it: since 1.6 it keeps them
     * on one partition per sticky.partitioning.linger.ms (10 ms), never a random partition per record.
     */
    readonly keyless: KeylessStrategy;
    readonly acks: Acks;
    readonly client: 'java' | 'librdkafka';
  }[];
  readonly groups: readonly { readonly consumers: number; readonly assignor: Assignor }[];
  /** Records each producer sends per step. */
  readonly recordsPerStep: number;
  readonly keys: readonly string[];
}

export const defaultSandbox: SandboxConfig = {
  brokers: 3,
  partitions: 6,
  replicationFactor: 2,
  minInsyncReplicas: 1,
  producers: [{ keyless: 'sticky', acks: 'all', client: 'java' }],
  groups: [{ consumers: 2, assignor: 'range' }],
  recordsPerStep: 6,
  keys: ['alice', 'bob', 'carol', ''],
};

const LIMITS = {
  brokers: [1, 12],
  partitions: [1, 48],
  producers: [0, 6],
  groups: [0, 4],
  consumers: [0, 24],
  records: [1, 50],
} as const;

function int(
  raw: unknown,
  [min, max]: readonly [number, number],
  fallback: number,
  name: string,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}; using ${fallback}.`);
    return fallback;
  }
  return raw;
}

/** A list from the link, or the default (with a problem noted) when it is there but not a list. */
function list(
  raw: unknown,
  fallback: readonly unknown[],
  max: number,
  name: string,
  problems: string[],
): readonly unknown[] {
  if (raw === undefined) return fallback;
  if (!Array.isArray(raw)) {
    problems.push(`${name} must be a list; using the default.`);
    return fallback;
  }
  return raw.slice(0, max);
}

function oneOf<T extends string | number>(
  raw: unknown,
  options: readonly T[],
  fallback: T,
  name: string,
  problems: string[],
): T {
  if (raw === undefined) return fallback;
  if (!options.includes(raw as T)) {
    problems.push(`${name} must be one of ${options.join(', ')}; using ${fallback}.`);
    return fallback;
  }
  return raw as T;
}

/** The JSON object a sandbox link carries, or the problem that makes it unusable. */
function parseObject(text: string): Record<string, unknown> | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'The sandbox link is not valid JSON; opening the default sandbox.';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'The sandbox link does not describe a cluster; opening the default sandbox.';
  return raw as Record<string, unknown>;
}

const asObject = (x: unknown) => (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;

function parseProducers(raw: unknown, problems: string[]): SandboxConfig['producers'] {
  return list(raw, defaultSandbox.producers, LIMITS.producers[1], 'producers', problems).map((p, i) => {
    const x = asObject(p);
    const at = `producers[${i}]`;
    return {
      client: oneOf(x.client, ['java', 'librdkafka'] as const, 'java', `${at}.client`, problems),
      keyless: oneOf(x.keyless, ['round-robin', 'sticky'] as const, 'sticky', `${at}.keyless`, problems),
      acks: oneOf(x.acks, [0, 1, 'all'] as const, 'all', `${at}.acks`, problems),
    };
  });
}

function parseGroups(raw: unknown, problems: string[]): SandboxConfig['groups'] {
  return list(raw, defaultSandbox.groups, LIMITS.groups[1], 'groups', problems).map((g, i) => {
    const x = asObject(g);
    return {
      consumers: int(x.consumers, LIMITS.consumers, 2, `groups[${i}].consumers`, problems),
      assignor: oneOf(
        x.assignor,
        ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const,
        'range',
        `groups[${i}].assignor`,
        problems,
      ),
    };
  });
}

function parseKeys(raw: unknown, problems: string[]): readonly string[] {
  const keys =
    Array.isArray(raw) && raw.every((k) => typeof k === 'string' && k.length <= 40)
      ? (raw as string[]).slice(0, 20)
      : defaultSandbox.keys;
  if (raw !== undefined && keys === defaultSandbox.keys)
    problems.push('keys must be a list of short strings; using the default keys.');
  return keys;
}

export function parseSandboxConfig(text: string | null): { config: SandboxConfig; problems: string[] } {
  if (text === null || text === '') return { config: defaultSandbox, problems: [] };
  const o = parseObject(text);
  if (typeof o === 'string') return { config: defaultSandbox, problems: [o] };
  const problems: string[] = [];
  // Each limit depends on the one before: replication factor <= brokers, min ISR <= replication factor.
  const brokers = int(o.brokers, LIMITS.brokers, defaultSandbox.brokers, 'brokers', problems);
  const partitions = int(o.partitions, LIMITS.partitions, defaultSandbox.partitions, 'partitions', problems);
  const rfDefault = Math.min(defaultSandbox.replicationFactor, brokers);
  const replicationFactor = int(o.replicationFactor, [1, brokers], rfDefault, 'replicationFactor', problems);
  const minInsyncReplicas = int(
    o.minInsyncReplicas,
    [1, replicationFactor],
    1,
    'minInsyncReplicas',
    problems,
  );
  const recordsPerStep = int(
    o.recordsPerStep,
    LIMITS.records,
    defaultSandbox.recordsPerStep,
    'recordsPerStep',
    problems,
  );
  const config: SandboxConfig = {
    brokers,
    partitions,
    replicationFactor,
    minInsyncReplicas,
    producers: parseProducers(o.producers, problems),
    groups: parseGroups(o.groups, problems),
    recordsPerStep,
    keys: parseKeys(o.keys, problems),
  };
  return { config, problems };
}

export function formatSandboxConfig(config: SandboxConfig): string {
  return JSON.stringify(config);
}

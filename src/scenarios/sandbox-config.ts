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

export function parseSandboxConfig(text: string | null): { config: SandboxConfig; problems: string[] } {
  if (text === null || text === '') return { config: defaultSandbox, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      config: defaultSandbox,
      problems: ['The sandbox link is not valid JSON; opening the default sandbox.'],
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      config: defaultSandbox,
      problems: ['The sandbox link does not describe a cluster; opening the default sandbox.'],
    };
  }
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  const brokers = int(o.brokers, LIMITS.brokers, defaultSandbox.brokers, 'brokers', problems);
  const partitions = int(o.partitions, LIMITS.partitions, defaultSandbox.partitions, 'partitions', problems);
  const replicationFactor = int(
    o.replicationFactor,
    [1, brokers],
    Math.min(defaultSandbox.replicationFactor, brokers),
    'replicationFactor',
    problems,
  );
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
  const producersRaw = list(
    o.producers,
    defaultSandbox.producers,
    LIMITS.producers[1],
    'producers',
    problems,
  );
  const producers = producersRaw.map((p, i) => {
    const x = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const client = oneOf(
      x.client,
      ['java', 'librdkafka'] as const,
      'java',
      `producers[${i}].client`,
      problems,
    );
    const keyless = oneOf(
      x.keyless,
      ['round-robin', 'sticky'] as const,
      'sticky',
      `producers[${i}].keyless`,
      problems,
    );
    const acks = oneOf(x.acks, [0, 1, 'all'] as const, 'all', `producers[${i}].acks`, problems);
    return { client, keyless, acks };
  });
  const groupsRaw = list(o.groups, defaultSandbox.groups, LIMITS.groups[1], 'groups', problems);
  const groups = groupsRaw.map((g, i) => {
    const x = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
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
  const keys =
    Array.isArray(o.keys) && o.keys.every((k) => typeof k === 'string' && k.length <= 40)
      ? (o.keys as string[]).slice(0, 20)
      : defaultSandbox.keys;
  if (o.keys !== undefined && keys === defaultSandbox.keys)
    problems.push('keys must be a list of short strings; using the default keys.');
  return {
    config: {
      brokers,
      partitions,
      replicationFactor,
      minInsyncReplicas,
      producers,
      groups,
      recordsPerStep,
      keys,
    },
    problems,
  };
}

export function formatSandboxConfig(config: SandboxConfig): string {
  return JSON.stringify(config);
}

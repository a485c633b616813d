/**
 * Which live actions the bridge may run, before it touches the cluster: a request's shape, then who started
 * the cluster and what the operator allowed on the command line. Pure, so the rules are unit-tested.
 */
import type { ClusterOrigin, RealAction, RealActionRefusal, RealActionRequest } from './protocol';

export interface ActionPermissions {
  origin: ClusterOrigin;
  allowAdmin: boolean;
}

/**
 * Destructive: changes what already exists (partitions added move every key's partition; a killed broker
 * takes replicas away). Creating a topic changes nothing that exists, so it needs only the confirmation.
 */
export const DESTRUCTIVE: ReadonlySet<RealAction['kind']> = new Set([
  'addPartitions',
  'killBroker',
  'restartBroker',
]);
const PROCESS: ReadonlySet<RealAction['kind']> = new Set(['killBroker', 'restartBroker']);

/** Kafka's legal topic names (Topic.validate): 1-249 of [a-zA-Z0-9._-], not "." or "..". */
const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const validTopic = (t: unknown): t is string =>
  typeof t === 'string' && TOPIC.test(t) && t !== '.' && t !== '..';
const validGroup = (g: unknown): g is string => typeof g === 'string' && g.length > 0 && g.length <= 249;
const int = (n: unknown, lo: number, hi: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi;
const MAX_VALUE = 100_000;

/** The request as a well-formed action, or why not (a BAD_REQUEST message). No field can name a host. */
export function parseActionRequest(body: unknown): { request: RealActionRequest } | { error: string } {
  if (typeof body !== 'object' || body === null) return { error: 'the body must be a JSON object' };
  const { action, confirmed } = body as { action?: Record<string, unknown>; confirmed?: unknown };
  if (confirmed !== undefined && typeof confirmed !== 'boolean')
    return { error: 'confirmed must be a boolean' };
  if (typeof action !== 'object' || action === null) return { error: 'action is missing' };
  const a = action;
  const ok = (x: RealAction) => ({ request: { action: x, confirmed: confirmed === true } });
  switch (a.kind) {
    case 'produce':
      if (!validTopic(a.topic)) return { error: 'topic: not a legal Kafka topic name' };
      if (a.key !== null && (typeof a.key !== 'string' || a.key.length > MAX_VALUE))
        return { error: 'key: a string or null' };
      if (typeof a.value !== 'string' || a.value.length > MAX_VALUE)
        return { error: `value: a string of at most ${MAX_VALUE} characters` };
      return ok({ kind: 'produce', topic: a.topic, key: a.key as string | null, value: a.value });
    case 'startConsumer': {
      if (!validGroup(a.group)) return { error: 'group: 1 to 249 characters' };
      if (!validTopic(a.topic)) return { error: 'topic: not a legal Kafka topic name' };
      if (
        a.assignor !== undefined &&
        !['range', 'roundrobin', 'cooperative-sticky'].includes(a.assignor as string)
      )
        return { error: 'assignor: range, roundrobin or cooperative-sticky' };
      const assignor = a.assignor as 'range' | 'roundrobin' | 'cooperative-sticky' | undefined;
      return ok({ kind: 'startConsumer', group: a.group, topic: a.topic, ...(assignor ? { assignor } : {}) });
    }
    case 'stopConsumer':
      if (typeof a.handle !== 'string' || a.handle.length > 64) return { error: 'handle: a string' };
      return ok({ kind: 'stopConsumer', handle: a.handle });
    case 'createTopic': {
      if (!validTopic(a.topic)) return { error: 'topic: not a legal Kafka topic name' };
      if (!int(a.partitions, 1, 1000)) return { error: 'partitions: 1 to 1000' };
      if (!int(a.replicationFactor, 1, 32)) return { error: 'replicationFactor: 1 to 32' };
      const configs = a.configs ?? {};
      if (
        typeof configs !== 'object' ||
        configs === null ||
        Object.entries(configs).some(([k, v]) => !/^[a-z0-9.]+$/.test(k) || typeof v !== 'string')
      )
        return { error: 'configs: names and string values' };
      return ok({
        kind: 'createTopic',
        topic: a.topic,
        partitions: a.partitions,
        replicationFactor: a.replicationFactor,
        ...(a.configs === undefined ? {} : { configs: configs as Record<string, string> }),
      });
    }
    case 'addPartitions':
      if (!validTopic(a.topic)) return { error: 'topic: not a legal Kafka topic name' };
      if (!int(a.totalPartitions, 1, 10_000)) return { error: 'totalPartitions: 1 to 10000' };
      return ok({ kind: 'addPartitions', topic: a.topic, totalPartitions: a.totalPartitions });
    case 'killBroker':
    case 'restartBroker':
      if (!int(a.brokerId, 0, 1_000_000)) return { error: 'brokerId: a broker id' };
      return ok({ kind: a.kind, brokerId: a.brokerId });
    default:
      return { error: `unknown action kind ${JSON.stringify(a.kind)}` };
  }
}

/**
 * Why the bridge refuses this request on this cluster, or null to run it. The order matters: a kill on a
 * cluster the project did not start is NOT_LOCAL whatever else holds, since no confirmation could make it run.
 */
export function refusal(request: RealActionRequest, p: ActionPermissions): RealActionRefusal | null {
  const kind = request.action.kind;
  if (PROCESS.has(kind) && p.origin !== 'local') return 'NOT_LOCAL';
  if (DESTRUCTIVE.has(kind) && !p.allowAdmin) return 'ADMIN_DISABLED';
  if (p.origin === 'named' && request.confirmed !== true) return 'NEEDS_CONFIRMATION';
  return null;
}

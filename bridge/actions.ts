/**
 * Runs the live actions the page asks for, after the policy (src/reality/action-policy.ts) allowed them.
 * Kafka's refusals come back as KAFKA_ERROR with Kafka's own error name (INVALID_PARTITIONS, TOPIC_ALREADY_EXISTS...).
 */
import {
  type Connection,
  ConnectionPool,
  createPartitionsV3,
  createTopicsV7,
  Producer,
  protocolErrorsCodesById,
  stringSerializers,
} from '@platformatic/kafka';
import { parseActionRequest, refusal } from '../src/reality/action-policy';
import type { ClusterOrigin, RealAction, RealActionResult } from '../src/reality/protocol';
import type { Address } from './address';
import type { BridgeConsumers } from './consumers';
import { errorText } from './kafka-errors';
import type { LocalCluster } from './local-cluster';

/** The first Kafka error name inside a client error (retries wrap them in MultipleErrors), or null. */
export function kafkaErrorName(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 5) return null;
  // platformatic names it apiId; kafkajs (the bridge's consumers) names it type.
  for (const field of ['apiId', 'type'] as const) {
    const id = (e as Record<string, unknown>)[field];
    if (typeof id === 'string' && /^[A-Z][A-Z_]+$/.test(id)) return id;
  }
  for (const inner of (e as { errors?: unknown[] }).errors ?? []) {
    const found = kafkaErrorName(inner, depth + 1);
    if (found) return found;
  }
  return kafkaErrorName((e as { cause?: unknown }).cause, depth + 1);
}

/** Kafka's answer even when it carries an error code (the client throws, with the response attached). */
async function answered<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (e) {
    const response = (e as { response?: T }).response;
    if (response) return response;
    throw e;
  }
}

const fail = (
  refusal: Extract<RealActionResult, { ok: false }>['refusal'],
  message: string,
): RealActionResult => ({
  ok: false,
  refusal,
  message,
});

function kafkaError(e: unknown): RealActionResult {
  const name = kafkaErrorName(e);
  if (name) return fail('KAFKA_ERROR', `${name}: ${errorText(e)}`);
  return fail('UNREACHABLE', errorText(e));
}

export interface ActionDeps {
  bootstrap: Address[];
  origin: ClusterOrigin;
  allowAdmin: boolean;
  consumers: BridgeConsumers;
  local: LocalCluster | null;
  /** After an action: poll now, so the page sees its effect at once. */
  changed: () => void;
}

export class Actions {
  readonly #d: ActionDeps;
  #producer: Producer<string, string, string, string> | null = null;

  constructor(deps: ActionDeps) {
    this.#d = deps;
  }

  async close() {
    await this.#producer?.close().catch(() => {});
  }

  async handle(body: unknown): Promise<RealActionResult> {
    const parsed = parseActionRequest(body);
    if ('error' in parsed) return fail('BAD_REQUEST', parsed.error);
    const { request } = parsed;
    const refused = refusal(request, { origin: this.#d.origin, allowAdmin: this.#d.allowAdmin });
    if (refused) return fail(refused, REFUSALS[refused]);
    const a = request.action;
    try {
      const result = await this.#run(a);
      if (result.ok) this.#d.changed();
      return result;
    } catch (e) {
      return kafkaError(e);
    }
  }

  /** A fresh connection for one admin request (a kept one may point at a broker that died since). */
  async #admin<T>(request: (c: Connection) => Promise<T>): Promise<T> {
    const pool = new ConnectionPool('kafka-stage-bridge-admin', { connectTimeout: 3000 });
    try {
      let last: unknown = new Error('no bootstrap address');
      for (const b of this.#d.bootstrap) {
        const c = await pool.get(b).catch((e) => {
          last = e;
          return null;
        });
        if (c) return await request(c);
      }
      throw last;
    } finally {
      await pool.close().catch(() => {});
    }
  }

  async #run(a: RealAction): Promise<RealActionResult> {
    switch (a.kind) {
      case 'produce': {
        this.#producer ??= new Producer<string, string, string, string>({
          clientId: 'kafka-stage-bridge',
          bootstrapBrokers: this.#d.bootstrap,
          serializers: stringSerializers,
          retries: 2,
          retryDelay: 250,
        });
        // CreateTime set here, so the answer can say the record's timestamp without reading it back.
        const timestamp = Date.now();
        const r = await this.#producer.send({
          messages: [
            {
              topic: a.topic,
              ...(a.key === null ? {} : { key: a.key }),
              value: a.value,
              timestamp: BigInt(timestamp),
            },
          ],
          acks: -1,
        });
        const at = r.offsets?.[0];
        if (!at) return fail('KAFKA_ERROR', 'the broker acknowledged without an offset');
        return {
          ok: true,
          message: `${a.topic}-${at.partition} offset ${at.offset}`,
          produced: { topic: a.topic, partition: at.partition, offset: Number(at.offset), timestamp },
        };
      }
      case 'startConsumer': {
        if (a.assignor === 'cooperative-sticky')
          return fail(
            'BAD_REQUEST',
            "cooperative-sticky needs the cooperative rebalance protocol, which the bridge's Node client does not implement; use range or roundrobin",
          );
        const handle = await this.#d.consumers.start(
          a.group,
          a.topic,
          a.assignor ?? 'range',
          this.#d.changed,
        );
        return { ok: true, message: `consumer ${handle} joined ${a.group}`, consumer: { handle } };
      }
      case 'stopConsumer':
        if (!(await this.#d.consumers.stop(a.handle))) return fail('BAD_REQUEST', `no consumer ${a.handle}`);
        return { ok: true, message: `consumer ${a.handle} left its group` };
      case 'createTopic': {
        const r = await this.#admin((c) =>
          answered(
            createTopicsV7.api.async(
              c,
              [
                {
                  name: a.topic,
                  numPartitions: a.partitions,
                  replicationFactor: a.replicationFactor,
                  assignments: [],
                  configs: Object.entries(a.configs ?? {}).map(([name, value]) => ({ name, value })),
                },
              ],
              30_000,
              false,
            ),
          ),
        );
        const t = r.topics[0];
        if (t && t.errorCode !== 0)
          return fail(
            'KAFKA_ERROR',
            `${protocolErrorsCodesById[t.errorCode]}: ${t.errorMessage ?? ''}`.trim(),
          );
        return {
          ok: true,
          message: `created ${a.topic} (${a.partitions} partitions, RF ${a.replicationFactor})`,
        };
      }
      case 'addPartitions': {
        const r = await this.#admin((c) =>
          answered(
            createPartitionsV3.api.async(
              c,
              [{ name: a.topic, count: a.totalPartitions, assignments: [] }],
              30_000,
              false,
            ),
          ),
        );
        const t = r.results[0];
        if (t && t.errorCode !== 0)
          return fail(
            'KAFKA_ERROR',
            `${protocolErrorsCodesById[t.errorCode]}: ${t.errorMessage ?? ''}`.trim(),
          );
        return { ok: true, message: `${a.topic} now has ${a.totalPartitions} partitions` };
      }
      case 'killBroker': {
        const local = this.#d.local;
        if (!local) return fail('NOT_LOCAL', REFUSALS.NOT_LOCAL);
        if (!local.isBroker(a.brokerId))
          return fail('BAD_REQUEST', `no broker ${a.brokerId} in the recorded cluster`);
        const pid = local.kill(a.brokerId);
        if (pid === null) return fail('BAD_REQUEST', `broker ${a.brokerId} is not running`);
        return { ok: true, message: `kill -9 ${pid} (broker ${a.brokerId})` };
      }
      case 'restartBroker': {
        const local = this.#d.local;
        if (!local) return fail('NOT_LOCAL', REFUSALS.NOT_LOCAL);
        if (!local.isBroker(a.brokerId))
          return fail('BAD_REQUEST', `no broker ${a.brokerId} in the recorded cluster`);
        if (local.running(a.brokerId)) return fail('BAD_REQUEST', `broker ${a.brokerId} is running`);
        const pid = local.restart(a.brokerId);
        return { ok: true, message: `broker ${a.brokerId} started again (PID ${pid})` };
      }
    }
  }
}

const REFUSALS = {
  NEEDS_CONFIRMATION: 'this cluster was not started by Kafka Stage: confirm to run the action on it',
  ADMIN_DISABLED: 'destructive actions are off: start the bridge with --allow-admin',
  NOT_LOCAL: "only the project's own cluster (npm run real) can have a broker killed or restarted by PID",
  BAD_REQUEST: 'bad request',
  UNREACHABLE: 'the cluster does not answer',
  KAFKA_ERROR: 'Kafka refused',
} as const;

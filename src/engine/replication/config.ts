/**
 * Kafka's broker defaults for replication. A scene overrides them for the whole cluster through
 * createCluster's `network` (NetworkConfig), e.g. a shorter replicaLagTimeMaxMs to show an ISR shrink.
 */
import type { EngineState } from '../core/types';

/** replica.lag.time.max.ms: 30 s since Kafka 2.5 (KIP-537). */
export const REPLICA_LAG_TIME_MAX_MS = 30_000;
/** replica.fetch.wait.max.ms: 500 ms. */
export const REPLICA_FETCH_WAIT_MAX_MS = 500;
/** replica.fetch.max.bytes: 1 MiB per partition. */
export const REPLICA_FETCH_MAX_BYTES = 1_048_576;
/** broker.session.timeout.ms: 9 s in KRaft (the controller fences a silent broker after it). */
export const BROKER_SESSION_TIMEOUT_MS = 9_000;
/** request.timeout.ms the producer sends with acks=all: the leader's DelayedProduce expires after it. */
export const PRODUCE_REQUEST_TIMEOUT_MS = 30_000;

export interface ReplicationConfig {
  readonly replicaLagTimeMaxMs: number;
  readonly replicaFetchWaitMaxMs: number;
  readonly replicaFetchMaxBytes: number;
  readonly brokerSessionTimeoutMs: number;
}

export function replicationConfig(state: EngineState): ReplicationConfig {
  const n = state.network;
  return {
    replicaLagTimeMaxMs: n.replicaLagTimeMaxMs ?? REPLICA_LAG_TIME_MAX_MS,
    replicaFetchWaitMaxMs: n.replicaFetchWaitMaxMs ?? REPLICA_FETCH_WAIT_MAX_MS,
    replicaFetchMaxBytes: n.replicaFetchMaxBytes ?? REPLICA_FETCH_MAX_BYTES,
    brokerSessionTimeoutMs: n.brokerSessionTimeoutMs ?? BROKER_SESSION_TIMEOUT_MS,
  };
}

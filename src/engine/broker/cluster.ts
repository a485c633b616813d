/**
 * The cluster's admin side: brokers, topics, partitions and where their replicas live.
 */

import { ensureLogCleaner } from '../compaction/handlers';
import type { Command } from '../core/commands';
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import type { BrokerId, BrokerState, PartitionState, TopicConfig } from '../core/types';
import { onPartitionsCreated } from '../replication/topology';
import { emptyLog } from './log';
import { assignReplicas } from './placement';

export const defaultTopicConfig: TopicConfig = {
  replicationFactor: 1,
  minInsyncReplicas: 1,
  retentionMs: null,
  retentionBytes: null,
  // Kafka's segment.bytes is 1 GiB; scenes use small segments so that retention is visible.
  segmentBytes: 1024 * 1024 * 1024,
  uncleanLeaderElection: false,
};

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

export function createCluster(tx: Tx, cmd: Cmd<'createCluster'>): EngineError | undefined {
  if (Object.keys(tx.state.brokers).length > 0)
    return { code: 'INVALID_REQUEST', message: 'The cluster already exists.' };
  if (!Number.isInteger(cmd.brokers) || cmd.brokers < 1 || cmd.brokers > 64) {
    return { code: 'INVALID_REQUEST', message: `A cluster needs 1 to 64 brokers, not ${cmd.brokers}.` };
  }
  const brokers: Record<BrokerId, BrokerState> = {};
  for (let id = 0; id < cmd.brokers; id++) {
    brokers[id] = {
      id,
      rack: cmd.racks?.[id] ?? null,
      alive: true,
      isolated: false,
      isolatedFromPeers: false,
      fenced: false,
      fetchers: {},
      heldFetches: {},
    };
  }
  tx.state = { ...tx.state, brokers, controller: 0, network: { ...tx.state.network, ...cmd.network } };
  tx.emit({ type: 'clusterCreated', brokers: Object.keys(brokers).map(Number), controller: 0 });
  return undefined;
}

function usableBrokers(tx: Tx): BrokerId[] {
  return Object.values(tx.state.brokers)
    .filter((b) => !b.fenced)
    .map((b) => b.id);
}

/** Brokers with their racks, for placement: rack-aware only when every broker has a rack (AdminUtils). */
function rackMap(tx: Tx, brokers: readonly BrokerId[]): { id: BrokerId; rack: string | null }[] {
  return brokers.map((id) => ({ id, rack: tx.state.brokers[id]!.rack }));
}

function newPartition(tx: Tx, topic: string, partition: number, replicas: BrokerId[]): PartitionState {
  const logs: Record<BrokerId, typeof emptyLog> = {};
  for (const r of replicas) logs[r] = emptyLog;
  // KRaft puts only unfenced replicas in the first ISR; the first of them leads in epoch 0.
  const isr = replicas.filter((b) => !tx.state.brokers[b]?.fenced);
  const leader = isr[0] ?? null;
  return {
    topic,
    partition,
    replicas,
    leader,
    leaderEpoch: 0,
    isr: isr.length > 0 ? isr : replicas,
    highWatermark: 0,
    logs,
    producerSequences: {},
    pendingAcks: [],
    followers: {},
    replicaHighWatermarks: {},
    leaderEpochCaches: leader === null ? {} : { [leader]: [{ epoch: 0, startOffset: 0 }] },
    reassignment: null,
  };
}

function validReplicaAssignment(tx: Tx, assignment: BrokerId[][], rf: number): string | undefined {
  for (const replicas of assignment) {
    if (replicas.length !== rf) return `Every partition needs ${rf} replicas.`;
    if (new Set(replicas).size !== replicas.length)
      return 'A partition cannot have two replicas on one broker.';
    if (replicas.some((b) => !tx.state.brokers[b])) return 'A replica names a broker that does not exist.';
  }
  return undefined;
}

export function createTopic(tx: Tx, cmd: Cmd<'createTopic'>): EngineError | undefined {
  if (tx.topic(cmd.topic))
    return { code: 'TOPIC_ALREADY_EXISTS', message: `Topic '${cmd.topic}' already exists.` };
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(cmd.topic)) {
    return {
      code: 'INVALID_REQUEST',
      message: `'${cmd.topic}' is not a legal topic name (letters, digits, . _ -).`,
    };
  }
  if (!Number.isInteger(cmd.partitions) || cmd.partitions < 1 || cmd.partitions > 1000) {
    return { code: 'INVALID_PARTITIONS', message: 'A topic needs between 1 and 1000 partitions.' };
  }
  const config: TopicConfig = { ...defaultTopicConfig, ...cmd.config };
  // Placement uses the brokers the controller considers usable: registered and not fenced.
  const brokers = usableBrokers(tx);
  if (Object.keys(tx.state.brokers).length === 0)
    return { code: 'CLUSTER_NOT_CREATED', message: 'Create the cluster before its topics.' };
  if (config.replicationFactor < 1 || config.replicationFactor > brokers.length) {
    return {
      code: 'INVALID_REPLICATION_FACTOR',
      message: `Replication factor: ${config.replicationFactor} larger than available brokers: ${brokers.length}.`,
    };
  }
  let assignment = cmd.replicaAssignment;
  if (assignment) {
    const problem = validReplicaAssignment(tx, assignment, config.replicationFactor);
    if (problem || assignment.length !== cmd.partitions) {
      return {
        code: 'INVALID_REQUEST',
        message: problem ?? 'The replica assignment must list every partition.',
      };
    }
  } else {
    const start = tx.int(brokers.length);
    const shift = tx.int(brokers.length);
    assignment = assignReplicas(rackMap(tx, brokers), cmd.partitions, config.replicationFactor, start, shift);
  }
  const partitions = assignment.map((replicas, p) => newPartition(tx, cmd.topic, p, replicas));
  tx.setTopic({ name: cmd.topic, config, partitions });
  tx.emit({ type: 'topicCreated', topic: cmd.topic, partitions: cmd.partitions, replicas: assignment });
  onPartitionsCreated(tx, cmd.topic, 0);
  ensureLogCleaner(tx);
  return undefined;
}

/**
 * kafka-topics --alter --partitions: partitions are only ever added, never removed, and existing records
 * stay where they are, so keys hashed `% numPartitions` may land elsewhere from now on.
 */
export function addPartitions(tx: Tx, cmd: Cmd<'addPartitions'>): EngineError | undefined {
  const topic = tx.topic(cmd.topic);
  if (!topic) return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic '${cmd.topic}' does not exist.` };
  const from = topic.partitions.length;
  if (!Number.isInteger(cmd.partitions) || cmd.partitions <= from || cmd.partitions > 1000) {
    return {
      code: 'INVALID_PARTITIONS',
      message: `Topic currently has ${from} partitions, which is higher than or equal to the requested ${cmd.partitions}.`,
    };
  }
  const brokers = usableBrokers(tx);
  if (topic.config.replicationFactor > brokers.length) {
    return {
      code: 'INVALID_REPLICATION_FACTOR',
      message: `Replication factor: ${topic.config.replicationFactor} larger than available brokers: ${brokers.length}.`,
    };
  }
  // AdminZkClient.addPartitions fixes the start at partition 0's first replica, keeping the layout going.
  const start = Math.max(0, brokers.indexOf(topic.partitions[0]!.replicas[0]!));
  const added = assignReplicas(
    rackMap(tx, brokers),
    cmd.partitions - from,
    topic.config.replicationFactor,
    start,
    start,
    from,
  );
  const partitions = [...topic.partitions, ...added.map((r, i) => newPartition(tx, cmd.topic, from + i, r))];
  tx.setTopic({ ...topic, partitions });
  tx.emit({ type: 'partitionsAdded', topic: cmd.topic, from, to: cmd.partitions, replicas: added });
  onPartitionsCreated(tx, cmd.topic, from);
  return undefined;
}

export function setTopicConfig(tx: Tx, cmd: Cmd<'setTopicConfig'>): EngineError | undefined {
  const topic = tx.topic(cmd.topic);
  if (!topic) return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic '${cmd.topic}' does not exist.` };
  if (
    cmd.config.replicationFactor !== undefined &&
    cmd.config.replicationFactor !== topic.config.replicationFactor
  ) {
    return {
      code: 'INVALID_CONFIG',
      message: 'The replication factor changes by reassignment, not by a config.',
    };
  }
  tx.setTopic({ ...topic, config: { ...topic.config, ...cmd.config } });
  tx.emit({ type: 'topicConfigChanged', topic: cmd.topic, changes: { ...cmd.config } });
  ensureLogCleaner(tx);
  return undefined;
}

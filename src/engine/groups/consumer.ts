/**
 * The consumer commands: start, kill, close, restart, pause, resume, commit, subscribe; and deleting a
 * group. A consumer is a client process (KafkaConsumer) in one group.
 */
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import {
  findCoordinator,
  requestRejoin,
  sendCommit,
  sendToCoordinator,
  stopConsumerTimers,
  withoutPartitions,
} from './client';
import type { GroupCommand } from './commands';
import * as defaults from './config';
import { currentCoordinator, transitionGroup } from './coordinator';
import { scheduleHeartbeat, schedulePoll } from './poll';
import { consumerOf, groupOf, isRunning, removeGroup, setConsumer, updateConsumer } from './slice';
import type { AssignorName, ConsumerConfig, ConsumerState } from './types';

type Cmd<T extends GroupCommand['type']> = Extract<GroupCommand, { type: T }>;

const invalid = (message: string): EngineError => ({ code: 'INVALID_REQUEST', message });
const invalidConfig = (message: string): EngineError => ({ code: 'INVALID_CONFIG', message });

function configOf(cmd: Cmd<'addConsumer'>): ConsumerConfig {
  const assignors: AssignorName[] =
    cmd.assignor === undefined
      ? [...defaults.DEFAULT_ASSIGNORS]
      : Array.isArray(cmd.assignor)
        ? [...cmd.assignor]
        : [cmd.assignor];
  return {
    topics: [...new Set(cmd.topics)],
    assignors,
    autoCommit: cmd.autoCommit ?? true,
    autoCommitIntervalMs: cmd.autoCommitIntervalMs ?? defaults.AUTO_COMMIT_INTERVAL_MS,
    commitAfterProcessing: cmd.commitAfterProcessing ?? false,
    maxPollRecords: cmd.maxPollRecords ?? defaults.MAX_POLL_RECORDS,
    pollIntervalMs: cmd.pollIntervalMs ?? defaults.POLL_INTERVAL_MS,
    maxPollIntervalMs: cmd.maxPollIntervalMs ?? defaults.MAX_POLL_INTERVAL_MS,
    sessionTimeoutMs: cmd.sessionTimeoutMs ?? defaults.SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: cmd.heartbeatIntervalMs ?? defaults.HEARTBEAT_INTERVAL_MS,
    autoOffsetReset: cmd.autoOffsetReset ?? 'latest',
    groupInstanceId: cmd.groupInstanceId ?? null,
    requestTimeoutMs: cmd.requestTimeoutMs ?? defaults.REQUEST_TIMEOUT_MS,
    retryBackoffMs: defaults.RETRY_BACKOFF_MS,
    metadataMaxAgeMs: cmd.metadataMaxAgeMs ?? defaults.METADATA_MAX_AGE_MS,
    isolationLevel: cmd.isolationLevel ?? 'read_uncommitted',
  };
}

const positive = (n: number) => Number.isFinite(n) && n > 0;

/** The checks the client (ConsumerConfig) and the broker (group.min/max.session.timeout.ms) make. */
function validate(config: ConsumerConfig): EngineError | undefined {
  const { sessionTimeoutMs, heartbeatIntervalMs } = config;
  if (config.topics.length === 0) return invalidConfig('A consumer subscribes to at least one topic.');
  if (config.assignors.length === 0) return invalidConfig('partition.assignment.strategy is empty.');
  if (!(sessionTimeoutMs >= 6000 && sessionTimeoutMs <= 1_800_000))
    return invalidConfig('INVALID_SESSION_TIMEOUT: session.timeout.ms must be within 6000..1800000 ms.');
  if (!positive(heartbeatIntervalMs) || heartbeatIntervalMs >= sessionTimeoutMs)
    return invalidConfig('heartbeat.interval.ms must be lower than session.timeout.ms.');
  for (const [name, v] of Object.entries({
    maxPollRecords: config.maxPollRecords,
    pollIntervalMs: config.pollIntervalMs,
    autoCommitIntervalMs: config.autoCommitIntervalMs,
    maxPollIntervalMs: config.maxPollIntervalMs,
    requestTimeoutMs: config.requestTimeoutMs,
    metadataMaxAgeMs: config.metadataMaxAgeMs,
  })) {
    if (!positive(v)) return invalidConfig(`${name} must be a positive number.`);
  }
  return undefined;
}

function freshLife(c: Omit<ConsumerState, 'status'>, now: number): ConsumerState {
  return {
    ...c,
    status: 'unjoined',
    paused: false,
    coordinator: null,
    requestDeadlines: {},
    memberId: '',
    generationId: -1,
    assignor: null,
    isLeader: false,
    rejoinNeeded: false,
    owned: [],
    previousAssignment: [],
    positions: {},
    buffer: {},
    fetching: {},
    offsetFetchInFlight: false,
    nextAutoCommitMs: now + c.config.autoCommitIntervalMs,
    lastPollMs: now,
    assignmentSnapshot: null,
    nextMetadataRefreshMs: now + c.config.metadataMaxAgeMs,
  };
}

function start(tx: Tx, c: ConsumerState): void {
  setConsumer(tx, c);
  findCoordinator(tx, c);
  schedulePoll(tx, c, tx.state.now);
  scheduleHeartbeat(tx, c, tx.state.now + c.config.heartbeatIntervalMs);
}

export function addConsumer(tx: Tx, cmd: Cmd<'addConsumer'>): EngineError | undefined {
  if (Object.keys(tx.state.brokers).length === 0)
    return { code: 'CLUSTER_NOT_CREATED', message: 'Create the cluster before its consumers.' };
  if (!/^[a-zA-Z0-9._-]{1,100}$/.test(cmd.consumer))
    return invalid(`'${cmd.consumer}' is not a usable consumer name.`);
  if (consumerOf(tx, cmd.consumer)) return invalid(`Consumer '${cmd.consumer}' already exists.`);
  if (cmd.group.length === 0) return invalid('A consumer needs a group.id.');
  const config = configOf(cmd);
  const err = validate(config);
  if (err) return err;
  const base = { id: cmd.consumer, group: cmd.group, config, incarnation: 0, findAttempt: 0 };
  const consumer = freshLife(base as Omit<ConsumerState, 'status'>, tx.state.now);
  tx.emit({
    type: 'consumerAdded',
    consumer: cmd.consumer,
    group: cmd.group,
    topics: [...config.topics],
    assignors: [...config.assignors],
  });
  start(tx, consumer);
  return undefined;
}

function running(tx: Tx, id: string): ConsumerState | EngineError {
  const c = consumerOf(tx, id);
  if (!c) return invalid(`There is no consumer '${id}'.`);
  if (!isRunning(c)) return invalid(`Consumer '${id}' is not running (${c.status}).`);
  return c;
}

export function killConsumer(tx: Tx, cmd: Cmd<'killConsumer'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  stopConsumerTimers(tx, c.id);
  setConsumer(tx, { ...c, status: 'dead' });
  tx.emit({ type: 'consumerKilled', consumer: c.id, group: c.group });
  return undefined;
}

/**
 * KafkaConsumer.close(): with auto-commit it commits what it processed, revokes its partitions and, as a
 * dynamic member, sends LeaveGroup so the group rebalances at once. A static member leaves no LeaveGroup:
 * its slot waits for it until its session times out (KIP-345).
 */
export function closeConsumer(tx: Tx, cmd: Cmd<'closeConsumer'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  if (c.config.autoCommit) sendCommit(tx, c);
  if (c.owned.length > 0) {
    tx.emit({
      type: 'partitionsRevoked',
      consumer: c.id,
      group: c.group,
      generationId: c.generationId,
      partitions: [...c.owned],
      reason: 'close',
    });
  }
  if (c.config.groupInstanceId === null && c.memberId !== '' && c.coordinator !== null)
    sendToCoordinator(tx, c, 'leaveGroup', {});
  stopConsumerTimers(tx, c.id);
  setConsumer(tx, { ...withoutPartitions(consumerOf(tx, c.id)!, c.owned), status: 'closed' });
  tx.emit({ type: 'consumerClosed', consumer: c.id, group: c.group });
  return undefined;
}

export function restartConsumer(tx: Tx, cmd: Cmd<'restartConsumer'>): EngineError | undefined {
  const c = consumerOf(tx, cmd.consumer);
  if (!c) return invalid(`There is no consumer '${cmd.consumer}'.`);
  if (isRunning(c)) return invalid(`Consumer '${cmd.consumer}' is already running.`);
  const next = freshLife({ ...c, incarnation: c.incarnation + 1 }, tx.state.now);
  tx.emit({ type: 'consumerRestarted', consumer: c.id, group: c.group });
  start(tx, next);
  return undefined;
}

export function pauseConsumer(tx: Tx, cmd: Cmd<'pauseConsumer'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  if (!c.paused) {
    updateConsumer(tx, c.id, { paused: true });
    tx.emit({ type: 'consumerPaused', consumer: c.id, group: c.group });
  }
  return undefined;
}

export function resumeConsumer(tx: Tx, cmd: Cmd<'resumeConsumer'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  if (c.paused) {
    updateConsumer(tx, c.id, { paused: false });
    tx.emit({ type: 'consumerResumed', consumer: c.id, group: c.group });
  }
  return undefined;
}

/** commitSync(): the positions of every owned partition; the answer (or error) comes back as events. */
export function commitSync(tx: Tx, cmd: Cmd<'commitSync'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  if (c.coordinator === null)
    return {
      code: 'BROKER_NOT_AVAILABLE',
      message: 'COORDINATOR_NOT_AVAILABLE: the consumer has no coordinator yet.',
    };
  sendCommit(tx, c);
  return undefined;
}

export function subscribe(tx: Tx, cmd: Cmd<'subscribe'>): EngineError | undefined {
  const c = running(tx, cmd.consumer);
  if ('code' in c) return c;
  const config = { ...c.config, topics: [...new Set(cmd.topics)] };
  const err = validate(config);
  if (err) return err;
  const next = updateConsumer(tx, c.id, { config });
  tx.emit({ type: 'subscriptionChanged', consumer: c.id, group: c.group, topics: [...config.topics] });
  if (next.generationId >= 0 || next.status === 'joining')
    requestRejoin(tx, next, 'the subscription changed');
  return undefined;
}

/** kafka-consumer-groups --delete: only an Empty group; it goes to Dead with its committed offsets. */
export function deleteGroup(tx: Tx, cmd: Cmd<'deleteGroup'>): EngineError | undefined {
  const group = groupOf(tx, cmd.group);
  if (!group) return invalid(`GROUP_ID_NOT_FOUND: there is no group '${cmd.group}'.`);
  if (group.state !== 'Empty') return invalid(`NON_EMPTY_GROUP: group '${cmd.group}' is ${group.state}.`);
  if (!currentCoordinator(tx.state, cmd.group))
    return { code: 'BROKER_NOT_AVAILABLE', message: 'COORDINATOR_NOT_AVAILABLE' };
  transitionGroup(tx, group, { type: 'DELETE' }, 'deleted');
  removeGroup(tx, cmd.group);
  return undefined;
}

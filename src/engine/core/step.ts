/**
 * The engine's one entry point: step(state, command, env) -> { state, events } or { state, error }.
 * Pure: the same state, command and environment always give the same result; the input state is never
 * mutated. The environment (env.ts) brings what the app loads on demand, the ksql engine.
 */
import {
  healBroker,
  isolateBroker,
  killBroker,
  restartBroker,
  shutdownBroker,
} from '../broker/broker-lifecycle';
import { onProduceRequest } from '../broker/broker-produce';
import { addPartitions, createCluster, createTopic, setTopicConfig } from '../broker/cluster';
import { onRetentionCheck, RETENTION_CHECK_INTERVAL_MS } from '../broker/retention';
import { compactionHandlers } from '../compaction/handlers';
import { modernGroupHandlers } from '../consumer-protocol/handlers';
import { initialModernGroupsSlice } from '../consumer-protocol/types';
import { groupHandlers } from '../groups/handlers';
import { initialGroupsSlice } from '../groups/types';
import { ksqlRuntimeHandlers } from '../ksql-runtime/handlers';
import { initialKsqlRuntimeSlice } from '../ksql-runtime/types';
import { onDeliveryTimeoutCheck } from '../producer/delivery-timeout';
import { addProducer, configureProducer, flush, onLingerExpired, produce } from '../producer/producer';
import { refreshProducerMetadata } from '../producer/producer-metadata';
import { drain, onProduceResponse, onProduceRetry, onProduceTimeout } from '../producer/producer-send';
import { queueHandlers } from '../queue/handlers';
import { initialQueuesSlice } from '../queue/types';
import { replicationHandlers } from '../replication/handlers';
import { shareHandlers } from '../share/handlers';
import { initialShareSlice } from '../share/types';
import { transactionHandlers } from '../transactions/handlers';
import { initialTransactionsSlice } from '../transactions/types';
import type { Command, CommandType, CoreCommand } from './commands';
import { NO_ENV, type StepEnv } from './env';
import type { EngineError, EngineEvent } from './events';
import type { CommandHandlers, MessageHandlers, TimerHandlers } from './module';
import type {
  CoreMessagePayloads,
  CoreTimerPayloads,
  MessageKind,
  MessageOf,
  MessagePayloads,
  TimerKind,
  TimerOf,
  TimerPayloads,
} from './protocol';
import { seedRng } from './rng';
import { Tx } from './tx';
import { brokerIdOf, type EngineState, type Message, type NodeId } from './types';

export type StepResult =
  | { ok: true; state: EngineState; events: EngineEvent[] }
  | { ok: false; state: EngineState; error: EngineError };

export function initialState(seed: number): EngineState {
  return {
    seed,
    now: 0,
    rng: seedRng(seed),
    nextSeq: 0,
    network: { latencyMinMs: 2, latencyMaxMs: 6 },
    linkArrivals: {},
    brokers: {},
    controller: null,
    topics: {},
    producers: {},
    timers: [],
    metrics: {
      underReplicatedPartitions: 0,
      offlinePartitionsCount: 0,
      isrShrinks: 0,
      isrExpands: 0,
      leaderElections: 0,
      failedProduceRequests: 0,
    },
    groups: initialGroupsSlice,
    queues: initialQueuesSlice,
    ksql: initialKsqlRuntimeSlice,
    modernGroups: initialModernGroupsSlice,
    transactions: initialTransactionsSlice,
    share: initialShareSlice,
  };
}

/** What each command does, by its type: the core's here, each module's from its handlers.ts. */
const coreCommandHandlers: CommandHandlers<CoreCommand> = {
  createCluster: (tx, cmd) => {
    const err = createCluster(tx, cmd);
    if (!err) tx.schedule('retentionCheck', tx.state.now + RETENTION_CHECK_INTERVAL_MS, {});
    return err;
  },
  createTopic,
  addPartitions,
  setTopicConfig,
  addProducer,
  configureProducer,
  produce,
  refreshProducerMetadata,
  flush,
  advance,
  killBroker,
  shutdownBroker,
  restartBroker,
  isolateBroker,
  healBroker,
};

const commandHandlers: CommandHandlers<Command> = {
  ...coreCommandHandlers,
  ...replicationHandlers.commands,
  ...groupHandlers.commands,
  ...queueHandlers.commands,
  ...ksqlRuntimeHandlers.commands,
  ...modernGroupHandlers.commands,
  ...transactionHandlers.commands,
  ...shareHandlers.commands,
};

/** What happens when a message arrives, by its kind. */
const coreMessageHandlers: MessageHandlers<CoreMessagePayloads> = {
  produceRequest: (tx, m) => onProduceRequest(tx, brokerIdOf(m.to), m.payload),
  produceResponse: (tx, m) => onProduceResponse(tx, m.payload),
};

const messageHandlers: MessageHandlers<MessagePayloads> = {
  ...coreMessageHandlers,
  ...replicationHandlers.messages,
  ...groupHandlers.messages,
  ...queueHandlers.messages,
  ...ksqlRuntimeHandlers.messages,
  ...modernGroupHandlers.messages,
  ...transactionHandlers.messages,
  ...shareHandlers.messages,
};

/** What happens when a timer falls due, by its kind. */
const coreTimerHandlers: TimerHandlers<CoreTimerPayloads> = {
  deliver: (tx, t) => deliver(tx, t.payload.message),
  lingerExpired: (tx, t) => onLingerExpired(tx, t.payload.producer, t.payload.batchId, t.payload.tp),
  produceTimeout: (tx, t) => onProduceTimeout(tx, t.payload),
  produceRetry: (tx, t) => onProduceRetry(tx, t.payload),
  producerRetryDrain: (tx, t) => drain(tx, t.payload.producer),
  deliveryTimeoutCheck: (tx, t) => onDeliveryTimeoutCheck(tx, t.payload.producer),
  retentionCheck: (tx) => onRetentionCheck(tx),
};

const timerHandlers: TimerHandlers<TimerPayloads> = {
  ...coreTimerHandlers,
  ...replicationHandlers.timers,
  ...groupHandlers.timers,
  ...queueHandlers.timers,
  ...ksqlRuntimeHandlers.timers,
  ...shareHandlers.timers,
  ...modernGroupHandlers.timers,
  ...compactionHandlers.timers,
  ...transactionHandlers.timers,
};

/** Hands a message to the handler of its kind (the map is total over kinds: no kind is dropped). */
function handleMessage<K extends MessageKind>(tx: Tx, message: MessageOf<MessagePayloads, K>): void {
  messageHandlers[message.kind](tx, message);
}

/** Hands a due timer to the handler of its kind (total over kinds, as for messages). */
function fire<K extends TimerKind>(tx: Tx, timer: TimerOf<TimerPayloads, K>): void {
  timerHandlers[timer.kind](tx, timer);
}

/** A broker that is down or cut off neither receives nor answers; the message is lost on the way. */
function unreachable(tx: Tx, node: NodeId): boolean {
  if (!node.startsWith('broker:')) return false;
  const b = tx.state.brokers[brokerIdOf(node)];
  return !b?.alive || b.isolated;
}

function deliver(tx: Tx, message: Message): void {
  if (unreachable(tx, message.to) || unreachable(tx, message.from)) {
    tx.emit({
      type: 'messageLost',
      message,
      reason: unreachable(tx, message.to) ? 'receiver unreachable' : 'sender cut off',
    });
    return;
  }
  handleMessage(tx, message);
}

/** Fires every timer due up to now + ms, in (dueMs, seq) order, moving the clock to each. */
function advance(tx: Tx, cmd: Extract<Command, { type: 'advance' }>): EngineError | undefined {
  if (!(cmd.ms >= 0) || !Number.isFinite(cmd.ms))
    return { code: 'INVALID_REQUEST', message: 'advance needs a duration >= 0 ms.' };
  const from = tx.state.now;
  const target = from + cmd.ms;
  for (let next = tx.popDueTimer(target); next; next = tx.popDueTimer(target)) {
    tx.advanceTo(next.dueMs);
    fire(tx, next);
  }
  tx.advanceTo(target);
  tx.emit({ type: 'clockAdvanced', from, to: target });
  return undefined;
}

type CommandOf<T extends CommandType> = { [P in T]: Extract<Command, { type: P }> }[T];

function runCommand<T extends CommandType>(tx: Tx, command: CommandOf<T>): EngineError | undefined {
  return commandHandlers[command.type](tx, command);
}

/** The handlers as a plain lookup: a run from a URL or localStorage may name a command that does not exist. */
const knownCommands: Readonly<Record<string, unknown>> = commandHandlers;

export function step(state: EngineState, command: Command, env: StepEnv = NO_ENV): StepResult {
  if (!knownCommands[command.type])
    return {
      ok: false,
      state,
      error: { code: 'INVALID_REQUEST', message: `Unknown command '${String(command.type)}'.` },
    };
  const tx = new Tx(state, env);
  const error = runCommand(tx, command);
  if (error) return { ok: false, state, error };
  return { ok: true, state: tx.finish(), events: tx.events };
}

/**
 * The engine's one entry point: step(state, command, env) -> { state, events } or { state, error }.
 * Pure: the same state, command and environment always give the same result; the input state is never
 * mutated. The environment (env.ts) brings what the app loads on demand, the ksql engine.
 */
import { healBroker, isolateBroker, killBroker, restartBroker } from '../broker/broker-lifecycle';
import { onProduceRequest } from '../broker/broker-produce';
import { addPartitions, createCluster, createTopic, setTopicConfig } from '../broker/cluster';
import { onRetentionCheck, RETENTION_CHECK_INTERVAL_MS } from '../broker/retention';
import { groupHandlers } from '../groups/handlers';
import { initialGroupsSlice } from '../groups/types';
import { ksqlRuntimeHandlers } from '../ksql-runtime/handlers';
import { initialKsqlRuntimeSlice } from '../ksql-runtime/types';
import { addProducer, configureProducer, flush, onLingerExpired, produce } from '../producer/producer';
import { drain, onProduceResponse, onProduceRetry, onProduceTimeout } from '../producer/producer-send';
import { queueHandlers } from '../queue/handlers';
import { initialQueuesSlice } from '../queue/types';
import { replicationHandlers } from '../replication/handlers';
import type { Command, CoreCommand } from './commands';
import { NO_ENV, type StepEnv } from './env';
import type { EngineError, EngineEvent } from './events';
import type { ModuleHandlers } from './module';
import { seedRng } from './rng';
import { Tx } from './tx';
import type { EngineState, Message, Timer } from './types';

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
  };
}

type Handler<C extends Command> = (tx: Tx, cmd: C) => EngineError | undefined;
type CoreHandlers = { [T in CoreCommand['type']]: Handler<Extract<Command, { type: T }>> };

/** The modules beyond the core; each brings its own commands, messages and timers. */
const modules: readonly ModuleHandlers[] = [
  replicationHandlers,
  groupHandlers,
  queueHandlers,
  ksqlRuntimeHandlers,
];

const coreCommandHandlers: CoreHandlers = {
  createCluster: (tx, cmd) => {
    const err = createCluster(tx, cmd);
    if (!err) tx.schedule('retentionCheck', tx.state.now + RETENTION_CHECK_INTERVAL_MS);
    return err;
  },
  createTopic,
  addPartitions,
  setTopicConfig,
  addProducer,
  configureProducer,
  produce,
  flush,
  advance,
  killBroker,
  restartBroker,
  isolateBroker,
  healBroker,
};

const commandHandlers: Record<string, Handler<Command>> = Object.assign(
  {},
  coreCommandHandlers,
  ...modules.map((m) => m.commands),
);

/** What happens when a message arrives, by its kind. */
const coreMessageHandlers: Record<string, (tx: Tx, message: Message) => void> = {
  produceRequest: (tx, m) => onProduceRequest(tx, brokerIdOf(m.to), m.payload as Record<string, unknown>),
  produceResponse: (tx, m) => onProduceResponse(tx, m.payload as Record<string, unknown>),
};

const messageHandlers: Record<string, (tx: Tx, message: Message) => void> = Object.assign(
  {},
  coreMessageHandlers,
  ...modules.map((m) => m.messages),
);

/** What happens when a timer falls due, by its kind. */
const coreTimerHandlers: Record<string, (tx: Tx, timer: Timer) => void> = {
  deliver: (tx, t) => deliver(tx, t.payload.message as Message),
  lingerExpired: (tx, t) =>
    onLingerExpired(tx, t.payload.producer as string, t.payload.batchId as string, t.payload.tp as string),
  produceTimeout: (tx, t) => onProduceTimeout(tx, t.payload as Record<string, unknown>),
  produceRetry: (tx, t) => onProduceRetry(tx, t.payload as Record<string, unknown>),
  producerRetryDrain: (tx, t) => drain(tx, t.payload.producer as string),
  retentionCheck: (tx) => onRetentionCheck(tx),
};

const timerHandlers: Record<string, (tx: Tx, timer: Timer) => void> = Object.assign(
  {},
  coreTimerHandlers,
  ...modules.map((m) => m.timers),
);

export function brokerIdOf(node: string): number {
  return Number(node.slice('broker:'.length));
}

/** A broker that is down or cut off neither receives nor answers; the message is lost on the way. */
function unreachable(tx: Tx, node: string): boolean {
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
  messageHandlers[message.kind]?.(tx, message);
}

/** Fires every timer due up to now + ms, in (dueMs, seq) order, moving the clock to each. */
function advance(tx: Tx, cmd: Extract<Command, { type: 'advance' }>): EngineError | undefined {
  if (!(cmd.ms >= 0) || !Number.isFinite(cmd.ms))
    return { code: 'INVALID_REQUEST', message: 'advance needs a duration >= 0 ms.' };
  const from = tx.state.now;
  const target = from + cmd.ms;
  for (let next = tx.popDueTimer(target); next; next = tx.popDueTimer(target)) {
    tx.advanceTo(next.dueMs);
    timerHandlers[next.kind]?.(tx, next);
  }
  tx.advanceTo(target);
  tx.emit({ type: 'clockAdvanced', from, to: target });
  return undefined;
}

export function step(state: EngineState, command: Command, env: StepEnv = NO_ENV): StepResult {
  const handler = commandHandlers[command.type];
  if (!handler)
    return {
      ok: false,
      state,
      error: { code: 'INVALID_REQUEST', message: `Unknown command '${String(command.type)}'.` },
    };
  const tx = new Tx(state, env);
  const error = handler(tx, command);
  if (error) return { ok: false, state, error };
  return { ok: true, state: tx.finish(), events: tx.events };
}

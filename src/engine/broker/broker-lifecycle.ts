/**
 * Brokers going down and coming back, and being cut off from the network. What follows is the controller's
 * work (replication/controller.ts): a broker that crashed or was cut off is fenced when its session expires
 * (broker.session.timeout.ms, 9 s), one shut down cleanly at once; fencing moves its leaderships to the next
 * ISR member. One that restarts is
 * fenced first if it was not yet (a new incarnation, KIP-631) and unfenced as it registers again.
 * Its log survives a crash; on return it truncates to the leader's log and catches up (replication/fetcher.ts).
 */
import type { Command } from '../core/commands';
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import type { BrokerId, BrokerState } from '../core/types';
import {
  cancelSessionExpiry,
  fenceBroker,
  maybeFailoverController,
  startSessionExpiry,
  unfenceBroker,
} from '../replication/controller';
import { electOfflinePartitions } from '../replication/election';
import { resetConnections, syncFetchers } from '../replication/fetcher';
import { reachesPeers } from '../replication/network';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function brokerOr(tx: Tx, id: BrokerId): EngineError | undefined {
  return tx.state.brokers[id]
    ? undefined
    : { code: 'BROKER_NOT_AVAILABLE', message: `There is no broker ${id}.` };
}

function setBroker(tx: Tx, id: BrokerId, changes: Partial<BrokerState>): void {
  const b = tx.state.brokers[id]!;
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [id]: { ...b, ...changes } } };
}

/** The broker stopped being reachable: connections to it break, its session runs out, the controller may move. */
function lostContact(tx: Tx, id: BrokerId): void {
  resetConnections(tx, id);
  startSessionExpiry(tx, id);
  maybeFailoverController(tx);
  syncFetchers(tx);
}

function aliveOr(tx: Tx, id: BrokerId): EngineError | undefined {
  const err = brokerOr(tx, id);
  if (err) return err;
  return tx.state.brokers[id]!.alive
    ? undefined
    : { code: 'INVALID_REQUEST', message: `Broker ${id} is already down.` };
}

/**
 * A crash (kill -9, power loss) tells the controller nothing: the broker's heartbeats just stop, and the
 * KRaft controller fences it only when broker.session.timeout.ms (9 s) has passed without one
 * (BrokerHeartbeatManager, ReplicationControlManager.handleBrokerFenced). Until then it keeps its
 * leaderships and stays in every ISR, so produce requests sent to it go unanswered and time out, and an
 * acks=all write it was a follower for waits for its copy.
 */
export function killBroker(tx: Tx, cmd: Cmd<'killBroker'>): EngineError | undefined {
  const err = aliveOr(tx, cmd.broker);
  if (err) return err;
  setBroker(tx, cmd.broker, { alive: false });
  tx.emit({ type: 'brokerKilled', broker: cmd.broker });
  lostContact(tx, cmd.broker);
  return undefined;
}

/**
 * A controlled shutdown (SIGTERM, kafka-server-stop.sh): the broker asks to shut down in its heartbeat
 * (BrokerHeartbeatRequest wantShutDown), the controller moves its leaderships and takes it out of every ISR
 * (ReplicationControlManager.handleBrokerInControlledShutdown), and only then does it stop. The hand-over is
 * instant, and the old leader, still up while it happens, answers its waiting acks=all requests
 * NOT_LEADER_OR_FOLLOWER so the producer retries on the new leader.
 */
export function shutdownBroker(tx: Tx, cmd: Cmd<'shutdownBroker'>): EngineError | undefined {
  const err = aliveOr(tx, cmd.broker);
  if (err) return err;
  if (tx.state.controller !== null && !tx.state.brokers[cmd.broker]!.fenced)
    fenceBroker(tx, cmd.broker, 'controlled shutdown');
  setBroker(tx, cmd.broker, { alive: false });
  tx.emit({ type: 'brokerShutDown', broker: cmd.broker });
  lostContact(tx, cmd.broker);
  return undefined;
}

export function restartBroker(tx: Tx, cmd: Cmd<'restartBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  if (b.alive) return { code: 'INVALID_REQUEST', message: `Broker ${cmd.broker} is already running.` };
  // Its log and checkpointed high watermarks survive the crash; a network cut, if any, stays.
  setBroker(tx, b.id, { alive: true });
  tx.emit({ type: 'brokerRestarted', broker: b.id });
  if (reachesPeers(tx.state, b.id)) rejoin(tx, b.id, true);
  else resetConnections(tx, b.id);
  return undefined;
}

/** Back in contact with the controller: a new incarnation is fenced first, then registers again. */
function rejoin(tx: Tx, id: BrokerId, newIncarnation: boolean): void {
  resetConnections(tx, id);
  cancelSessionExpiry(tx, id);
  maybeFailoverController(tx);
  if (tx.state.controller === null) return;
  const fenced = tx.state.brokers[id]!.fenced;
  // Kafka refuses the new registration (DUPLICATE_BROKER_REGISTRATION) until the old session expires; the
  // simulator fences the old incarnation at once instead.
  if (!fenced && newIncarnation) fenceBroker(tx, id, 'restarted');
  if (tx.state.brokers[id]!.fenced) unfenceBroker(tx, id);
  else {
    // Healed before its session expired: it was acceptable all along, but a partition may still wait for
    // a leader (elected while the controller could not act); electing never hurts a leaderless partition.
    electOfflinePartitions(tx);
    syncFetchers(tx);
  }
}

export function isolateBroker(tx: Tx, cmd: Cmd<'isolateBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  setBroker(tx, cmd.broker, { isolated: true });
  tx.emit({ type: 'brokerIsolated', broker: cmd.broker });
  lostContact(tx, cmd.broker);
  return undefined;
}

/** Cut off from the controller and the other brokers, still reachable by clients (replication/commands.ts). */
export function isolateBrokerFromPeers(tx: Tx, cmd: { broker: BrokerId }): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  setBroker(tx, cmd.broker, { isolatedFromPeers: true });
  tx.emit({ type: 'brokerIsolatedFromPeers', broker: cmd.broker });
  lostContact(tx, cmd.broker);
  return undefined;
}

export function healBroker(tx: Tx, cmd: Cmd<'healBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  setBroker(tx, b.id, { isolated: false, isolatedFromPeers: false });
  tx.emit({ type: 'brokerHealed', broker: b.id });
  if (reachesPeers(tx.state, b.id)) rejoin(tx, b.id, false);
  return undefined;
}

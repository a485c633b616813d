/**
 * The controller (KRaft's QuorumController, collapsed onto one broker of the cluster): it fences brokers whose
 * session expired, removes them from every ISR, elects new leaders, and moves to another broker when its own
 * broker dies or is cut off. Broker heartbeats are not drawn as messages; a session is a timer that starts
 * when the broker stops being reachable and is cancelled if it returns in time (broker.session.timeout.ms).
 */

import type { Tx } from '../core/tx';
import type { BrokerId } from '../core/types';
import { replicationConfig } from './config';
import { electLeader, electOfflinePartitions } from './election';
import { syncFetchers } from './fetcher';
import { advanceHighWatermark } from './high-watermark';
import { shrinkIsr } from './isr';
import { reachesPeers } from './network';

const SESSION_TIMER = 'brokerSessionExpired';

function setFenced(tx: Tx, id: BrokerId, fenced: boolean): void {
  const b = tx.state.brokers[id]!;
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [id]: { ...b, fenced } } };
}

/** The broker's session starts running out (once, however many ways it became unreachable). */
export function startSessionExpiry(tx: Tx, id: BrokerId): void {
  if (tx.state.brokers[id]?.fenced) return;
  if (tx.state.timers.some((t) => t.kind === SESSION_TIMER && t.payload.broker === id)) return;
  tx.schedule(SESSION_TIMER, tx.state.now + replicationConfig(tx.state).brokerSessionTimeoutMs, {
    broker: id,
  });
}

export function cancelSessionExpiry(tx: Tx, id: BrokerId): void {
  tx.cancel((t) => t.kind === SESSION_TIMER && t.payload.broker === id);
}

export function onSessionExpired(tx: Tx, id: BrokerId): void {
  if (tx.state.controller === null || reachesPeers(tx.state, id) || tx.state.brokers[id]?.fenced) return;
  fenceBroker(tx, id, 'session timed out');
}

/**
 * ReplicationControlManager.handleBrokerFenced: out of every ISR (but the last member of one), and a new
 * leader for each partition it led.
 */
export function fenceBroker(
  tx: Tx,
  id: BrokerId,
  reason: 'session timed out' | 'restarted' | 'controlled shutdown',
): void {
  cancelSessionExpiry(tx, id);
  setFenced(tx, id, true);
  tx.emit({ type: 'brokerFenced', broker: id, reason });
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) {
      if (!p.isr.includes(id)) continue;
      if (p.leader === id) electLeader(tx, t.name, p.partition, id);
      else if (p.isr.length > 1) shrinkIsr(tx, t.name, p.partition, [id], 'broker fenced');
    }
  }
  syncFetchers(tx);
}

/**
 * The broker registered again (ReplicationControlManager.handleBrokerUnfenced): every partition without a
 * leader is elected again, not only those on this broker, and the others may move their HW.
 */
export function unfenceBroker(tx: Tx, id: BrokerId): void {
  setFenced(tx, id, false);
  tx.emit({ type: 'brokerUnfenced', broker: id });
  for (const t of Object.values(tx.state.topics)) {
    for (const p of t.partitions) {
      if (p.leader === null) electLeader(tx, t.name, p.partition);
      else advanceHighWatermark(tx, t.name, p.partition);
    }
  }
  syncFetchers(tx);
}

/**
 * Controller failover: when the controller's broker is down or cut off, the next reachable broker (by id,
 * after the old one) takes over. A new KRaft controller gives every broker a fresh session, so the sessions
 * of brokers still unreachable start again from now.
 */
export function maybeFailoverController(tx: Tx): void {
  const current = tx.state.controller;
  if (current !== null && reachesPeers(tx.state, current)) return;
  const ids = Object.keys(tx.state.brokers)
    .map(Number)
    .sort((a, b) => a - b);
  const start = current === null ? 0 : ids.indexOf(current) + 1;
  let next: BrokerId | null = null;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[(start + i) % ids.length]!;
    if (reachesPeers(tx.state, id)) {
      next = id;
      break;
    }
  }
  if (next === current) return;
  tx.state = { ...tx.state, controller: next };
  tx.emit({ type: 'controllerElected', controller: next, previous: current });
  if (next === null) return;
  tx.cancel((t) => t.kind === SESSION_TIMER);
  for (const b of Object.values(tx.state.brokers)) {
    if (!reachesPeers(tx.state, b.id) && !b.fenced) startSessionExpiry(tx, b.id);
  }
  // Partitions that went offline while nobody was controller get a leader if one is electable now.
  electOfflinePartitions(tx);
}

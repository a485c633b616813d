/**
 * Who can talk to whom. step.ts's deliver() already loses messages to or from a broker that is down or wholly
 * isolated; a broker isolated from its peers only (a split brain) still serves clients, so broker-to-broker
 * messages check that here.
 */
import type { BrokerId, EngineState } from '../core/types';

/** Reachable by clients (producers, consumers). */
export function servesClients(state: EngineState, id: BrokerId): boolean {
  const b = state.brokers[id];
  return !!b && b.alive && !b.isolated;
}

/** Reachable by the controller and the other brokers. */
export function reachesPeers(state: EngineState, id: BrokerId): boolean {
  const b = state.brokers[id];
  return !!b && b.alive && !b.isolated && !b.isolatedFromPeers;
}

/** Why a broker-to-broker message is lost on arrival, or null when it arrives. */
export function peerMessageLoss(state: EngineState, from: BrokerId, to: BrokerId): string | null {
  if (!reachesPeers(state, to)) return 'receiver unreachable';
  if (!reachesPeers(state, from)) return 'sender cut off';
  return null;
}

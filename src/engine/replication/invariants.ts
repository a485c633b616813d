/** Invariants of replication, checked with the core ones (invariants.ts). */
import type { EngineState } from '../types';

export function checkReplicationInvariants(_state: EngineState): string[] {
  return [];
}

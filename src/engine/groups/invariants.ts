/** Invariants of consumer groups, checked with the core ones (invariants.ts). */
import type { EngineState } from '../types';

export function checkGroupInvariants(_state: EngineState): string[] {
  return [];
}

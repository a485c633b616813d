/**
 * Invariants of share groups, checked with the core ones (core/invariants.ts) after every step in tests.
 */
import type { EngineState } from '../core/types';

export function checkShareInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  for (const g of Object.values(state.share.groups)) {
    for (const sp of Object.values(g.partitions)) {
      const where = `share group ${g.groupId} ${sp.topic}-${sp.partition}`;
      if (sp.inFlight.length > g.config.partitionMaxRecordLocks)
        problems.push(`${where}: ${sp.inFlight.length} records in flight, above the record locks limit`);
      const first = sp.inFlight[0];
      // The SPSO moves past every leading record that is done (maybeUpdateCachedStateAndOffsets).
      if (first && (first.state === 'ACKNOWLEDGED' || first.state === 'ARCHIVED'))
        problems.push(`${where}: the SPSO ${sp.startOffset} stopped at a ${first.state} record`);
      sp.inFlight.forEach((r, i) => {
        if (r.offset !== sp.startOffset + i)
          problems.push(`${where}: in-flight offsets not contiguous at ${r.offset}`);
        if (r.deliveryCount < 1 || r.deliveryCount > g.config.deliveryCountLimit)
          problems.push(`${where}: offset ${r.offset} delivered ${r.deliveryCount} times`);
        const held = r.memberId !== null || r.lockExpiresAtMs !== null;
        if ((r.state === 'ACQUIRED') !== held)
          problems.push(`${where}: offset ${r.offset} is ${r.state} ${held ? 'with' : 'without'} a holder`);
        if (r.state === 'ACQUIRED') {
          if (!g.members[r.memberId ?? ''])
            problems.push(`${where}: offset ${r.offset} held by ${r.memberId}, not a member`);
          if ((r.lockExpiresAtMs ?? 0) <= state.now)
            problems.push(`${where}: offset ${r.offset} held past its lock`);
        }
      });
    }
  }
  return problems;
}

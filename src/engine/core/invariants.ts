/**
 * Kafka's invariants as code, checked by the tests only (the app does not run them): after every step in
 * the groups and replication property tests and in the scene tests (scenarios/scenes.test.ts), and on the
 * states the history, demonstration and protocol tests reach. Each returns a list of violations, empty when
 * the state is sound.
 */
import { checkModernGroupInvariants } from '../consumer-protocol/invariants';
import { checkGroupInvariants } from '../groups/invariants';
import { checkReplicationInvariants } from '../replication/invariants';
import { checkShareInvariants } from '../share/invariants';
import { checkTransactionInvariants } from '../transactions/invariants';
import type { EngineState } from './types';

export function checkInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  for (const topic of Object.values(state.topics)) {
    for (const p of topic.partitions) {
      const where = `${topic.name}/${p.partition}`;
      for (const [broker, log] of Object.entries(p.logs)) {
        // Offsets in a log are increasing, not contiguous: the log cleaner leaves gaps (compaction). The record
        // at offset o sits at index o - base, or nothing does; a log without compaction has no gap.
        const compacted =
          topic.config.cleanupPolicy?.startsWith('compact') || log.firstDirtyOffset !== undefined;
        for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
          const r = log.items[o - log.base];
          if ((!r && !compacted) || (r && r.offset !== o)) {
            problems.push(`${where} replica ${broker}: offset ${o} holds ${r?.offset ?? 'nothing'}`);
            break;
          }
        }
        if (log.logStartOffset > log.logEndOffset)
          problems.push(`${where} replica ${broker}: log start past log end`);
      }
      if (p.leader !== null) {
        // HW <= LEO of every ISR member (Partition.maybeIncrementLeaderHW takes their minimum).
        for (const b of p.isr) {
          const leo = p.logs[b]?.logEndOffset ?? 0;
          if (p.highWatermark > leo)
            problems.push(`${where}: high watermark ${p.highWatermark} above LEO ${leo} of ISR member ${b}`);
        }
        if (!p.isr.includes(p.leader)) problems.push(`${where}: leader ${p.leader} is not in the ISR`);
      }
      if (!p.isr.every((b) => p.replicas.includes(b))) problems.push(`${where}: ISR names a non-replica`);
    }
  }
  for (let i = 1; i < state.timers.length; i++) {
    const a = state.timers[i - 1]!;
    const b = state.timers[i]!;
    if (a.dueMs > b.dueMs || (a.dueMs === b.dueMs && a.seq > b.seq))
      problems.push('timer queue out of order');
  }
  if (state.timers.length > 0 && state.timers[0]!.dueMs < state.now) problems.push('a timer is overdue');
  problems.push(
    ...checkReplicationInvariants(state),
    ...checkGroupInvariants(state),
    ...checkModernGroupInvariants(state),
    ...checkTransactionInvariants(state),
    ...checkShareInvariants(state),
  );
  return problems;
}

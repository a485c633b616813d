/**
 * Admin.electLeaders (kafka-leader-election): preferred moves leadership back to the first replica when it
 * is in the ISR (what auto.leader.rebalance.enable does every leader.imbalance.check.interval.seconds);
 * unclean elects any live replica for partitions that have no leader, even with the topic config off.
 */
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import { changeLeader, electable, electUnclean } from './election';
import { syncFetchers } from './fetcher';

export function electLeaders(
  tx: Tx,
  cmd: { electionType: 'preferred' | 'unclean'; topic?: string; partition?: number },
): EngineError | undefined {
  if (tx.state.controller === null)
    return { code: 'BROKER_NOT_AVAILABLE', message: 'There is no controller.' };
  if (cmd.topic !== undefined && !tx.topic(cmd.topic))
    return { code: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic '${cmd.topic}' does not exist.` };
  for (const t of Object.values(tx.state.topics)) {
    if (cmd.topic !== undefined && t.name !== cmd.topic) continue;
    for (const p of t.partitions) {
      if (cmd.partition !== undefined && p.partition !== cmd.partition) continue;
      const preferred = p.replicas[0]!;
      if (cmd.electionType === 'preferred') {
        if (p.leader !== preferred && p.isr.includes(preferred) && electable(tx, preferred))
          changeLeader(tx, t.name, p.partition, preferred, p.isr, 'preferred');
      } else if (p.leader === null) {
        const candidate = p.replicas.find((b) => electable(tx, b));
        if (candidate !== undefined) electUnclean(tx, t.name, p.partition, candidate);
      }
    }
  }
  syncFetchers(tx);
  return undefined;
}

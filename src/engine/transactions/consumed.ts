/**
 * What a consumer has been handed from a partition so far, for the stage: the records below its position
 * that its isolation level lets through (never a marker; read_committed, never an aborted record).
 */
import { keptRecords, type LogRecord } from '../broker/log';
import { type EngineState, tpKey } from '../core/types';
import { recordTxnStatuses } from './stable-offset';

export function consumedRecords(
  state: EngineState,
  consumer: string,
  topic: string,
  partition: number,
): LogRecord[] {
  const c = state.groups.consumers[consumer];
  const p = state.topics[topic]?.partitions[partition];
  const position = c?.positions[tpKey(topic, partition)];
  if (!c || !p || p.leader === null || position === undefined) return [];
  const log = p.logs[p.leader]!;
  const statuses = recordTxnStatuses(log);
  const committedOnly = c.config.isolationLevel === 'read_committed';
  return keptRecords(log).filter((r) => {
    const status = statuses.get(r.offset);
    return r.offset < position && status !== 'marker' && !(committedOnly && status === 'aborted');
  });
}

/**
 * InitProducerId without a transactional.id: every idempotent producer gets a producer id (epoch 0) when it
 * starts (TransactionManager.initializeTransactions for the idempotent producer, answered by any broker from
 * the cluster's ProducerIdManager block). The simulator assigns it in the step that adds the producer,
 * without an event, so the traces of scenes without transactions stay as they were.
 */
import type { Tx } from '../core/tx';
import { allocateProducerId, setProducerIdAndEpoch, txnSlice } from './slice';

export function ensureProducerId(tx: Tx, producer: string): void {
  const p = tx.producer(producer);
  if (!p?.config.idempotent || p.config.transactionalId !== null) return;
  if (txnSlice(tx).producerIds[producer]) return;
  setProducerIdAndEpoch(tx, producer, allocateProducerId(tx), 0);
}

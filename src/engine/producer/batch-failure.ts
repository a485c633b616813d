/**
 * The one place a batch's failed attempt is reported: the produceFailed event the send callback would see,
 * and, when the batch fails for good, its records in the producer's failed count (record-error-total).
 */
import type { Tx } from '../core/tx';
import type { ProducerBatch } from '../core/types';

export function reportBatchFailure(
  tx: Tx,
  producerId: string,
  batch: ProducerBatch,
  failure: { error: string; retriable: boolean; message?: string },
): void {
  tx.emit({
    type: 'produceFailed',
    producer: producerId,
    batchId: batch.id,
    topic: batch.topic,
    partition: batch.partition,
    ...failure,
  });
  if (!failure.retriable) tx.producerDraft(producerId)!.failed += batch.records.length;
}

/**
 * delivery.timeout.ms (KIP-91): a batch not acknowledged within this long of its creation fails for good,
 * wherever it is: still filling, waiting for a leader, in flight, or waiting to be retried. The Java sender
 * collects them on every pass (RecordAccumulator.expiredBatches, Sender.getExpiredInflightBatches) and wakes
 * up at the next expiry; each fails with TimeoutException "Expiring N record(s) for <topic>-<partition>:
 * <ms> ms has passed since batch creation" (Sender.sendProducerData), which is what the send callback sees.
 *
 * The check is a timer per producer, armed only once some batch is held up (no leader known, or a retry):
 * a batch that goes out and is answered never needs it.
 */

import type { Tx } from '../core/tx';
import { type ProducerBatch, tpKey } from '../core/types';
import { afterProducerProgress } from '../transactions/client';
import { reportBatchFailure } from './batch-failure';

/** delivery.timeout.ms: 120 s by default (ProducerConfig). */
export const DELIVERY_TIMEOUT_MS = 120_000;

/** Every batch the producer still holds, wherever it waits. */
function heldBatches(tx: Tx, producerId: string): ProducerBatch[] {
  const p = tx.producer(producerId);
  if (!p) return [];
  const retrying = tx.state.timers.flatMap((t) =>
    t.kind === 'produceRetry' && t.payload.producer === producerId ? [t.payload.batch] : [],
  );
  return [...Object.values(p.open), ...p.ready, ...Object.values(p.inFlight), ...retrying];
}

/** Arms the producer's expiry check for the earliest held batch, unless an earlier one is armed already. */
export function armDeliveryTimeout(tx: Tx, producerId: string): void {
  const p = tx.producer(producerId);
  if (!p) return;
  const batches = heldBatches(tx, producerId);
  if (batches.length === 0) return;
  const dueMs = Math.min(...batches.map((b) => b.createdAtMs)) + p.config.deliveryTimeoutMs;
  const armed = tx.state.timers.find(
    (t) => t.kind === 'deliveryTimeoutCheck' && t.payload.producer === producerId,
  );
  if (armed && armed.dueMs <= dueMs) return;
  if (armed) tx.cancel((t) => t === armed);
  tx.schedule('deliveryTimeoutCheck', Math.max(dueMs, tx.state.now), { producer: producerId });
}

/** Fails every held batch older than delivery.timeout.ms, then arms the check for the next one. */
export function onDeliveryTimeoutCheck(tx: Tx, producerId: string): void {
  const p = tx.producer(producerId);
  if (!p) return;
  const now = tx.state.now;
  const expired = heldBatches(tx, producerId).filter(
    (b) => now - b.createdAtMs >= p.config.deliveryTimeoutMs,
  );
  for (const batch of expired) expire(tx, producerId, batch);
  armDeliveryTimeout(tx, producerId);
  afterProducerProgress(tx, producerId);
}

function expire(tx: Tx, producerId: string, batch: ProducerBatch): void {
  const d = tx.producerDraft(producerId)!;
  const tp = tpKey(batch.topic, batch.partition);
  if (d.open[tp]?.id === batch.id) delete tx.own(d, 'open')[tp];
  if (d.ready.some((b) => b.id === batch.id)) d.ready = d.ready.filter((b) => b.id !== batch.id);
  if (d.inFlight[batch.id]) delete tx.own(d, 'inFlight')[batch.id];
  // Its pending timers go with it; an answer that still arrives finds no batch and is ignored.
  tx.cancel(
    (t) =>
      ((t.kind === 'produceTimeout' || t.kind === 'lingerExpired') && t.payload.batchId === batch.id) ||
      (t.kind === 'produceRetry' && t.payload.batch.id === batch.id),
  );
  const count = batch.records.length;
  reportBatchFailure(tx, producerId, batch, {
    error: 'TimeoutException',
    retriable: false,
    message: `Expiring ${count} record(s) for ${batch.topic}-${batch.partition}:${tx.state.now - batch.createdAtMs} ms has passed since batch creation`,
  });
}

/**
 * The producer's sender thread: ready batches go to their partition's leader, at most
 * max.in.flight.requests.per.connection at a time; answers ack them, retriable errors and timeouts retry
 * them. With the idempotent producer a retried batch keeps its sequence numbers, so the broker drops the
 * duplicate instead of writing it twice.
 */
import type { CoreTimerPayloads, ProduceResponse } from '../core/protocol';
import type { Tx } from '../core/tx';
import { brokerNode, type ProducerBatch, producerNode, tpKey } from '../core/types';
import { afterProducerProgress, transactionalRequestFields } from '../transactions/client';
import { reportBatchFailure } from './batch-failure';
import { armDeliveryTimeout } from './delivery-timeout';

/** Errors the producer retries (RetriableException subclasses in the Java client). */
const RETRIABLE = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'LEADER_NOT_AVAILABLE',
]);

/** Assigns sequence numbers on first send: per partition, consecutive, never reused (idempotent producer). */
function withSequence(tx: Tx, producerId: string, batch: ProducerBatch): ProducerBatch {
  if (!tx.producer(producerId)!.config.idempotent || batch.baseSequence >= 0) return batch;
  const p = tx.producerDraft(producerId)!;
  const tp = tpKey(batch.topic, batch.partition);
  const base = p.nextSequence[tp] ?? 0;
  tx.own(p, 'nextSequence')[tp] = base + batch.records.length;
  return { ...batch, baseSequence: base };
}

/**
 * Sends ready batches while max.in.flight.requests.per.connection allows, counted per leader broker as the
 * Java client counts per connection. One pass over the ready queue: a batch whose leader is unknown or whose
 * connection is full stays queued, and so do later batches of its partition (same leader), keeping order.
 */
export function drain(tx: Tx, producerId: string): void {
  const p = tx.producer(producerId)!;
  if (p.ready.length === 0) return;
  const perBroker = new Map<number, number>();
  for (const b of Object.values(p.inFlight))
    perBroker.set(b.sentTo ?? -1, (perBroker.get(b.sentTo ?? -1) ?? 0) + 1);
  const keep: ProducerBatch[] = [];
  const send: [ProducerBatch, number][] = [];
  let leaderless = false;
  for (const batch of p.ready) {
    const leader = tx.partition(batch.topic, batch.partition)?.leader ?? null;
    if (leader === null) {
      leaderless = true;
      keep.push(batch);
    } else if ((perBroker.get(leader) ?? 0) >= p.config.maxInFlightRequests) {
      keep.push(batch);
    } else {
      perBroker.set(leader, (perBroker.get(leader) ?? 0) + 1);
      send.push([batch, leader]);
    }
  }
  if (send.length === 0 && !leaderless) return;
  tx.producerDraft(producerId)!.ready = keep;
  for (const [batch, leader] of send) {
    sendBatch(
      tx,
      producerId,
      withSequence(tx, producerId, { ...batch, attempts: batch.attempts + 1, sentTo: leader }),
      leader,
    );
  }
  // No leader known: wait for metadata, as the producer does, and try again after retry.backoff.ms.
  if (
    leaderless &&
    !tx.state.timers.some((t) => t.kind === 'producerRetryDrain' && t.payload.producer === producerId)
  ) {
    tx.schedule('producerRetryDrain', tx.state.now + p.config.retryBackoffMs, { producer: producerId });
  }
  if (leaderless) armDeliveryTimeout(tx, producerId);
}

function sendBatch(tx: Tx, producerId: string, batch: ProducerBatch, leader: number): void {
  const p = tx.producer(producerId)!;
  const acks = p.config.acks;
  tx.send('produceRequest', producerNode(producerId), brokerNode(leader), {
    producer: producerId,
    batchId: batch.id,
    topic: batch.topic,
    partition: batch.partition,
    acks,
    baseSequence: batch.baseSequence,
    records: batch.records,
    attempt: batch.attempts,
    ...transactionalRequestFields(tx, producerId),
  });
  const fresh = tx.producerDraft(producerId)!;
  if (acks === 0) {
    // acks=0: the producer never hears back; the batch counts as sent the moment it leaves.
    fresh.acked += batch.records.length;
    tx.emit({
      type: 'produceAcked',
      producer: producerId,
      batchId: batch.id,
      topic: batch.topic,
      partition: batch.partition,
      baseOffset: -1,
      count: batch.records.length,
    });
    return;
  }
  tx.own(fresh, 'inFlight')[batch.id] = batch;
  tx.schedule('produceTimeout', tx.state.now + p.config.requestTimeoutMs, {
    producer: producerId,
    batchId: batch.id,
    attempt: batch.attempts,
  });
}

export function onProduceResponse(tx: Tx, payload: ProduceResponse): void {
  const producerId = payload.producer;
  const batchId = payload.batchId;
  const p = tx.producer(producerId);
  const batch = p?.inFlight[batchId];
  if (!p || !batch || batch.attempts !== payload.attempt) return; // an answer to an attempt already given up on
  tx.cancel((t) => t.kind === 'produceTimeout' && t.payload.batchId === batchId);
  if (!payload.error) {
    const d = tx.producerDraft(producerId)!;
    delete tx.own(d, 'inFlight')[batchId];
    d.acked += batch.records.length;
    tx.emit({
      type: 'produceAcked',
      producer: producerId,
      batchId,
      topic: batch.topic,
      partition: batch.partition,
      baseOffset: payload.baseOffset,
      count: batch.records.length,
    });
  } else {
    retryOrFail(tx, producerId, batch, payload.error);
  }
  drain(tx, producerId);
  afterProducerProgress(tx, producerId);
}

export function onProduceTimeout(tx: Tx, payload: CoreTimerPayloads['produceTimeout']): void {
  const producerId = payload.producer;
  const p = tx.producer(producerId);
  const batch = p?.inFlight[payload.batchId];
  if (!p || !batch || batch.attempts !== payload.attempt) return;
  retryOrFail(tx, producerId, batch, 'REQUEST_TIMED_OUT');
  drain(tx, producerId);
  afterProducerProgress(tx, producerId);
}

function retryOrFail(tx: Tx, producerId: string, batch: ProducerBatch, error: string): void {
  const p = tx.producerDraft(producerId)!;
  // Sender.canRetry: a retriable error is retried while the batch is within delivery.timeout.ms.
  const retriable = RETRIABLE.has(error) && tx.state.now - batch.createdAtMs < p.config.deliveryTimeoutMs;
  delete tx.own(p, 'inFlight')[batch.id];
  reportBatchFailure(tx, producerId, batch, { error, retriable });
  if (!retriable) return;
  // Retried batches go to the front so that, with idempotence, order per partition holds.
  tx.schedule('produceRetry', tx.state.now + p.config.retryBackoffMs, { producer: producerId, batch });
  armDeliveryTimeout(tx, producerId);
}

export function onProduceRetry(tx: Tx, payload: CoreTimerPayloads['produceRetry']): void {
  const producerId = payload.producer;
  const batch = payload.batch;
  const p = tx.producerDraft(producerId);
  if (!p) return;
  tx.emit({ type: 'produceRetried', producer: producerId, batchId: batch.id, attempt: batch.attempts + 1 });
  tx.own(p, 'ready').unshift(batch);
  drain(tx, producerId);
}

/**
 * The transaction coordinator (TransactionCoordinator, one per __transaction_state partition; here one for
 * the cluster): it maps a transactional.id to a producer id and epoch, records the partitions and groups a
 * transaction touches, and ends it by writing COMMIT or ABORT markers to every one of those partitions.
 * Requests are answered in the step they are made: the simulator draws the produce traffic, not this
 * protocol's round trips.
 */
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import { tpKey } from '../core/types';
import { emptyGroup } from '../groups/coordinator';
import { groupOf, setGroup } from '../groups/slice';
import { writeMarker } from './markers';
import { allocateProducerId, setClient, setMetadata, setProducerIdAndEpoch, txnSlice } from './slice';
import type { MarkerType, PendingTxnOffset, TransactionMetadata } from './types';

/** How often the coordinator retries a marker whose partition had no leader (retry.backoff.ms). */
export const MARKER_RETRY_MS = 100;

const fenced = (producer: string, m: TransactionMetadata): EngineError => ({
  code: 'PRODUCER_FENCED',
  message: `There is a newer producer with the same transactional.id '${m.transactionalId}' (epoch ${m.producerEpoch}): '${producer}' is fenced.`,
});

/**
 * The metadata a request from this producer instance may act on, or PRODUCER_FENCED when a newer instance
 * took the transactional.id over (its InitProducerId bumped the epoch): the zombie can no longer add
 * partitions, commit or abort (TransactionCoordinator: producerEpoch < txnMetadata.producerEpoch).
 */
export function metadataFor(
  tx: Tx,
  producer: string,
  transactionalId: string,
): TransactionMetadata | EngineError {
  const m = txnSlice(tx).transactions[transactionalId];
  if (!m)
    return {
      code: 'INVALID_TXN_STATE',
      message: `No producer id for '${transactionalId}': call initTransactions first.`,
    };
  if (m.owner !== producer) {
    const c = txnSlice(tx).clients[producer];
    if (c && c.state !== 'FENCED') {
      setClient(tx, producer, { ...c, state: 'FENCED' });
      tx.emit({ type: 'producerFenced', producer, transactionalId, producerEpoch: m.producerEpoch });
    }
    return fenced(producer, m);
  }
  return m;
}

/**
 * InitProducerId with a transactional.id (TransactionCoordinator.handleInitProducerId): a new id gets a
 * fresh producer id at epoch 0; a known one keeps its producer id and bumps the epoch, fencing any older
 * instance, and an ongoing transaction of that older instance is aborted first.
 */
export function initProducerId(tx: Tx, producer: string, transactionalId: string): void {
  const before = txnSlice(tx).transactions[transactionalId];
  const producerId = before ? before.producerId : allocateProducerId(tx);
  const producerEpoch = before ? before.producerEpoch + 1 : 0;
  const abortedOngoing = before?.state === 'Ongoing';
  let m: TransactionMetadata = before
    ? { ...before, producerEpoch }
    : {
        transactionalId,
        producerId,
        producerEpoch,
        state: 'Empty',
        partitions: [],
        groups: [],
        pendingOffsets: [],
        pendingMarkers: [],
        owner: producer,
        txnStartMs: null,
      };
  setMetadata(tx, m);
  if (abortedOngoing) writeMarkers(tx, m, 'ABORT');
  m = { ...txnSlice(tx).transactions[transactionalId]!, owner: producer };
  setMetadata(tx, m);
  setProducerIdAndEpoch(tx, producer, producerId, producerEpoch);
  tx.emit({
    type: 'producerIdInitialized',
    producer,
    transactionalId,
    producerId,
    producerEpoch,
    abortedOngoing,
  });
}

function ongoing(tx: Tx, m: TransactionMetadata): TransactionMetadata {
  return m.state === 'Ongoing' ? m : { ...m, state: 'Ongoing', txnStartMs: tx.state.now };
}

/** AddPartitionsToTxn for the partition a transactional producer is about to write to. */
export function addPartition(tx: Tx, m: TransactionMetadata, topic: string, partition: number): void {
  const key = tpKey(topic, partition);
  if (m.state === 'Ongoing' && m.partitions.includes(key)) return;
  setMetadata(tx, {
    ...ongoing(tx, m),
    partitions: m.partitions.includes(key) ? m.partitions : [...m.partitions, key],
  });
  tx.emit({
    type: 'partitionAddedToTransaction',
    producer: m.owner,
    transactionalId: m.transactionalId,
    topic,
    partition,
  });
}

/** AddOffsetsToTxn then TxnOffsetCommit: the offsets wait in the transaction until it commits. */
export function addOffsets(
  tx: Tx,
  m: TransactionMetadata,
  group: string,
  offsets: readonly PendingTxnOffset[],
): void {
  const replaced = m.pendingOffsets.filter(
    (o) => !offsets.some((n) => n.group === o.group && n.topic === o.topic && n.partition === o.partition),
  );
  setMetadata(tx, {
    ...ongoing(tx, m),
    groups: m.groups.includes(group) ? m.groups : [...m.groups, group],
    pendingOffsets: [...replaced, ...offsets],
  });
}

/**
 * EndTxn: PrepareCommit or PrepareAbort, a marker to every partition of the transaction, the offsets made
 * visible to the group on commit, then CompleteCommit or CompleteAbort. Since transaction version 2
 * (KIP-890, the default of a Kafka 4 cluster) every EndTxn bumps the producer epoch, and the markers carry
 * the new epoch.
 */
export function endTransaction(tx: Tx, m: TransactionMetadata, result: MarkerType): void {
  const bumped: TransactionMetadata = {
    ...m,
    producerEpoch: m.producerEpoch + 1,
    state: result === 'COMMIT' ? 'PrepareCommit' : 'PrepareAbort',
  };
  setMetadata(tx, bumped);
  setProducerIdAndEpoch(tx, m.owner, m.producerId, bumped.producerEpoch);
  writeMarkers(tx, bumped, result);
}

function writeMarkers(tx: Tx, m: TransactionMetadata, result: MarkerType): void {
  const prepared: TransactionMetadata = {
    ...m,
    state: result === 'COMMIT' ? 'PrepareCommit' : 'PrepareAbort',
  };
  const pending = writeAll(tx, prepared, prepared.partitions, result);
  if (result === 'COMMIT') commitOffsets(tx, prepared);
  settle(tx, { ...prepared, pendingMarkers: pending });
}

function writeAll(
  tx: Tx,
  m: TransactionMetadata,
  partitions: readonly string[],
  result: MarkerType,
): string[] {
  const pending: string[] = [];
  for (const key of partitions) {
    const cut = key.lastIndexOf('/');
    const written = writeMarker(tx, {
      transactionalId: m.transactionalId,
      producer: m.owner,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      topic: key.slice(0, cut),
      partition: Number(key.slice(cut + 1)),
      marker: result,
    });
    if (!written) pending.push(key);
  }
  return pending;
}

/** Complete once every marker is written; otherwise retry the rest after a back-off. */
function settle(tx: Tx, m: TransactionMetadata): void {
  if (m.pendingMarkers.length > 0) {
    setMetadata(tx, m);
    tx.schedule('txnMarkerRetry', tx.state.now + MARKER_RETRY_MS, { transactionalId: m.transactionalId });
    return;
  }
  const state = m.state === 'PrepareCommit' ? 'CompleteCommit' : 'CompleteAbort';
  setMetadata(tx, { ...m, state, partitions: [], groups: [], pendingOffsets: [], txnStartMs: null });
  tx.emit({ type: 'transactionCompleted', transactionalId: m.transactionalId, state });
}

export function onMarkerRetry(tx: Tx, transactionalId: string): void {
  const m = txnSlice(tx).transactions[transactionalId];
  if (!m || m.pendingMarkers.length === 0) return;
  const result: MarkerType = m.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT';
  settle(tx, { ...m, pendingMarkers: writeAll(tx, m, m.pendingMarkers, result) });
}

/** The transaction's offsets become the group's committed offsets (GroupMetadata.completePendingTxnOffsetCommit). */
function commitOffsets(tx: Tx, m: TransactionMetadata): void {
  for (const group of m.groups) {
    const mine = m.pendingOffsets.filter((o) => o.group === group);
    if (mine.length === 0) continue;
    const g = groupOf(tx, group) ?? emptyGroup(group);
    const offsets = { ...g.offsets };
    for (const o of mine)
      offsets[tpKey(o.topic, o.partition)] = {
        offset: o.offset,
        commitTimestampMs: tx.state.now,
        memberId: '',
      };
    setGroup(tx, { ...g, offsets });
    tx.emit({
      type: 'txnOffsetsCommitted',
      transactionalId: m.transactionalId,
      group,
      offsets: mine.map(({ topic, partition, offset }) => ({ topic, partition, offset })),
    });
  }
}

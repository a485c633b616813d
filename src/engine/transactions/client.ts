/**
 * The transactional producer's side (KafkaProducer's transactional API over TransactionManager): states
 * READY -> IN_TRANSACTION -> COMMITTING/ABORTING_TRANSACTION -> READY, a partition added to the
 * transaction before its first record is sent, and EndTxn only once every batch of the transaction has been
 * answered (commitTransaction flushes first).
 */
import type { EngineError } from '../core/events';
import type { Tx } from '../core/tx';
import { addOffsets, addPartition, endTransaction, initProducerId, metadataFor } from './coordinator';
import { setClient, txnSlice } from './slice';
import type { ClientTransactionState, TransactionalClient, TransactionCommand } from './types';

type Cmd<T extends TransactionCommand['type']> = Extract<TransactionCommand, { type: T }>;

const invalidState = (message: string): EngineError => ({ code: 'INVALID_TXN_STATE', message });

function transactionalIdOf(tx: Tx, producer: string): string | EngineError {
  const p = tx.producer(producer);
  if (!p) return { code: 'UNKNOWN_PRODUCER', message: `No producer '${producer}'.` };
  const id = p.config.transactionalId;
  if (!id)
    return invalidState(
      'Transactional method invoked on a non-transactional producer (no transactional.id).',
    );
  return id;
}

/** The client in the state an operation needs, or the IllegalStateException the Java client throws. */
function clientIn(
  tx: Tx,
  producer: string,
  states: readonly ClientTransactionState[],
  operation: string,
): TransactionalClient | EngineError {
  const id = transactionalIdOf(tx, producer);
  if (typeof id !== 'string') return id;
  const c = txnSlice(tx).clients[producer];
  if (!c) return invalidState(`Cannot ${operation} before completing a call to initTransactions.`);
  if (c.state === 'FENCED') return { code: 'PRODUCER_FENCED', message: `Producer '${producer}' is fenced.` };
  if (!states.includes(c.state))
    return invalidState(`TransactionalId ${c.transactionalId}: cannot ${operation} in state ${c.state}.`);
  return c;
}

const isError = (v: unknown): v is EngineError => typeof v === 'object' && v !== null && 'code' in v;

export function initTransactions(tx: Tx, cmd: Cmd<'initTransactions'>): EngineError | undefined {
  const id = transactionalIdOf(tx, cmd.producer);
  if (typeof id !== 'string') return id;
  if (txnSlice(tx).clients[cmd.producer]) return invalidState('initTransactions was already called.');
  initProducerId(tx, cmd.producer, id);
  setClient(tx, cmd.producer, { transactionalId: id, state: 'READY', failedAtBegin: 0 });
  return undefined;
}

export function beginTransaction(tx: Tx, cmd: Cmd<'beginTransaction'>): EngineError | undefined {
  const c = clientIn(tx, cmd.producer, ['READY'], 'begin a transaction');
  if (isError(c)) return c;
  // Local to the client: the coordinator hears of the transaction with its first partition or offsets.
  setClient(tx, cmd.producer, {
    ...c,
    state: 'IN_TRANSACTION',
    failedAtBegin: tx.producer(cmd.producer)!.failed,
  });
  tx.emit({ type: 'transactionBegun', producer: cmd.producer, transactionalId: c.transactionalId });
  return undefined;
}

/**
 * Called by produce() for a transactional producer before a record joins a batch (TransactionManager
 * .maybeAddPartition, then AddPartitionsToTxn): refuses a send outside a transaction, and a fenced producer.
 */
export function beforeTransactionalSend(
  tx: Tx,
  producer: string,
  topic: string,
  partition: number,
): EngineError | undefined {
  const c = clientIn(tx, producer, ['IN_TRANSACTION'], 'send');
  if (isError(c)) return c;
  const m = metadataFor(tx, producer, c.transactionalId);
  if (isError(m)) return m;
  addPartition(tx, m, topic, partition);
  return undefined;
}

export function sendOffsetsToTransaction(
  tx: Tx,
  cmd: Cmd<'sendOffsetsToTransaction'>,
): EngineError | undefined {
  const c = clientIn(tx, cmd.producer, ['IN_TRANSACTION'], 'send offsets to a transaction');
  if (isError(c)) return c;
  const m = metadataFor(tx, cmd.producer, c.transactionalId);
  if (isError(m)) return m;
  const offsets = cmd.offsets.map((o) => ({ group: cmd.group, ...o }));
  addOffsets(tx, m, cmd.group, offsets);
  tx.emit({
    type: 'offsetsAddedToTransaction',
    producer: cmd.producer,
    transactionalId: c.transactionalId,
    group: cmd.group,
    offsets: cmd.offsets.map((o) => ({ ...o })),
  });
  return undefined;
}

function endCommand(tx: Tx, producer: string, result: 'COMMIT' | 'ABORT'): EngineError | undefined {
  const operation = result === 'COMMIT' ? 'commit a transaction' : 'abort a transaction';
  const c = clientIn(tx, producer, ['IN_TRANSACTION'], operation);
  if (isError(c)) return c;
  const m = metadataFor(tx, producer, c.transactionalId);
  if (isError(m)) return m;
  setClient(tx, producer, {
    ...c,
    state: result === 'COMMIT' ? 'COMMITTING_TRANSACTION' : 'ABORTING_TRANSACTION',
  });
  const p = tx.producerDraft(producer)!;
  if (result === 'ABORT') {
    // abortTransaction: batches not yet sent are dropped (never written); sent ones are waited for.
    p.open = {};
    p.ready = [];
  } else {
    // commitTransaction flushes: every open batch is sent now.
    p.ready = [...p.ready, ...Object.values(p.open)];
    p.open = {};
  }
  afterProducerProgress(tx, producer);
  return undefined;
}

export const commitTransaction = (tx: Tx, cmd: Cmd<'commitTransaction'>) =>
  endCommand(tx, cmd.producer, 'COMMIT');
export const abortTransaction = (tx: Tx, cmd: Cmd<'abortTransaction'>) =>
  endCommand(tx, cmd.producer, 'ABORT');

/** Whether any batch of the producer is still to be sent, in flight, or waiting to be retried. */
function outstanding(tx: Tx, producer: string): boolean {
  const p = tx.producer(producer)!;
  if (Object.keys(p.open).length > 0 || p.ready.length > 0 || Object.keys(p.inFlight).length > 0) return true;
  return tx.state.timers.some((t) => t.kind === 'produceRetry' && t.payload.producer === producer);
}

/**
 * The producer's sender calls this after each answer, timeout or failure: a commit or abort waiting for
 * its batches sends EndTxn once none is outstanding. A commit whose transaction lost a batch (it failed for
 * good) cannot commit: the Java client raises the error and the application aborts; the simulator aborts.
 */
export function afterProducerProgress(tx: Tx, producer: string): void {
  const c = txnSlice(tx).clients[producer];
  if (!c || (c.state !== 'COMMITTING_TRANSACTION' && c.state !== 'ABORTING_TRANSACTION')) return;
  if (outstanding(tx, producer)) return;
  const m = metadataFor(tx, producer, c.transactionalId);
  if (isError(m)) return;
  const lost = tx.producer(producer)!.failed > c.failedAtBegin;
  const result = c.state === 'COMMITTING_TRANSACTION' && !lost ? 'COMMIT' : 'ABORT';
  const reason =
    c.state === 'COMMITTING_TRANSACTION' && lost ? 'a batch of the transaction failed' : undefined;
  tx.emit({
    type: 'transactionEnding',
    producer,
    transactionalId: c.transactionalId,
    result,
    ...(reason ? { reason } : {}),
  });
  endTransaction(tx, m, result);
  setClient(tx, producer, { ...c, state: 'READY' });
}

/** The fields a transactional producer's ProduceRequest carries (its epoch and the transactional flag). */
export function transactionalRequestFields(
  tx: Tx,
  producer: string,
): { transactional: true; producerEpoch: number } | Record<never, never> {
  const c = txnSlice(tx).clients[producer];
  const ids = txnSlice(tx).producerIds[producer];
  if (!c || !ids) return {};
  return { transactional: true, producerEpoch: ids.producerEpoch };
}

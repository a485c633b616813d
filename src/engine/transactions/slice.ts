/** Reading and writing the transactions slice of the engine state. */
import type { Tx } from '../core/tx';
import type { TransactionalClient, TransactionMetadata, TransactionsSlice } from './types';

export const txnSlice = (tx: Tx): TransactionsSlice => tx.state.transactions;

export function setTxnSlice(tx: Tx, next: TransactionsSlice): void {
  tx.state = { ...tx.state, transactions: next };
}

export function setMetadata(tx: Tx, m: TransactionMetadata): void {
  const s = txnSlice(tx);
  setTxnSlice(tx, { ...s, transactions: { ...s.transactions, [m.transactionalId]: m } });
}

export function setClient(tx: Tx, producer: string, c: TransactionalClient): void {
  const s = txnSlice(tx);
  setTxnSlice(tx, { ...s, clients: { ...s.clients, [producer]: c } });
}

/** InitProducerId's allocation: the next id of the cluster's block (ProducerIdManager.generateProducerId). */
export function allocateProducerId(tx: Tx): number {
  const s = txnSlice(tx);
  setTxnSlice(tx, { ...s, nextProducerId: s.nextProducerId + 1 });
  return s.nextProducerId;
}

export function setProducerIdAndEpoch(
  tx: Tx,
  producer: string,
  producerId: number,
  producerEpoch: number,
): void {
  const s = txnSlice(tx);
  setTxnSlice(tx, { ...s, producerIds: { ...s.producerIds, [producer]: { producerId, producerEpoch } } });
}

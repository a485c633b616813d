/**
 * Producer ids and transactions (KIP-98): the producer ids a cluster hands out (InitProducerId), the
 * transaction coordinator's metadata per transactional.id (TransactionMetadata), and each transactional
 * producer's client state (TransactionManager). The partitions' side (markers, the last stable offset, the
 * aborted ranges) is read from the logs themselves (stable-offset.ts), so it replicates and survives a
 * leader change with them.
 */
import type { BrokerId, TpKey } from '../core/types';

/** A producer's identity on the wire: its id and epoch (ProducerIdAndEpoch). */
export interface ProducerIdAndEpoch {
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** TransactionState on the coordinator (TransactionState.java). */
export type TransactionState =
  | 'Empty'
  | 'Ongoing'
  | 'PrepareCommit'
  | 'PrepareAbort'
  | 'CompleteCommit'
  | 'CompleteAbort';

/** The kind of a control batch's record (ControlRecordType): the end of a transaction on one partition. */
export type MarkerType = 'COMMIT' | 'ABORT';

/** Offsets the transaction commits for a consumer group (TxnOffsetCommit), applied only if it commits. */
export interface PendingTxnOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** The coordinator's record of one transactional.id (TransactionMetadata, kept in __transaction_state). */
export interface TransactionMetadata {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly state: TransactionState;
  /** The partitions of the ongoing transaction (AddPartitionsToTxn), in the order they were added. */
  readonly partitions: readonly TpKey[];
  /** The consumer groups added by AddOffsetsToTxn, and the offsets sent for them by TxnOffsetCommit. */
  readonly groups: readonly string[];
  readonly pendingOffsets: readonly PendingTxnOffset[];
  /** Markers still to write (a partition without a leader when EndTxn came): retried until written. */
  readonly pendingMarkers: readonly TpKey[];
  /** The producer instance (the simulator's name) that holds the current epoch; older ones are zombies. */
  readonly owner: string;
  readonly txnStartMs: number | null;
}

/** TransactionManager.State on the client. */
export type ClientTransactionState =
  | 'READY'
  | 'IN_TRANSACTION'
  | 'COMMITTING_TRANSACTION'
  | 'ABORTING_TRANSACTION'
  | 'FENCED';

export interface TransactionalClient {
  readonly transactionalId: string;
  readonly state: ClientTransactionState;
  /** Records the producer had failed when the transaction began: a later failure makes commit abort. */
  readonly failedAtBegin: number;
}

export interface TransactionsSlice {
  /** The next producer id the cluster hands out (ProducerIdManager; a fresh KRaft cluster starts at 0). */
  readonly nextProducerId: number;
  /** Every idempotent producer's id and epoch, by the simulator's producer name. */
  readonly producerIds: Readonly<Record<string, ProducerIdAndEpoch>>;
  /** The transaction coordinator's metadata, by transactional.id. */
  readonly transactions: Readonly<Record<string, TransactionMetadata>>;
  /** Transactional producers' client state, by producer name. */
  readonly clients: Readonly<Record<string, TransactionalClient>>;
}

export const initialTransactionsSlice: TransactionsSlice = {
  nextProducerId: 0,
  producerIds: {},
  transactions: {},
  clients: {},
};

/** What a scene or a presenter does with a transactional producer (KafkaProducer's transactional API). */
export type TransactionCommand =
  /** initTransactions(): InitProducerId with the producer's transactional.id; fences older instances. */
  | { type: 'initTransactions'; producer: string }
  | { type: 'beginTransaction'; producer: string }
  /** sendOffsetsToTransaction(): AddOffsetsToTxn, then TxnOffsetCommit of the input positions. */
  | {
      type: 'sendOffsetsToTransaction';
      producer: string;
      group: string;
      offsets: { topic: string; partition: number; offset: number }[];
    }
  /** commitTransaction(): flush, then EndTxn(COMMIT) once every batch is acknowledged. */
  | { type: 'commitTransaction'; producer: string }
  | { type: 'abortTransaction'; producer: string };

export type TransactionEvent =
  | {
      type: 'producerIdInitialized';
      producer: string;
      transactionalId: string | null;
      producerId: number;
      producerEpoch: number;
      /** An ongoing transaction of an older epoch that this InitProducerId aborted. */
      abortedOngoing: boolean;
    }
  | { type: 'transactionBegun'; producer: string; transactionalId: string }
  | {
      type: 'partitionAddedToTransaction';
      producer: string;
      transactionalId: string;
      topic: string;
      partition: number;
    }
  | {
      type: 'offsetsAddedToTransaction';
      producer: string;
      transactionalId: string;
      group: string;
      offsets: { topic: string; partition: number; offset: number }[];
    }
  | {
      type: 'transactionEnding';
      producer: string;
      transactionalId: string;
      result: MarkerType;
      /** Why a commit turned into an abort (a batch of the transaction failed), if it did. */
      reason?: string;
    }
  | {
      type: 'txnMarkerWritten';
      transactionalId: string;
      producerId: number;
      producerEpoch: number;
      topic: string;
      partition: number;
      offset: number;
      broker: BrokerId;
      marker: MarkerType;
    }
  | {
      type: 'txnOffsetsCommitted';
      transactionalId: string;
      group: string;
      offsets: { topic: string; partition: number; offset: number }[];
    }
  | { type: 'transactionCompleted'; transactionalId: string; state: 'CompleteCommit' | 'CompleteAbort' }
  | { type: 'producerFenced'; producer: string; transactionalId: string; producerEpoch: number };

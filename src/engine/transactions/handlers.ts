/** The transactions module as step() sees it: its commands and its one timer. */
import type { ModuleHandlers, NoMessages } from '../core/module';
import {
  abortTransaction,
  beginTransaction,
  commitTransaction,
  initTransactions,
  sendOffsetsToTransaction,
} from './client';
import { onMarkerRetry } from './coordinator';
import type { TransactionTimerPayloads } from './protocol';
import type { TransactionCommand } from './types';

export const transactionHandlers: ModuleHandlers<TransactionCommand, NoMessages, TransactionTimerPayloads> = {
  commands: {
    initTransactions,
    beginTransaction,
    sendOffsetsToTransaction,
    commitTransaction,
    abortTransaction,
  },
  messages: {},
  timers: { txnMarkerRetry: (tx, t) => onMarkerRetry(tx, t.payload.transactionalId) },
};

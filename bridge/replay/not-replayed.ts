/**
 * The scene commands a replay does not play, and the sentence that says why: what the console consumer, a
 * cluster without root or ksqlDB, or the Node client cannot do. The runner lists the sentence in `skipped`.
 */
import type { Command } from '../../src/engine';

export type NotReplayed = Extract<
  Command,
  {
    type:
      | 'pauseConsumer'
      | 'resumeConsumer'
      | 'commitSync'
      | 'isolateBroker'
      | 'healBroker'
      | 'isolateBrokerFromPeers'
      | 'electLeaders'
      | 'reassignPartition'
      | 'createQueue'
      | 'sendToQueue'
      | 'addQueueConsumer'
      | 'runQuery'
      | 'stopQuery'
      | 'addModernConsumer'
      | 'closeModernConsumer'
      | 'killModernConsumer'
      | 'joinShareGroup'
      | 'leaveShareGroup'
      | 'shareFetch'
      | 'shareAcknowledge'
      | 'setShareGroupConfig'
      | 'initTransactions'
      | 'beginTransaction'
      | 'sendOffsetsToTransaction'
      | 'commitTransaction'
      | 'abortTransaction';
  }
>;

export function whyNotReplayed(c: NotReplayed): string {
  switch (c.type) {
    case 'pauseConsumer':
    case 'resumeConsumer':
    case 'commitSync':
      return `${c.type} ${c.consumer}: the console consumer cannot be told to ${c.type === 'commitSync' ? 'commit now' : c.type === 'pauseConsumer' ? 'pause' : 'resume'}`;
    case 'isolateBroker':
    case 'healBroker':
    case 'isolateBrokerFromPeers':
      return `${c.type} ${c.broker}: cutting a real broker off the network needs root (iptables); not replayed`;
    case 'electLeaders':
    case 'reassignPartition':
      return `${c.type}: not replayed (the replay runs no kafka-leader-election or kafka-reassign-partitions)`;
    case 'createQueue':
    case 'sendToQueue':
    case 'addQueueConsumer':
      return `${c.type}: the traditional queue is the simulator's contrast, not Kafka`;
    case 'runQuery':
    case 'stopQuery':
      return `${c.type}: ksqlDB is not part of the cluster (no ksqlDB server here)`;
    case 'addModernConsumer':
    case 'closeModernConsumer':
    case 'killModernConsumer':
      return `${c.type}: the replay runs classic console consumers only (the consumer protocol, KIP-848, is not replayed yet)`;
    case 'joinShareGroup':
    case 'leaveShareGroup':
    case 'shareFetch':
    case 'shareAcknowledge':
    case 'setShareGroupConfig':
      return `${c.type}: share groups (KIP-932) are not replayed yet`;
    case 'initTransactions':
    case 'beginTransaction':
    case 'sendOffsetsToTransaction':
    case 'commitTransaction':
    case 'abortTransaction':
      return `${c.type}: transactions are not replayed yet (the Node client has no transactional API)`;
    default: {
      const never: never = c;
      return `${(never as Command).type}: not known to the replay`;
    }
  }
}

/** Commands of replication (issue 5), beyond the core's killBroker/restartBroker/isolateBroker/healBroker. */
import type { BrokerId } from '../core/types';

export type ReplicationCommand =
  /**
   * Cuts a broker off from the controller and the other brokers while clients still reach it: the split
   * brain in which an old leader keeps taking acks=1 writes. healBroker ends it.
   */
  | { type: 'isolateBrokerFromPeers'; broker: BrokerId }
  /** kafka-leader-election --election-type preferred|unclean (Admin.electLeaders). */
  | { type: 'electLeaders'; electionType: 'preferred' | 'unclean'; topic?: string; partition?: number }
  /**
   * kafka-reassign-partitions (KIP-455): adds the new replicas, waits until they join the ISR, then moves
   * leadership if needed and drops the replicas that are not in the target list.
   */
  | { type: 'reassignPartition'; topic: string; partition: number; replicas: BrokerId[] };
